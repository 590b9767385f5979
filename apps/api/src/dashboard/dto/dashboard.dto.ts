import { ApiProperty } from '@nestjs/swagger';
import { ClinicStatus } from '../../database/enums.js';
import { CountByValueDto } from '../../calls/dto/call-analytics.dto.js';

export class EmrHealthDto {
  @ApiProperty({
    enum: ['connected', 'failing', 'not_configured'],
    description: '`connected`: the last connection test with the current settings passed; `failing`: settings exist but no test passed with them; `not_configured`: no EMR address yet',
    example: 'connected',
  })
  state: 'connected' | 'failing' | 'not_configured';

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'when a connection test last passed', example: '2026-11-23T17:32:59.000Z' })
  lastVerifiedAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'when providers were last synced from the EMR', example: '2026-11-23T17:32:59.000Z' })
  lastSyncAt: string | null;
}

export class OnboardingSummaryDto {
  @ApiProperty({ example: 6, description: 'onboarding flags done (of 8)' })
  flagsDone: number;

  @ApiProperty({ example: 8 })
  flagsTotal: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  completedAt: string | null;
}

/** One clinic's day and week at a glance (the clinic's own calendar: weeks start on Monday). */
export class DashboardClinicDto {
  @ApiProperty({ format: 'uuid', example: '5d1e8a3b-2f4c-4b6d-9e7f-1a2b3c4d5e6f' })
  clinicId: string;

  @ApiProperty({ example: 'Fairview Family Practice' })
  name: string;

  @ApiProperty({ enum: ClinicStatus, enumName: 'ClinicStatus', example: ClinicStatus.Active })
  status: ClinicStatus;

  @ApiProperty({ example: 'America/Vancouver' })
  timezone: string;

  @ApiProperty({ example: 31, description: "calls since midnight at the clinic" })
  callsToday: number;

  @ApiProperty({ example: 142, description: "calls since Monday 00:00 at the clinic" })
  callsThisWeek: number;

  @ApiProperty({ example: 48, description: 'appointments booked by the voice agent this week' })
  bookingsByVoiceThisWeek: number;

  @ApiProperty({ example: 9, description: 'calls handed to staff this week' })
  transfersThisWeek: number;

  @ApiProperty({ type: [CountByValueDto], description: "this week's commonest transfer reasons (up to 3; null: no reason given)" })
  topTransferReasons: CountByValueDto[];

  @ApiProperty({ example: 4, description: 'waitlist entries still pending' })
  waitlistPending: number;

  @ApiProperty({ example: 2, description: 'tickets not resolved or closed' })
  openTickets: number;

  @ApiProperty({ example: 1, description: 'texts that failed or could not be delivered this week' })
  textsFailedThisWeek: number;

  @ApiProperty({ type: EmrHealthDto })
  emr: EmrHealthDto;

  @ApiProperty({ type: OnboardingSummaryDto })
  onboarding: OnboardingSummaryDto;
}

export class DashboardDto {
  @ApiProperty({ type: String, format: 'date-time', example: '2026-11-23T17:32:59.000Z' })
  generatedAt: string;

  @ApiProperty({ type: [DashboardClinicDto], description: "an admin: every clinic, by name; a clinic manager: their clinic" })
  items: DashboardClinicDto[];

  @ApiProperty({ type: String, nullable: true, description: 'always null: every clinic is in one answer (the list shape is kept)', example: null })
  nextCursor: string | null;
}
