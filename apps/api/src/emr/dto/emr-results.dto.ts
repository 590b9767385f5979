import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ConfigPullResult, ConnectionTestResult, ProviderSyncResult } from '../emr.service.js';

export class ConnectionTestDto {
  @ApiProperty({ description: 'The EMR answered with these credentials', example: true })
  verified: boolean;

  @ApiProperty({ type: String, nullable: true, description: "OSCAR's version when the EMR reports one (its SOAP services usually do not)", example: null })
  oscarVersion: string | null;

  @ApiProperty({ type: Number, nullable: true, description: "The EMR server's offset from GMT in minutes", example: -420 })
  serverTimeOffsetMinutes: number | null;

  @ApiProperty({ type: Number, nullable: true, description: "The clinic time zone's offset from GMT now, in minutes", example: -420 })
  clinicTimeOffsetMinutes: number | null;

  @ApiProperty({ type: String, nullable: true, format: 'date-time', description: 'Last successful test', example: '2026-11-23T17:45:00.000Z' })
  lastVerifiedAt: string | null;

  @ApiPropertyOptional({ description: 'What went wrong, in plain words, when not verified', example: 'The EMR did not answer within 4 seconds' })
  problem?: string;

  @ApiProperty({ type: [String], description: 'Things that work but deserve a look', example: [] })
  warnings: string[];
}

export class ProviderSyncDto {
  @ApiProperty({ description: 'Providers in the EMR (system accounts left out)', example: 8 })
  total: number;
  @ApiProperty({ example: 2 })
  created: number;
  @ApiProperty({ example: 6 })
  updated: number;
  @ApiProperty({ description: 'Providers no longer in the EMR, now inactive (never deleted)', example: 0 })
  deactivated: number;
  @ApiProperty({ format: 'date-time', example: '2026-11-23T17:45:00.000Z' })
  syncedAt: string;
}

export class ConfigPullDto {
  @ApiProperty({ description: 'Schedule template codes read from the EMR', example: 9 })
  scheduleCodes: number;
  @ApiProperty({ type: [String], description: 'Codes the voice agent may book', example: ['B', '1', '2'] })
  bookableScheduleCodes: string[];
  @ApiProperty({ example: 12 })
  appointmentStatuses: number;
  @ApiProperty({
    enum: ['oscar-defaults'],
    description: "OSCAR's SOAP services expose no status list: OSCAR's default statuses are recorded",
    example: 'oscar-defaults',
  })
  statusesSource: 'oscar-defaults';
  @ApiProperty({ description: 'Sites are not exposed over SOAP: always 0, and the console says so', example: 0 })
  sites: number;
  @ApiProperty({ type: [String], description: 'Explanations for the console', example: ['Sites are not available over SOAP'] })
  notes: string[];
  @ApiProperty({ format: 'date-time', example: '2026-11-23T17:45:00.000Z' })
  pulledAt: string;
}

export const toConnectionTestDto = (r: ConnectionTestResult): ConnectionTestDto => ({ ...r, warnings: [...r.warnings] });
export const toProviderSyncDto = (r: ProviderSyncResult): ProviderSyncDto => ({ ...r });
export const toConfigPullDto = (r: ConfigPullResult): ConfigPullDto => ({
  ...r,
  bookableScheduleCodes: [...r.bookableScheduleCodes],
  notes: [...r.notes],
});
