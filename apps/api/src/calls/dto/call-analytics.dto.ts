import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IsCalendarDate } from '../../clinics/dto/clinic-holiday.dto.js';

export class CallAnalyticsQueryDto {
  @ApiPropertyOptional({ type: String, format: 'date', description: "first day (the clinic's calendar); default 29 days before `to`", example: '2026-11-01' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ type: String, format: 'date', description: "last day, inclusive (the clinic's calendar); default today", example: '2026-11-30' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({ enum: ['json', 'csv'], description: '`csv`: one line per day (date, calls, transferred, booked by voice, each outcome) as a download', example: 'csv' })
  @IsOptional()
  @IsIn(['json', 'csv'], { message: 'Format must be json or csv' })
  format?: 'json' | 'csv';
}

export class PeakHourDto {
  @ApiProperty({ type: Number, minimum: 1, maximum: 7, description: 'ISO weekday at the clinic: 1 = Monday … 7 = Sunday', example: 1 })
  weekday: number;
  @ApiProperty({ type: Number, minimum: 0, maximum: 23, description: 'hour of the day at the clinic', example: 9 })
  hour: number;
  @ApiProperty({ type: Number, example: 14 })
  calls: number;
}

export class CountByValueDto {
  @ApiProperty({ type: String, nullable: true, description: 'the value; null for calls that never said', example: 'booked' })
  value: string | null;
  @ApiProperty({ type: Number, example: 12 })
  count: number;
}

export class CallDayDto {
  @ApiProperty({ type: String, format: 'date', description: "a day at the clinic", example: '2026-11-23' })
  date: string;
  @ApiProperty({ type: Number, example: 31 })
  calls: number;
  @ApiProperty({ type: Number, example: 4 })
  transferred: number;
  @ApiProperty({ type: [CountByValueDto], description: 'calls of the day by outcome (every outcome, zeros included)' })
  byOutcome: CountByValueDto[];
}

export class CallAnalyticsDto {
  @ApiProperty({ type: String, format: 'date', example: '2026-11-01' })
  from: string;
  @ApiProperty({ type: String, format: 'date', example: '2026-11-30' })
  to: string;
  @ApiProperty({ type: String, description: "the clinic's IANA time zone the days are counted in", example: 'America/Vancouver' })
  timezone: string;
  @ApiProperty({ type: Number, example: 412 })
  totalCalls: number;
  @ApiProperty({ type: [CountByValueDto], description: 'every outcome (zeros included), then calls without one' })
  byOutcome: CountByValueDto[];
  @ApiProperty({ type: [CountByValueDto], description: 'every intent (zeros included), then calls without one' })
  byIntent: CountByValueDto[];
  @ApiProperty({ type: [CountByValueDto], description: 'languages heard, most calls first' })
  byLanguage: CountByValueDto[];
  @ApiProperty({ type: [CallDayDto], description: 'one entry per day of the range, days without calls included' })
  perDay: CallDayDto[];
  @ApiProperty({ type: Number, description: 'appointments booked by the voice agent (calls whose outcome is `booked`)', example: 96 })
  bookingsByVoice: number;
  @ApiProperty({
    type: [CountByValueDto],
    description:
      "why calls were handed to staff, in the assistant's words (trimmed, lower-cased), commonest first: the top 8, then `other` for the rest, then null for transfers without a reason",
  })
  byTransferReason: CountByValueDto[];
  @ApiProperty({ type: [PeakHourDto], description: "calls by the clinic's weekday and hour: all 168 cells (Monday 0:00 first), zeros included" })
  peakHours: PeakHourDto[];
  @ApiProperty({ type: Number, nullable: true, description: 'share of calls handed to staff, 0 to 1 (null without calls)', example: 0.12 })
  transferRate: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'average duration of the calls with a known duration (null without any)', example: 143.5 })
  averageDurationSeconds: number | null;
  @ApiProperty({ type: Number, description: "sum of Vapi's costs in USD", example: 87.31 })
  totalCost: number;
}
