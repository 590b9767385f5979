import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import { ClinicStatus } from '../../database/enums.js';

export const ONBOARDING_FLAGS = [
  'clinicInfoDone',
  'privacyOfficerSet',
  'baaSigned',
  'emrConnected',
  'providersDone',
  'hoursDone',
  'vapiAssigned',
  'testCallPassed',
] as const;
export type OnboardingFlag = (typeof ONBOARDING_FLAGS)[number];

export class OnboardingFlagsDto {
  @ApiProperty({ type: Boolean, description: 'name, phone, address, city, postal code and time zone are filled in', example: true })
  clinicInfoDone: boolean;
  @ApiProperty({ type: Boolean, description: "the privacy officer's name and email are set (config `privacy`)", example: true })
  privacyOfficerSet: boolean;
  @ApiProperty({ type: Boolean, description: 'both agreements (Vapi and hosting) are signed (config `agreements`)', example: false })
  baaSigned: boolean;
  @ApiProperty({ type: Boolean, description: 'the EMR connection test passed with the current settings', example: true })
  emrConnected: boolean;
  @ApiProperty({ type: Boolean, description: 'providers were synced from the EMR (at least one active)', example: true })
  providersDone: boolean;
  @ApiProperty({ type: Boolean, description: 'business hours were saved', example: false })
  hoursDone: boolean;
  @ApiProperty({ type: Boolean, description: 'a Vapi number / assistant is assigned (set by a platform admin)', example: false })
  vapiAssigned: boolean;
  @ApiProperty({ type: Boolean, description: 'a test call passed (set by a platform admin)', example: false })
  testCallPassed: boolean;
}

export class OnboardingStepDto {
  @ApiProperty({ type: Number, minimum: 1, maximum: 4, example: 1 })
  step: number;
  @ApiProperty({ type: String, example: 'Clinic details' })
  name: string;
  @ApiProperty({ type: [String], description: 'the flags this step needs', example: ['clinicInfoDone', 'privacyOfficerSet', 'baaSigned'] })
  flags: string[];
  @ApiProperty({ type: Boolean, example: false })
  done: boolean;
}

export class OnboardingMissingDto {
  @ApiProperty({ type: String, example: 'hoursDone' })
  flag: string;
  @ApiProperty({ type: String, example: 'Business hours have not been saved' })
  message: string;
}

export class OnboardingDto {
  @ApiProperty({ type: String, format: 'uuid', example: '6f1c2a8e-3b7d-4c55-9f0e-2d7a1b9c4e10' })
  clinicId: string;
  @ApiProperty({ enum: ClinicStatus, enumName: 'ClinicStatus', example: ClinicStatus.Pending })
  clinicStatus: ClinicStatus;
  @ApiProperty({ type: Number, minimum: 1, maximum: 4, description: 'the first step not done yet (4 when only the validation remains)', example: 3 })
  currentStep: number;
  @ApiProperty({ type: OnboardingFlagsDto })
  flags: OnboardingFlagsDto;
  @ApiProperty({ type: [OnboardingStepDto], description: 'Clinic details → EMR connection → Business hours → Validation' })
  steps: OnboardingStepDto[];
  @ApiProperty({ type: [OnboardingMissingDto], description: 'what completing the onboarding still needs (the six flags that do not depend on Vapi)' })
  missingToComplete: OnboardingMissingDto[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  completedAt: string | null;
  @ApiProperty({ type: [OnboardingMissingDto], description: 'what activation by a platform admin still needs' })
  missingToActivate: OnboardingMissingDto[];
}

export class UpdateOnboardingDto {
  @ApiPropertyOptional({ type: Boolean, description: 'platform admin only', example: true })
  @IsOptional()
  @IsBoolean()
  vapiAssigned?: boolean;

  @ApiPropertyOptional({ type: Boolean, description: 'platform admin only', example: true })
  @IsOptional()
  @IsBoolean()
  testCallPassed?: boolean;
}
