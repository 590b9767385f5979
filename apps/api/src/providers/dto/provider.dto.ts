import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEnum,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { APPOINTMENT_TYPE_MAP_SCHEMA, IsAppointmentTypeMap } from '../../clinics/dto/config-fields.decorators.js';
import { VISIT_MODES } from '../../clinics/dto/clinic-config.dto.js';
import { PageQueryDto } from '../../common/pagination/page-query.dto.js';
import { ProviderStatus } from '../../database/enums.js';
import type { ClinicProvider } from '../clinic-provider.entity.js';
import { PageOf } from '../../common/pagination/page.dto.js';

export class ScheduleCodeConfigDto {
  @ApiProperty({ type: [String], example: ['A', 'B'], description: 'schedule template codes this provider is booked on' })
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @Matches(/^[A-Za-z0-9]{1,8}$/, { each: true, message: 'Each schedule code must be 1–8 letters or digits, e.g. B' })
  codes: string[];
}

export class ListProvidersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ProviderStatus, enumName: 'ProviderStatus', example: ProviderStatus.Active })
  @IsOptional()
  @IsEnum(ProviderStatus)
  status?: ProviderStatus;

  @ApiPropertyOptional({ type: Boolean, example: true })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  voiceBookable?: boolean;
}

/** What a clinic manager (or admin) may change; names and OSCAR ids come from the EMR sync. */
export class UpdateProviderDto {
  @ApiPropertyOptional({ type: Boolean, example: true })
  @IsOptional()
  @IsBoolean()
  voiceBookable?: boolean;

  @ApiPropertyOptional({ type: Boolean, example: true })
  @IsOptional()
  @IsBoolean()
  acceptingNewPatients?: boolean;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 100, description: 'name the voice agent says; null = title + last name', example: 'Dr. Amy Chen' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  displayName?: string | null;

  @ApiPropertyOptional({ type: [String], example: ['English', 'Mandarin'], description: 'languages the provider speaks' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(40, { each: true })
  languages?: string[];

  @ApiPropertyOptional({ enum: VISIT_MODES, enumName: 'VisitMode', example: 'both' })
  @IsOptional()
  @IsIn(VISIT_MODES as unknown as string[], { message: 'Visit mode must be in person, virtual, or both' })
  visitMode?: string;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1, maximum: 365, description: 'null = inherit the clinic\'s', example: 60 })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsInt()
  @Min(1)
  @Max(365)
  maxAdvanceBookingDays?: number | null;

  @ApiPropertyOptional({ type: ScheduleCodeConfigDto, nullable: true, description: 'null = inherit the clinic\'s bookable codes' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @ValidateNested()
  @Type(() => ScheduleCodeConfigDto)
  scheduleCodeConfig?: ScheduleCodeConfigDto | null;

  @ApiPropertyOptional({ ...APPOINTMENT_TYPE_MAP_SCHEMA, description: 'visit reason → type, merged over the clinic\'s mappings; null = none' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsAppointmentTypeMap()
  appointmentTypeOverrides?: Record<string, { code: string; durationMin?: number }> | null;

  @ApiPropertyOptional({ enum: ProviderStatus, enumName: 'ProviderStatus', example: ProviderStatus.OnLeave })
  @IsOptional()
  @IsEnum(ProviderStatus)
  status?: ProviderStatus;
}

export class ProviderDto {
  @ApiProperty({ type: String, format: 'uuid', example: 'a3c1e2d4-5b6f-4a7b-8c9d-0e1f2a3b4c5d' })
  id: string;
  @ApiProperty({ type: String, nullable: true, description: 'OSCAR provider number (what voice tools call providerId)', example: '101' })
  oscarProviderId: string | null;
  @ApiProperty({ type: String, example: 'Dr.' })
  title: string;
  @ApiProperty({ type: String, example: 'Amy' })
  firstName: string;
  @ApiProperty({ type: String, example: 'Chen' })
  lastName: string;
  @ApiProperty({ type: String, nullable: true, example: null })
  displayName: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Family Medicine' })
  specialty: string | null;
  @ApiProperty({ type: String, nullable: true, example: null })
  email: string | null;
  @ApiProperty({ type: String, nullable: true, example: null })
  phone: string | null;
  @ApiProperty({ enum: ProviderStatus, enumName: 'ProviderStatus', example: ProviderStatus.Active })
  status: ProviderStatus;
  @ApiProperty({ type: Boolean, example: true })
  voiceBookable: boolean;
  @ApiProperty({ type: Boolean, example: true })
  acceptingNewPatients: boolean;
  @ApiProperty({ type: [String], example: ['English'] })
  languages: string[];
  @ApiProperty({ enum: VISIT_MODES, enumName: 'VisitMode', example: 'both' })
  visitMode: string;
  @ApiProperty({ type: Boolean, example: false })
  acceptsWalkIns: boolean;
  @ApiProperty({ type: Number, nullable: true, example: null })
  maxAdvanceBookingDays: number | null;
  @ApiProperty({ type: ScheduleCodeConfigDto, nullable: true })
  scheduleCodeConfig: ScheduleCodeConfigDto | null;
  @ApiProperty({ ...APPOINTMENT_TYPE_MAP_SCHEMA })
  appointmentTypeOverrides: Record<string, { code: string; durationMin?: number }> | null;
  @ApiProperty({ type: [String], example: ['B'] })
  appointmentTypes: string[];
  @ApiProperty({ type: String, example: '#3B82F6' })
  color: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  lastSyncedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', example: '2026-01-28T21:28:04.000Z' })
  createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', example: '2026-01-28T21:28:04.000Z' })
  updatedAt: string;
}

export class ProviderListDto extends PageOf(ProviderDto) {}

export function toProviderDto(p: ClinicProvider): ProviderDto {
  return {
    id: p.id,
    oscarProviderId: p.oscarProviderId,
    title: p.title,
    firstName: p.firstName,
    lastName: p.lastName,
    displayName: p.displayName,
    specialty: p.specialty,
    email: p.email,
    phone: p.phone,
    status: p.status,
    voiceBookable: p.voiceBookable,
    acceptingNewPatients: p.acceptingNewPatients,
    languages: [...p.languages],
    visitMode: p.visitMode,
    acceptsWalkIns: p.acceptsWalkIns,
    maxAdvanceBookingDays: p.maxAdvanceBookingDays,
    scheduleCodeConfig: p.scheduleCodeConfig ? { codes: [...p.scheduleCodeConfig.codes] } : null,
    appointmentTypeOverrides: p.appointmentTypeOverrides ? structuredClone(p.appointmentTypeOverrides) : null,
    appointmentTypes: [...p.appointmentTypes],
    color: p.color,
    lastSyncedAt: p.lastSyncedAt?.toISOString() ?? null,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}
