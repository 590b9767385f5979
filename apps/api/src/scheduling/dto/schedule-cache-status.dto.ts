import { ApiProperty } from '@nestjs/swagger';
import type { ScheduleCacheStatus } from '../schedule-cache.service.js';

/** How warm a clinic's schedule cache is (`GET /api/clinics/{clinicId}/schedule-cache`). */
export class ScheduleCacheStatusDto {
  @ApiProperty({ description: 'provider-days the cache should hold now: voice-bookable providers × the open days of their booking window', example: 132 })
  expected: number;
  @ApiProperty({ description: 'of those, the days it holds', example: 132 })
  entries: number;
  @ApiProperty({ example: 0 })
  missing: number;
  @ApiProperty({ description: 'every expected day is cached: a search reads no day schedule from the EMR', example: true })
  warm: boolean;
  @ApiProperty({ type: String, nullable: true, format: 'date-time', description: 'when the oldest held entry was read from the EMR', example: '2027-03-10T15:00:00.000Z' })
  oldestReadAt: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time', example: '2027-03-10T15:04:00.000Z' })
  newestReadAt: string | null;
  @ApiProperty({ description: 'an entry older than this is read again: a template changed in OSCAR shows in offers within about this long (bookings always re-read)', example: 600 })
  refreshAgeSeconds: number;
}

export function toScheduleCacheStatusDto(status: ScheduleCacheStatus): ScheduleCacheStatusDto {
  return { ...status };
}
