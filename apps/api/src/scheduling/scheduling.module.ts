import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClinicHoliday } from '../clinics/clinic-holiday.entity.js';
import { ClinicHours } from '../clinics/clinic-hours.entity.js';
import { Clinic } from '../clinics/clinic.entity.js';
import { ClinicsModule } from '../clinics/clinics.module.js';
import { EmrModule } from '../emr/emr.module.js';
import { ClinicProvider } from '../providers/clinic-provider.entity.js';
import { ProvidersModule } from '../providers/providers.module.js';
import { BookingLock } from './booking-lock.js';
import { SchedulingContextReader } from './scheduling-context.js';
import { SchedulingService } from './scheduling.service.js';

/**
 * Slot finding and booking rules (SPEC §5). Depends on emr, clinics and providers; exports
 * `SchedulingService` for the voice webhook. No routes.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Clinic, ClinicHours, ClinicHoliday, ClinicProvider]), ClinicsModule, ProvidersModule, EmrModule],
  providers: [SchedulingService, SchedulingContextReader, BookingLock],
  exports: [SchedulingService],
})
export class SchedulingModule {}
