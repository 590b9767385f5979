import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEnum, IsIn, IsOptional, Matches } from 'class-validator';
import { IsCalendarDate } from '../../clinics/dto/clinic-holiday.dto.js';
import { PageQueryDto } from '../../common/pagination/page-query.dto.js';
import { PageOf } from '../../common/pagination/page.dto.js';
import { CallIntent, CallOutcome } from '../../database/enums.js';
import type { CallLog } from '../call-log.entity.js';
import { maskPhone } from '../../../../../libs/shared/src/phone.js';

/** `?transferred=true|false` arrives as text. */
const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class ListCallLogsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ type: String, format: 'date', description: "calls from this day on (inclusive, the clinic's calendar)", example: '2026-11-01' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ type: String, format: 'date', description: "calls up to this day (inclusive, the clinic's calendar)", example: '2026-11-30' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({ enum: CallOutcome, enumName: 'CallOutcome', example: CallOutcome.Booked })
  @IsOptional()
  @IsEnum(CallOutcome)
  outcome?: CallOutcome;

  @ApiPropertyOptional({ enum: CallIntent, enumName: 'CallIntent', example: CallIntent.Book })
  @IsOptional()
  @IsEnum(CallIntent)
  intent?: CallIntent;

  @ApiPropertyOptional({ type: String, enum: ['en', 'zh'], description: 'the language of the call', example: 'en' })
  @IsOptional()
  @IsIn(['en', 'zh'])
  language?: string;

  @ApiPropertyOptional({ type: Boolean, description: 'only calls handed to staff (true) or only the others (false)', example: true })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  transferred?: boolean;

  @ApiPropertyOptional({ type: String, description: "the last digits of the caller's number (2 to 15 digits)", example: '0142' })
  @IsOptional()
  @Matches(/^\d{2,15}$/, { message: 'Search by the last 2 to 15 digits of the caller’s number' })
  q?: string;
}

/** Common fields of a call in the list and in the detail (no PHI beyond the masked number). */
export class CallLogSummaryDto {
  @ApiProperty({ type: String, format: 'uuid', example: '2b1f8d3c-6a4e-4f70-9c1d-5e8a7b6c4d21' })
  id: string;
  @ApiProperty({ type: String, nullable: true, description: "Vapi's call id", example: 'c7d4e0b2-3f1a-4a8e-9b6d-1e2f3a4b5c6d' })
  vapiCallId: string | null;
  @ApiProperty({ type: String, nullable: true, description: "the caller's number with all but its last 4 digits hidden", example: '********0142' })
  callerPhoneMasked: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'en' })
  language: string | null;
  @ApiProperty({ enum: CallIntent, enumName: 'CallIntent', nullable: true, example: CallIntent.Book })
  intent: CallIntent | null;
  @ApiProperty({ enum: CallOutcome, enumName: 'CallOutcome', nullable: true, example: CallOutcome.Booked })
  outcome: CallOutcome | null;
  @ApiProperty({ type: Boolean, example: false })
  transferredToStaff: boolean;
  @ApiProperty({ type: Number, nullable: true, example: 184 })
  durationSeconds: number | null;
  @ApiProperty({ type: Number, nullable: true, description: "Vapi's cost in USD", example: 0.42 })
  cost: number | null;
  @ApiProperty({ type: Boolean, nullable: true, description: 'the caller agreed to an SMS confirmation', example: true })
  smsConsent: boolean | null;
  @ApiProperty({ type: Boolean, description: 'a transcript is kept (the retention job removes it after the clinic\'s transcript retention)', example: true })
  hasTranscript: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-11-23T17:30:02.000Z' })
  startedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-11-23T17:33:06.000Z' })
  endedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', description: 'when the call was recorded (end of call)', example: '2026-11-23T17:33:07.412Z' })
  createdAt: string;
}

/** One call with its transcript and summary (PHI: the clinic's staff only). */
export class CallLogDetailDto extends CallLogSummaryDto {
  @ApiProperty({ type: String, nullable: true, description: "the caller's number, E.164", example: '+16045550142' })
  callerPhone: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'the OSCAR chart the call was about', example: 1 })
  demographicId: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'the OSCAR appointment booked or changed', example: 10234 })
  appointmentId: number | null;
  @ApiProperty({ type: String, nullable: true, example: 'caller asked for a person' })
  transferReason: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-11-23T17:33:10.000Z' })
  smsSentAt: string | null;
  @ApiProperty({ type: String, nullable: true, description: "Vapi's endedReason", example: 'customer-ended-call' })
  endedReason: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'the full transcript; null once the retention job removed it', example: 'AI: Hello, this is the clinic…' })
  transcript: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'The caller booked a visit with Dr. Chen on Tuesday at 9:00.' })
  summary: string | null;
}

export class CallLogListDto extends PageOf(CallLogSummaryDto) {}


const iso = (date: Date | null) => date?.toISOString() ?? null;

export function toCallLogSummaryDto(log: CallLog): CallLogSummaryDto {
  return {
    id: log.id,
    vapiCallId: log.vapiCallId,
    callerPhoneMasked: maskPhone(log.callerPhone),
    language: log.language,
    intent: log.intent,
    outcome: log.outcome,
    transferredToStaff: log.transferredToStaff,
    durationSeconds: log.durationSeconds,
    cost: log.cost,
    smsConsent: log.smsConsent,
    hasTranscript: log.transcript !== null && log.transcript !== '',
    startedAt: iso(log.startedAt),
    endedAt: iso(log.endedAt),
    createdAt: log.createdAt.toISOString(),
  };
}

export function toCallLogDetailDto(log: CallLog): CallLogDetailDto {
  return {
    ...toCallLogSummaryDto(log),
    callerPhone: log.callerPhone,
    demographicId: log.demographicId,
    appointmentId: log.appointmentId,
    transferReason: log.transferReason,
    smsSentAt: iso(log.smsSentAt),
    endedReason: log.endedReason,
    transcript: log.transcript,
    summary: log.summary,
  };
}
