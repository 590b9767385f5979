import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEnum,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
  registerDecorator,
  type ValidationOptions,
} from 'class-validator';
import { IANAZone } from 'luxon';
import { isE164, toE164 } from '../../../../../libs/shared/src/phone.js';
import { ClinicStatus } from '../../database/enums.js';
import type { Clinic } from '../clinic.entity.js';
import { PageQueryDto } from '../../common/pagination/page-query.dto.js';
import { PageOf } from '../../common/pagination/page.dto.js';
import { trim } from '../../common/validation/transforms.js';

export const PROVINCES = ['AB', 'BC', 'MB', 'NB', 'NL', 'NS', 'NT', 'NU', 'ON', 'PE', 'QC', 'SK', 'YT'] as const;
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const SLUG_MESSAGE = 'Slug may hold only lower-case letters, digits and single hyphens, e.g. harbourview-family';
const POSTAL_CODE = /^[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d$/i;

/** Trims strings; leaves everything else for the validators to refuse. */
/** A phone number in E.164 when it reads as one (else the value as sent, for `@IsPhone` to refuse). */
export const phoneInput = (value: unknown) => (typeof value === 'string' ? (toE164(value) ?? value) : value);
const postal = ({ value }: { value: unknown }) =>
  typeof value === 'string' && POSTAL_CODE.test(value.trim())
    ? `${value.trim().replace(/\s/g, '').slice(0, 3)} ${value.trim().replace(/\s/g, '').slice(3)}`.toUpperCase()
    : value;

/** An E.164 phone number (after normalisation of the usual North American spellings). */
export function IsPhone(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isPhone',
      target: target.constructor,
      propertyName: String(propertyName),
      // said by `isPhone` in common/validation/field-words.ts (one wording for every phone field)
      options: { ...options },
      validator: {
        validate: (value: unknown) => (Array.isArray(value) && options?.each ? value.every((v) => isE164(v)) : isE164(value)),
      },
    });
}

/** An IANA time zone that this Node's ICU knows (luxon), e.g. `America/Vancouver`. */
export function IsIanaZone(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isIanaZone',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && value.includes('/') && IANAZone.isValidZone(value) },
    });
}

/** Fields of a clinic that its manager may change (the rest are the platform admin's). */
/** Fields a clinic is created and edited with (`name` is not here: required to create, optional to edit — an inherited `@IsOptional` would make it optional for both). */
class ClinicContactFields {
  @ApiPropertyOptional({ type: String, nullable: true, description: 'main phone, E.164', example: '+16045550199' })
  @IsOptional()
  @Transform(({ value }) => phoneInput(value))
  @ValidateIf((_o, v) => v !== null)
  @IsPhone()
  phone?: string | null;

  @ApiPropertyOptional({ type: [String], description: 'additional phone numbers, E.164', example: ['+16045550198'] })
  @IsOptional()
  @Transform(({ value }) => (Array.isArray(value) ? value.map(phoneInput) : value))
  @IsArray()
  @ArrayMaxSize(10)
  @IsPhone({ each: true })
  phones?: string[];

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 300, example: '1200 West Pender Street' })
  @IsOptional()
  @Transform(trim)
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @MaxLength(300)
  address?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 100, example: 'Vancouver' })
  @IsOptional()
  @Transform(trim)
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @MaxLength(100)
  city?: string | null;

  @ApiPropertyOptional({ enum: PROVINCES, enumName: 'Province', example: 'BC' })
  @IsOptional()
  @IsIn(PROVINCES as unknown as string[])
  province?: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Canadian postal code', example: 'V6E 2S9' })
  @IsOptional()
  @Transform(postal)
  @ValidateIf((_o, v) => v !== null)
  @Matches(POSTAL_CODE, { message: 'Postal code must be a Canadian postal code, e.g. V6E 2S9' })
  postalCode?: string | null;

  @ApiPropertyOptional({ type: String, description: 'IANA time zone', example: 'America/Vancouver' })
  @IsOptional()
  @IsIanaZone()
  timezone?: string;
}

