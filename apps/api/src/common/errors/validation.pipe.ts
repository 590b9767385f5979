import { BadRequestException, ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { constraintMessage } from '../validation/field-words.js';
import { fieldsSummary, type FieldError } from './domain-error.js';

const PRESENCE = new Set(['isDefined', 'isNotEmpty']);
const SIZE = new Set(['min', 'max', 'minLength', 'maxLength', 'arrayMinSize', 'arrayMaxSize', 'arrayUnique']);

/**
 * The rule a person should hear about first when a value breaks several (decorators register in
 * no order a reader can rely on): a missing value, then its kind or form, then its size.
 */
function firstToSay(constraints: Record<string, string>): [string, string] | undefined {
  const rank = (name: string) => (PRESENCE.has(name) ? 0 : SIZE.has(name) ? 2 : 1);
  return Object.entries(constraints).sort(([a], [b]) => rank(a) - rank(b))[0];
}

/** Constraints whose class-validator text is fixed (it names the property): always said in our words. */
const OUR_WORDS_ONLY = new Set(['whitelistValidation', 'nestedValidation', 'unknownValue']);

/** The arguments a decorator was given (`@Max(3650)` → [3650]), from class-validator's metadata of the object's class. */
function constraintArguments(target: object | undefined, property: string, constraint: string): readonly unknown[] {
  if (!target || typeof target !== 'object') return [];
  const metadata = getMetadataStorage().getTargetValidationMetadatas(target.constructor, '', true, false);
  return metadata.find((m) => m.propertyName === property && (m.name === constraint || m.type === constraint))?.constraints ?? [];
}

/**
 * One entry per invalid field (the first rule to fix, see `firstToSay`): the
 * validator's own message when it has one, else the words of `field-words.ts` with the field's label.
 */
function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const first = firstToSay(error.constraints ?? {});
    const own: FieldError[] = [];
    if (first) {
      const [constraint, message] = first;
      if (constraint === 'whitelistValidation') own.push({ field, message: `${field} is not a field of this request` });
      else if (message && !OUR_WORDS_ONLY.has(constraint)) own.push({ field, message });
      else own.push({ field, message: constraintMessage(field, constraint, constraintArguments(error.target, error.property, constraint)) });
    }
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

/** Validates and transforms DTOs; unknown properties are refused; one error entry per invalid field, in words for a person. */
export function createValidationPipe(): ValidationPipe {
  return new DtoValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    // a validator without its own message answers '' and is said in field-words.ts
    dismissDefaultMessages: true,
    // the validated object reaches the factory (never the client) to read the decorators' arguments
    validationError: { target: true, value: false },
    exceptionFactory: (errors) => {
      const fieldErrors = flatten(errors);
      return new BadRequestException({ message: fieldsSummary(fieldErrors), errors: fieldErrors });
    },
  });
}
