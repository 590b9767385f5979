import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { CallIntent, CallOutcome } from '../../database/enums.js';

/**
 * The tools' arguments (SPEC §4.1: names are the contract with the assistant). The webhook
 * validates with these classes, and `GET /api/vapi/tools` builds the JSON schemas from the same
 * metadata (tool-schemas.ts). LLMs send numbers and booleans as strings now and then: the
 * transforms accept "12" and "true"; anything else is INVALID_ARGUMENTS.
 */

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_OR_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

const toInt = () => Transform(({ value }) => (typeof value === 'string' && /^\s*\d{1,9}\s*$/.test(value) ? Number(value) : value));
const toBool = () => Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value));
const toText = () => Transform(({ value }) => (typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : value));
const upper = () => Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value));

/** Every tool accepts `language` (else the call's last known language, else the clinic's default). */
export class ToolArgs {
  @ApiPropertyOptional({ enum: ['en', 'zh'], description: 'the caller’s language: en or zh' })
  @IsOptional()
  @IsIn(['en', 'zh'])
  language?: 'en' | 'zh';
}

export class NoArgs extends ToolArgs {}

export class SearchPatientByPhoneArgs extends ToolArgs {
  @ApiPropertyOptional({ description: 'ignored: the caller ID is used (send any value, e.g. "0000000000")' })
  @IsOptional()
  @toText()
  @IsString()
  @MaxLength(40)
  phone?: string;

  @ApiPropertyOptional({ description: 'the caller’s date of birth, YYYY-MM-DD, when they gave it (picks and verifies their chart)' })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'dateOfBirth must be YYYY-MM-DD' })
  dateOfBirth?: string;
}

export class SearchPatientArgs extends ToolArgs {
  @ApiProperty({ description: 'first name as the caller said it' })
  @toText()
  @IsString()
  @IsNotEmpty()
  @MaxLength(80)
  firstName: string;

  @ApiProperty({ description: 'last name as the caller said it' })
  @toText()
  @IsString()
  @IsNotEmpty()
  @MaxLength(80)
  lastName: string;

  @ApiProperty({ description: 'date of birth, YYYY-MM-DD' })
  @Matches(ISO_DATE, { message: 'dateOfBirth must be YYYY-MM-DD' })
  dateOfBirth: string;
}

export class FindEarliestAppointmentArgs extends ToolArgs {
  @ApiPropertyOptional({ description: 'a provider as the caller named them, e.g. "Dr. Chen"' })
  @IsOptional()
  @toText()
  @IsString()
  @MaxLength(80)
  providerName?: string;

  @ApiPropertyOptional({ description: 'OSCAR provider number from get_providers or an earlier offer, e.g. "101"' })
  @IsOptional()
  @toText()
  @IsString()
  @MaxLength(20)
  providerId?: string;

  @ApiPropertyOptional({ description: 'search from this date (YYYY-MM-DD); past dates count as today' })
  @IsOptional()
  @Matches(ISO_DATE_OR_TIME, { message: 'startDate must be YYYY-MM-DD' })
  startDate?: string;

  @ApiPropertyOptional({ description: 'search up to this date (YYYY-MM-DD), included' })
  @IsOptional()
  @Matches(ISO_DATE_OR_TIME, { message: 'endDate must be YYYY-MM-DD' })
  endDate?: string;

  @ApiPropertyOptional({ enum: ['morning', 'afternoon', 'evening'], description: 'morning (before 12), afternoon (12–17), evening (after 17)' })
  @IsOptional()
  @IsIn(['morning', 'afternoon', 'evening'])
  timeOfDay?: 'morning' | 'afternoon' | 'evening';

