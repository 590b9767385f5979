import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsEmail, IsEnum, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateBy, ValidateIf, ValidateNested } from 'class-validator';
import { isValidBcPhn } from '../../../../../libs/shared/src/bc-phn.js';
import type { WaitlistDetails } from '../../calls/waitlist-details.js';
import { PageQueryDto } from '../../common/pagination/page-query.dto.js';
import { PageOf } from '../../common/pagination/page.dto.js';
import { WaitlistSource, WaitlistStatus } from '../../database/enums.js';
import type { WaitlistEntry } from '../waitlist-entry.entity.js';
import { IsCalendarDate } from './clinic-holiday.dto.js';
import { IsPhone, phoneInput } from './clinic.dto.js';
import { trim, trimOrNull } from '../../common/validation/transforms.js';

export const PHN_MESSAGE =
  'Health card number is not a valid BC Personal Health Number: 10 digits starting with 9, the last a check digit that must match the others; look for a mistyped digit';

/** A BC health card number must be a real PHN (10 digits, leading 9, mod-11 check); other cards are free text. */
const IsPhnWhenBc = () =>
  ValidateBy({
    name: 'isPhnWhenBc',
    validator: {
      validate: (value, args) =>
        typeof value !== 'string' || String((args?.object as { healthCardType?: unknown }).healthCardType ?? '').toUpperCase() !== 'BC' || isValidBcPhn(value),
    },
  }, { message: PHN_MESSAGE });


export class ListWaitlistQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: WaitlistStatus, enumName: 'WaitlistStatus', example: WaitlistStatus.Pending })
  @IsOptional()
  @IsEnum(WaitlistStatus)
  status?: WaitlistStatus;
}

/** What a caller (or the staff) gave for the chart; encrypted at rest, shown only in the entry's detail. */
export class WaitlistDetailsDto {
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, example: '1985-04-12' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsCalendarDate()
  dateOfBirth?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 40, example: 'F' })
  @IsOptional()
  @Transform(trimOrNull)
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @MaxLength(40)
  gender?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 300, example: '123 Main St' })
  @IsOptional()
  @Transform(trimOrNull)
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @MaxLength(300)
  address?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 100, example: 'Vancouver' })
  @IsOptional()
  @Transform(trimOrNull)
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @MaxLength(100)
  city?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 20, example: 'V6B 1A1' })
  @IsOptional()
  @Transform(trimOrNull)
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @MaxLength(20)
  postalCode?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 20, description: 'province of the health card, e.g. BC', example: 'BC' })
  @IsOptional()
  @Transform(trimOrNull)
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @MaxLength(20)
  healthCardType?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 30, example: '9876543218' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.replace(/[\s-]/g, '') || null : value))
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @MaxLength(30)
  @IsPhnWhenBc()
  healthCardNumber?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'the language the patient prefers', example: 'en' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsIn(['en', 'zh'])
  language?: string | null;
}

export class CreateWaitlistEntryDto {
  @ApiProperty({ type: String, maxLength: 100, example: 'Mei' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  firstName: string;

  @ApiProperty({ type: String, maxLength: 100, example: 'Wong' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  lastName: string;

  @ApiProperty({ type: String, description: 'a phone number; North American numbers may omit +1', example: '604-555-0177' })
  @Transform(({ value }) => phoneInput(typeof value === 'string' ? value.trim() : value))
  @IsString()
  @IsNotEmpty()
  @MaxLength(30)
  @IsPhone()
  phone: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'mei.wong@example.com' })
  @IsOptional()
  @Transform(trimOrNull)
  @ValidateIf((_o, v) => v !== null)
  @IsEmail()
  @MaxLength(320)
  email?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 2000, example: 'Prefers mornings' })
  @IsOptional()
  @Transform(trimOrNull)
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @MaxLength(2000)
  notes?: string | null;

  @ApiPropertyOptional({ type: WaitlistDetailsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => WaitlistDetailsDto)
  details?: WaitlistDetailsDto;
}

export class UpdateWaitlistEntryDto {
  @ApiPropertyOptional({
    enum: WaitlistStatus,
    enumName: 'WaitlistStatus',
    description: 'pending → contacted → registered or declined (a pending entry may also be declined); registered and declined are final',
    example: WaitlistStatus.Contacted,
  })
  @IsOptional()
  @IsEnum(WaitlistStatus)
  status?: WaitlistStatus;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 2000, description: 'replaces the notes; null or "" clears them', example: 'Left a voicemail on Monday' })
  @IsOptional()
  @Transform(trimOrNull)
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @MaxLength(2000)
  notes?: string | null;
}

export class WaitlistEntryDto {
  @ApiProperty({ type: String, format: 'uuid', example: '3c9a1e52-7b64-4d1f-8e2a-9f0b1c2d3e4f' })
  id: string;
  @ApiProperty({ type: String, example: 'Mei' })
  firstName: string;
  @ApiProperty({ type: String, example: 'Wong' })
  lastName: string;
  @ApiProperty({ type: String, example: '+16045550177' })
  phone: string;
  @ApiProperty({ type: String, nullable: true, example: 'mei.wong@example.com' })
  email: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Prefers mornings' })
  notes: string | null;
  @ApiProperty({ enum: WaitlistStatus, enumName: 'WaitlistStatus', example: WaitlistStatus.Pending })
  status: WaitlistStatus;
  @ApiProperty({ enum: WaitlistSource, enumName: 'WaitlistSource', description: 'voice: registered by a caller; console: added by staff', example: WaitlistSource.Voice })
  source: WaitlistSource;
  @ApiProperty({ type: Boolean, description: 'registration details are kept (read them in the entry)', example: true })
  hasDetails: boolean;
  @ApiProperty({ type: String, format: 'date-time', example: '2026-11-20T18:04:11.000Z' })
  createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-11-21T17:00:00.000Z' })
  contactedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  registeredAt: string | null;
}

export class WaitlistEntryDetailDto extends WaitlistEntryDto {
  @ApiProperty({ type: WaitlistDetailsDto, nullable: true, description: 'decrypted registration details (PHI: the clinic staff only)' })
  details: WaitlistDetailsDto | null;
}

export class WaitlistEntryListDto extends PageOf(WaitlistEntryDto) {}

export function toWaitlistEntryDto(entry: WaitlistEntry): WaitlistEntryDto {
  return {
    id: entry.id,
    firstName: entry.firstName,
    lastName: entry.lastName,
    phone: entry.phone,
    email: entry.email,
    notes: entry.notes,
    status: entry.status,
    source: entry.source,
    hasDetails: !!entry.detailsEnc,
    createdAt: entry.createdAt.toISOString(),
    contactedAt: entry.contactedAt?.toISOString() ?? null,
    registeredAt: entry.registeredAt?.toISOString() ?? null,
  };
}

export function toWaitlistEntryDetailDto({ entry, details }: { entry: WaitlistEntry; details: WaitlistDetails | null }): WaitlistEntryDetailDto {
  return { ...toWaitlistEntryDto(entry), details };
}