export class CreateClinicDto extends ClinicContactFields {
  @ApiProperty({ type: String, maxLength: 200, example: 'Harbourview Family Practice' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({
    type: String,
    pattern: SLUG_PATTERN.source,
    maxLength: 63,
    description: 'URL-safe identifier; generated from the name when absent',
    example: 'harbourview-family-practice',
  })
  @IsOptional()
  @Matches(SLUG_PATTERN, { message: SLUG_MESSAGE })
  @MaxLength(63)
  slug?: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'the number Vapi answers for the clinic, E.164', example: '+16045550100' })
  @IsOptional()
  @Transform(({ value }) => phoneInput(value))
  @ValidateIf((_o, v) => v !== null)
  @IsPhone()
  vapiPhone?: string | null;
}

export class UpdateClinicDto extends ClinicContactFields {
  @ApiPropertyOptional({ type: String, maxLength: 200, example: 'Harbourview Family Practice' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ type: String, pattern: SLUG_PATTERN.source, maxLength: 63, description: 'platform admin only', example: 'harbourview' })
  @IsOptional()
  @Matches(SLUG_PATTERN, { message: SLUG_MESSAGE })
  @MaxLength(63)
  slug?: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'platform admin only; E.164', example: '+16045550100' })
  @IsOptional()
  @Transform(({ value }) => phoneInput(value))
  @ValidateIf((_o, v) => v !== null)
  @IsPhone()
  vapiPhone?: string | null;

  @ApiPropertyOptional({ enum: ClinicStatus, enumName: 'ClinicStatus', description: 'platform admin only; clinics are never deleted, set `inactive`. A live clinic moves between `active` and `inactive`; a `pending` one goes live only through activation', example: ClinicStatus.Inactive })
  @IsOptional()
  @IsEnum(ClinicStatus)
  status?: ClinicStatus;
}

export class ListClinicsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ClinicStatus, enumName: 'ClinicStatus', example: ClinicStatus.Active })
  @IsOptional()
  @IsEnum(ClinicStatus)
  status?: ClinicStatus;

  @ApiPropertyOptional({ type: String, description: 'part of the name or slug', example: 'harbour' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class ClinicDto {
  @ApiProperty({ type: String, format: 'uuid', example: '6f1c2a8e-3b7d-4c55-9f0e-2d7a1b9c4e10' })
  id: string;
  @ApiProperty({ type: String, example: 'Harbourview Family Practice' })
  name: string;
  @ApiProperty({ type: String, example: 'harbourview-family-practice' })
  slug: string;
  @ApiProperty({ enum: ClinicStatus, enumName: 'ClinicStatus', example: ClinicStatus.Pending })
  status: ClinicStatus;
  @ApiProperty({ type: String, nullable: true, example: '+16045550199' })
  phone: string | null;
  @ApiProperty({ type: [String], example: [] })
  phones: string[];
  @ApiProperty({ type: String, nullable: true, example: '+16045550100' })
  vapiPhone: string | null;
  @ApiProperty({ type: String, nullable: true, example: '1200 West Pender Street' })
  address: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Vancouver' })
  city: string | null;
  @ApiProperty({ type: String, example: 'BC' })
  province: string;
  @ApiProperty({ type: String, nullable: true, example: 'V6E 2S9' })
  postalCode: string | null;
  @ApiProperty({ type: String, example: 'America/Vancouver' })
  timezone: string;
  @ApiProperty({ type: String, format: 'date-time', example: '2026-01-28T21:28:04.000Z' })
  createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', example: '2026-01-28T21:28:04.000Z' })
  updatedAt: string;
}

export class ClinicListDto extends PageOf(ClinicDto) {}

export function toClinicDto(clinic: Clinic): ClinicDto {
  return {
    id: clinic.id,
    name: clinic.name,
    slug: clinic.slug,
    status: clinic.status,
    phone: clinic.phone,
    phones: clinic.phones ?? [],
    vapiPhone: clinic.vapiPhone,
    address: clinic.address,
    city: clinic.city,
    province: clinic.province,
    postalCode: clinic.postalCode,
    timezone: clinic.timezone,
    createdAt: clinic.createdAt.toISOString(),
    updatedAt: clinic.updatedAt.toISOString(),
  };
}