  @ApiPropertyOptional({ type: [Number], description: 'ISO weekdays the caller can come: 1 = Monday … 7 = Sunday' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(7)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(7, { each: true })
  daysOfWeek?: number[];

  @ApiPropertyOptional({ type: [String], description: 'start times already offered and turned down (startTime values)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(ISO_DATE_TIME, { each: true, message: 'excludeStartTimes must be startTime values' })
  excludeStartTimes?: string[];

  @ApiPropertyOptional({ description: 'appointment type code: B general/checkup, 2 follow-up, 3 complaint, P prescription' })
  @IsOptional()
  @toText()
  @IsString()
  @MaxLength(10)
  appointmentType?: string;

  @ApiPropertyOptional({ description: 'the visit reason in a few words' })
  @IsOptional()
  @toText()
  @IsString()
  @MaxLength(200)
  reason?: string;
}

export class CheckAppointmentsArgs extends ToolArgs {
  @ApiProperty({ description: 'the caller’s demographicId (from search_patient_by_phone or search_patient)' })
  @toInt()
  @IsInt()
  @Min(1)
  demographicId: number;

  @ApiPropertyOptional({ description: 'from this date (YYYY-MM-DD); default today' })
  @IsOptional()
  @Matches(ISO_DATE_OR_TIME, { message: 'startDate must be YYYY-MM-DD' })
  startDate?: string;

  @ApiPropertyOptional({ description: 'up to this date (YYYY-MM-DD); default six months ahead' })
  @IsOptional()
  @Matches(ISO_DATE_OR_TIME, { message: 'endDate must be YYYY-MM-DD' })
  endDate?: string;

  @ApiPropertyOptional({ description: 'also find the earliest bookable slot' })
  @IsOptional()
  @toBool()
  @IsBoolean()
  findAvailable?: boolean;
}

export class CreateAppointmentArgs extends ToolArgs {
  @ApiProperty({ description: 'the caller’s demographicId' })
  @toInt()
  @IsInt()
  @Min(1)
  demographicId: number;

  @ApiProperty({ description: 'providerId of the offer' })
  @toText()
  @IsString()
  @IsNotEmpty()
  @MaxLength(20)
  providerId: string;

  @ApiProperty({ description: 'startTime of the offer, exactly as given' })
  @Matches(ISO_DATE_TIME, { message: 'startTime must be a date and time' })
  startTime: string;

  @ApiPropertyOptional({ description: 'appointment type code (B, 2, 3, P)' })
  @IsOptional()
  @toText()
  @IsString()
  @MaxLength(10)
  appointmentType?: string;

  @ApiPropertyOptional({ description: 'the visit reason in a few words' })
  @IsOptional()
  @toText()
  @IsString()
  @MaxLength(200)
  reason?: string;

  @ApiPropertyOptional({ description: 'false when the caller declined text messages' })
  @IsOptional()
  @toBool()
  @IsBoolean()
  smsConsent?: boolean;
}

export class UpdateAppointmentArgs extends ToolArgs {
  @ApiProperty({ description: 'appointmentId from check_appointments' })
  @toInt()
  @IsInt()
  @Min(1)
  appointmentId: number;

  @ApiProperty({ description: 'startTime of the new offer' })
  @Matches(ISO_DATE_TIME, { message: 'newStartTime must be a date and time' })
  newStartTime: string;

  @ApiPropertyOptional({ description: 'providerId of the new offer when it is another provider' })
  @IsOptional()
  @toText()
  @IsString()
  @MaxLength(20)
  newProviderId?: string;

  @ApiPropertyOptional({ description: 'false when the caller declined text messages' })
  @IsOptional()
  @toBool()
  @IsBoolean()
  smsConsent?: boolean;
}

export class CancelAppointmentArgs extends ToolArgs {
  @ApiProperty({ description: 'appointmentId from check_appointments' })
  @toInt()
  @IsInt()
  @Min(1)
  appointmentId: number;

  @ApiPropertyOptional({ description: 'why, in a few words' })
  @IsOptional()
  @toText()
  @IsString()
  @MaxLength(200)
  reason?: string;

  @ApiPropertyOptional({ description: 'false when the caller declined text messages' })
  @IsOptional()
  @toBool()
  @IsBoolean()
  smsConsent?: boolean;
}

const nameField = (what: string) => [ApiProperty({ description: what }), toText(), IsString(), IsNotEmpty(), MaxLength(80)];
function apply(decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => decorators.forEach((d) => d(target, key));
}

export class RegisterNewPatientArgs extends ToolArgs {
  @apply(nameField('legal first name')) firstName: string;
  @apply(nameField('legal last name')) lastName: string;

  @ApiProperty({ description: 'date of birth, YYYY-MM-DD' })
  @Matches(ISO_DATE, { message: 'dateOfBirth must be YYYY-MM-DD' })
  dateOfBirth: string;

  @ApiProperty({ description: 'male, female or other, as the caller said' })
  @toText()
  @IsString()
  @IsNotEmpty()
  @MaxLength(30)
  gender: string;

  @ApiProperty({ description: 'best number to reach them' })
  @toText()
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  phone: string;

  @ApiProperty({ description: 'street address' })
  @toText()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  address: string;

  @ApiProperty({ description: 'city' })
  @toText()
  @IsString()
  @IsNotEmpty()
  @MaxLength(80)
  city: string;

  @ApiProperty({ description: 'postal code' })
  @toText()
  @IsString()
  @IsNotEmpty()
  @MaxLength(12)
  postalCode: string;

  @ApiProperty({ enum: ['BC', 'OUT_OF_PROVINCE', 'PRIVATE'], description: 'BC (BC Services Card / PHN), OUT_OF_PROVINCE, or PRIVATE (no card)' })
  @upper()
  @IsIn(['BC', 'OUT_OF_PROVINCE', 'PRIVATE'])
  healthCardType: 'BC' | 'OUT_OF_PROVINCE' | 'PRIVATE';

  @ApiPropertyOptional({ description: 'the health card number (a BC PHN is 10 digits starting with 9)' })
  @IsOptional()
  @toText()
  @IsString()
  @MaxLength(20)
  healthCardNumber?: string;

  @ApiPropertyOptional({ description: 'email, if they gave one' })
  @IsOptional()
  @toText()
  @IsString()
  @MaxLength(200)
  email?: string;
}

export class AddToWaitlistArgs extends ToolArgs {
  @apply(nameField('first name')) firstName: string;
  @apply(nameField('last name')) lastName: string;

  @ApiPropertyOptional({ description: 'contact number; default the caller ID' })
  @IsOptional()
  @toText()
  @IsString()
  @MaxLength(40)
  phone?: string;

  @ApiPropertyOptional({ description: 'anything staff should know (preferred days, provider)' })
  @IsOptional()
  @toText()
  @IsString()
  @MaxLength(500)
  notes?: string;
}

export class LogCallMetadataArgs extends ToolArgs {
  @ApiProperty({ enum: Object.values(CallOutcome), description: 'how the call ended' })
  @IsIn(Object.values(CallOutcome))
  callOutcome: CallOutcome;

  @ApiPropertyOptional({ enum: Object.values(CallIntent), description: 'what the caller wanted' })
  @IsOptional()
  @IsIn(Object.values(CallIntent))
  intent?: CallIntent;

  @ApiPropertyOptional({ description: 'the caller’s demographicId' })
  @IsOptional()
  @toInt()
  @IsInt()
  @Min(1)
  demographicId?: number;

  @ApiPropertyOptional({ description: 'the appointment booked or changed' })
  @IsOptional()
  @toInt()
  @IsInt()
  @Min(1)
  appointmentId?: number;

  @ApiPropertyOptional({ description: 'false when the caller declined text messages (latest wins)' })
  @IsOptional()
  @toBool()
  @IsBoolean()
  smsConsent?: boolean;
}

export class TransferCallArgs extends ToolArgs {
  @ApiProperty({ description: 'why: e.g. frustrated, medical_question, record_not_found, caller_request' })
  @toText()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  reason: string;
}
