import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SecretBoxModule } from '../common/crypto/secret-box.js';
import { ClinicConfigEvents } from './clinic-config-events.js';
import { ClinicConfigController } from './clinic-config.controller.js';
import { ClinicConfigService } from './clinic-config.service.js';
import { ClinicConfig } from './clinic-config.entity.js';
import { ClinicHoliday } from './clinic-holiday.entity.js';
import { ClinicHolidaysController } from './clinic-holidays.controller.js';
import { ClinicHolidaysService } from './clinic-holidays.service.js';
import { ClinicHours } from './clinic-hours.entity.js';
import { ClinicHoursController } from './clinic-hours.controller.js';
import { ClinicHoursService } from './clinic-hours.service.js';
import { Clinic } from './clinic.entity.js';
import { ClinicsController } from './clinics.controller.js';
import { ClinicsService } from './clinics.service.js';
import { OnboardingProgress } from './onboarding-progress.entity.js';
import { OnboardingController } from './onboarding.controller.js';
import { OnboardingService } from './onboarding.service.js';
import { VapiConnectionController } from './vapi-connection.controller.js';
import { VapiConnectionService } from './vapi-connection.service.js';
import { WaitlistEntry } from './waitlist-entry.entity.js';
import { WaitlistController } from './waitlist.controller.js';
import { WaitlistService } from './waitlist.service.js';
import { NotificationsModule } from '../notifications/notifications.module.js';

/**
 * Clinics, their configuration, hours and holidays, the new-patient waitlist and onboarding. Other modules use the exported services:
 * `ClinicsService.assertReachable` (route access + existence), `ClinicConfigService.read` (the
 * row; secrets stay ciphertext: the module that uses one decrypts it with `clinicSecretContext`),
 * and `ClinicConfigEvents` (EMR/config change notifications).
 */
@Module({
  imports: [TypeOrmModule.forFeature([Clinic, ClinicConfig, ClinicHours, ClinicHoliday, WaitlistEntry, OnboardingProgress]), SecretBoxModule, NotificationsModule],
  controllers: [ClinicsController, ClinicConfigController, ClinicHoursController, ClinicHolidaysController, WaitlistController, OnboardingController, VapiConnectionController],
  providers: [ClinicsService, ClinicConfigService, ClinicHoursService, ClinicHolidaysService, ClinicConfigEvents, WaitlistService, OnboardingService, VapiConnectionService],
  exports: [ClinicsService, ClinicConfigService, ClinicHoursService, ClinicConfigEvents, WaitlistService, OnboardingService],
})
export class ClinicsModule {}
