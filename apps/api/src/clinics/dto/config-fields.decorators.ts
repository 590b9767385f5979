import { applyDecorators } from '@nestjs/common';
import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  Allow,
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsISO8601,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  registerDecorator,
} from 'class-validator';
import { fieldLabel } from '../../common/validation/field-words.js';
import { SMS_PLACEHOLDERS, unknownSmsPlaceholders } from '../../../../../libs/shared/src/sms-template.js';
import { IsPhone, phoneInput } from './clinic.dto.js';

/**
 * One decorator per kind of configuration field: the OpenAPI description (type, range, example)
 * and the validation rules together. Nullable fields accept `null` (clears the value).
 */
type Doc = Omit<ApiPropertyOptions, 'type' | 'example' | 'nullable'> & { description?: string };

const notNull = ValidateIf((_o, value) => value !== null);
const nullable = (isNullable: boolean) => (isNullable ? [notNull] : []);

export function BoolField(example: boolean, doc: Doc = {}) {
  return applyDecorators(ApiProperty({ type: Boolean, example, ...doc } as ApiPropertyOptions), IsBoolean());
}

export function IntField(min: number, max: number, example: number | null, options: { nullable?: boolean } & Doc = {}) {
  const { nullable: isNullable = false, ...doc } = options;
  return applyDecorators(
    ApiProperty({ type: Number, minimum: min, maximum: max, example, nullable: isNullable, ...doc } as ApiPropertyOptions),
    ...nullable(isNullable),
    IsInt(),
    Min(min),
    Max(max),
  );
}

export function TextField(maxLength: number, example: string | null, options: { nullable?: boolean; pattern?: RegExp; patternMessage?: string } & Doc = {}) {
  const { nullable: isNullable = true, pattern, patternMessage, ...doc } = options;
  return applyDecorators(
    ApiProperty({ type: String, maxLength, example, nullable: isNullable, ...(pattern ? { pattern: pattern.source } : {}), ...doc } as ApiPropertyOptions),
    Transform(({ value }) => (typeof value === 'string' ? value.trim() : value)),
    ...nullable(isNullable),
    IsString(),
    MaxLength(maxLength),
    ...(pattern ? [Matches(pattern, patternMessage ? { message: patternMessage } : undefined)] : []),
  );
}

/**
 * An SMS template: text whose `{placeholders}` are all ones the sender fills (libs/shared's
 * contract). An unknown one — a typo, or a patient detail texts never carry — is refused, naming
 * it, so a template that would send `{oops}` to patients is never saved.
 */
export function SmsTemplateField(maxLength: number, example: string | null) {
  const known = SMS_PLACEHOLDERS.map((name) => `{${name}}`).join(', ');
  return applyDecorators(
    TextField(maxLength, example, { description: `placeholders: ${known}; null = built-in template` }),
    (target: object, propertyName: string | symbol) =>
      registerDecorator({
        name: 'knownSmsPlaceholders',
        target: target.constructor,
        propertyName: String(propertyName),
        options: {
          message: (args) => {
            const unknown = typeof args.value === 'string' ? unknownSmsPlaceholders(args.value).map((name) => `{${name}}`) : [];
            return `${unknown.length === 1 ? 'Unknown placeholder' : 'Unknown placeholders'} ${unknown.join(', ')}: a text can use ${known}`;
          },
        },
        validator: { validate: (value: unknown) => typeof value !== 'string' || unknownSmsPlaceholders(value).length === 0 },
      }),
  );
}

export function EnumField(values: readonly string[], enumName: string, example: string, doc: Doc = {}) {
  return applyDecorators(
    ApiProperty({ enum: values as string[], enumName, example, ...doc } as ApiPropertyOptions),
    IsIn(values as string[]),
  );
}

export function EnumListField(values: readonly string[], enumName: string, example: string[], doc: Doc = {}) {
  return applyDecorators(
    ApiProperty({ enum: values as string[], enumName, isArray: true, example, ...doc } as ApiPropertyOptions),
    IsArray(),
    ArrayUnique(),
    IsIn(values as string[], { each: true }),
  );
}

export function TextListField(maxItems: number, itemPattern: RegExp, example: string[], options: { itemWords: string } & Doc) {
  const { itemWords, ...doc } = options;
  return applyDecorators(
    ApiProperty({ type: [String], example, maxItems, ...doc } as ApiPropertyOptions),
    IsArray(),
    ArrayMaxSize(maxItems),
    ArrayUnique(),
    Matches(itemPattern, { each: true, message: (args) => `${fieldLabel(args.property).label}: each entry must be ${itemWords}` }),
  );
}

export function PhoneField(example: string | null, doc: Doc = {}) {
  return applyDecorators(
    ApiProperty({ type: String, nullable: true, example, description: 'E.164', ...doc } as ApiPropertyOptions),
    Transform(({ value }) => phoneInput(value)),
    notNull,
    IsPhone(),
  );
}

export function EmailField(example: string | null, doc: Doc = {}) {
  return applyDecorators(
    ApiProperty({ type: String, format: 'email', nullable: true, example, ...doc } as ApiPropertyOptions),
    Transform(({ value }) => (typeof value === 'string' ? value.trim() : value)),
    notNull,
    IsEmail(),
    MaxLength(254),
  );
}

export function DateTimeField(example: string | null, doc: Doc = {}) {
  return applyDecorators(
    ApiProperty({ type: String, format: 'date-time', nullable: true, example, ...doc } as ApiPropertyOptions),
    notNull,
    IsISO8601({ strict: true }),
  );
}

/** Shown by GET, accepted (and ignored) by PUT, so the whole GET answer can be sent back. */
export function ReadOnlyField(options: ApiPropertyOptions) {
  return applyDecorators(ApiProperty({ readOnly: true, ...options } as ApiPropertyOptions), Allow());
}

/** `{"<visit reason>": {"code": "B", "durationMin": 15}}` (clinic mappings and provider overrides). */
export function IsAppointmentTypeMap() {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isAppointmentTypeMap',
      target: target.constructor,
      propertyName,
      options: {
        message: (args) =>
          `${fieldLabel(args.property).label}: give each visit reason (lower-case letters, digits and _) an appointment type code of 1–8 letters or digits and a length of 5–240 minutes; at most 50 reasons`,
      },
      validator: { validate: (value: unknown) => isAppointmentTypeMap(value) },
    });
}

export function isAppointmentTypeMap(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > 50) return false;
  return entries.every(([reason, mapping]) => {
    if (!/^[a-z0-9_]{1,40}$/.test(reason)) return false;
    if (typeof mapping !== 'object' || mapping === null || Array.isArray(mapping)) return false;
    const { code, durationMin, ...rest } = mapping as Record<string, unknown>;
    if (Object.keys(rest).length) return false;
    if (typeof code !== 'string' || !/^[A-Za-z0-9]{1,8}$/.test(code)) return false;
    return durationMin === undefined || (Number.isInteger(durationMin) && (durationMin as number) >= 5 && (durationMin as number) <= 240);
  });
}

export const APPOINTMENT_TYPE_MAP_SCHEMA: ApiPropertyOptions = {
  type: 'object',
  nullable: true,
  additionalProperties: {
    type: 'object',
    required: ['code'],
    properties: { code: { type: 'string', example: 'B' }, durationMin: { type: 'integer', minimum: 5, maximum: 240, example: 15 } },
  },
  example: { checkup: { code: 'B', durationMin: 15 }, follow_up: { code: '2', durationMin: 15 } },
} as ApiPropertyOptions;
