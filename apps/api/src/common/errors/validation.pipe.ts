import { BadRequestException, ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import type { FieldError } from './domain-error.js';

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * A body bound to a DTO must be a JSON object. No body at all (or one in a type the API does not
 * read, e.g. text/plain) is validated as `{}`, so its required fields are named; an array or
 * `null` is refused as what it is. Without this a missing body reached the service as `undefined`.
 */
class DtoValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && this.toValidate(metadata)) {
      if (value === undefined) return super.transform({}, metadata);
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        throw new BadRequestException({ message: 'The request body must be a JSON object', errors: [] });
      }
    }
    return super.transform(value, metadata);
  }
}

/** Validates and transforms DTOs; unknown properties are refused; one error entry per invalid field. */
export function createValidationPipe(): ValidationPipe {
  return new DtoValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const fieldErrors = flatten(errors);
      return new BadRequestException({
        message: fieldErrors.length ? `Invalid request: ${fieldErrors.map((e) => e.field).join(', ')}` : 'Invalid request',
        errors: fieldErrors,
      });
    },
  });
}
