import { ApiProperty } from '@nestjs/swagger';
import type { ClinicConfig } from '../../clinics/clinic-config.entity.js';
import type { ClinicProvider } from '../clinic-provider.entity.js';
import { CLINIC_INHERITED_KEYS, effectiveBookingConfig, type ConfigSource } from '../effective-config.js';

const SOURCES = ['system', 'clinic', 'provider'];

/** One effective setting: its value and the level it came from. */
export class EffectiveSettingDto {
  @ApiProperty({
    oneOf: [{ type: 'number' }, { type: 'boolean' }, { type: 'string' }, { type: 'array', items: { type: 'string' } }],
    nullable: true,
    example: 30,
  })
  value: number | boolean | string | string[] | null;
  @ApiProperty({ enum: SOURCES, enumName: 'ConfigSource', example: 'clinic' })
  source: ConfigSource;
}

export class EffectiveAppointmentTypeDto {
  @ApiProperty({ type: String, example: 'B' })
  code: string;
  @ApiProperty({ type: Number, required: false, example: 15 })
  durationMin?: number;
  @ApiProperty({ enum: SOURCES, enumName: 'ConfigSource', example: 'system' })
  source: ConfigSource;
}

export class EffectiveConfigDto {
  @ApiProperty({ type: String, format: 'uuid', example: 'a3c1e2d4-5b6f-4a7b-8c9d-0e1f2a3b4c5d' })
  providerId: string;
  @ApiProperty({ type: String, format: 'uuid', example: '6f1c2a8e-3b7d-4c55-9f0e-2d7a1b9c4e10' })
  clinicId: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/EffectiveSettingDto' },
    description: `each setting (${['maxAdvanceBookingDays', 'visitMode', 'acceptingNewPatients', 'voiceBookable', 'bookableScheduleCodes', ...CLINIC_INHERITED_KEYS].join(', ')}) with its source`,
    example: { maxAdvanceBookingDays: { value: 60, source: 'provider' }, bufferTime: { value: 5, source: 'system' } },
  })
  settings: Record<string, EffectiveSettingDto>;
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/EffectiveAppointmentTypeDto' },
    description: 'visit reason → appointment type (provider override → clinic mapping → system default)',
    example: { checkup: { code: 'B', source: 'system' }, follow_up: { code: '2', durationMin: 20, source: 'clinic' } },
  })
  appointmentTypes: Record<string, EffectiveAppointmentTypeDto>;
}

export function toEffectiveConfigDto(clinicConfig: ClinicConfig, provider: ClinicProvider): EffectiveConfigDto {
  const { appointmentTypes, ...settings } = effectiveBookingConfig(clinicConfig, provider);
  return {
    providerId: provider.id,
    clinicId: provider.clinicId,
    settings: Object.fromEntries(
      Object.entries(settings).map(([key, setting]) => [key, { value: structuredClone(setting.value), source: setting.source }]),
    ) as Record<string, EffectiveSettingDto>,
    appointmentTypes,
  };
}
