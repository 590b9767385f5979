import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClinicHoliday } from '../clinics/clinic-holiday.entity.js';
import { ClinicHours } from '../clinics/clinic-hours.entity.js';
import { Clinic } from '../clinics/clinic.entity.js';
import { ClinicsModule } from '../clinics/clinics.module.js';
import { EmrModule } from '../emr/emr.module.js';
import { ClinicProvider } from '../providers/clinic-provider.entity.js';
import { ProvidersModule } from '../providers/providers.module.js';
import { ScheduleCacheController } from './schedule-cache.controller.js';
import { ScheduleCacheRefresher } from './schedule-cache.refresher.js';
import { ScheduleCacheService } from './schedule-cache.service.js';
import { ScheduleCacheStore } from './schedule-cache.store.js';
import { SchedulingClaims } from './scheduling-claims.js';
import { SchedulingContextReader } from './scheduling-context.js';
import { SchedulingService } from './scheduling.service.js';

/**
 * Slot finding and booking rules (SPEC §5), the schedule cache and its background refresh, offer
 * holds and booking claims. Depends on emr, clinics and providers; exports `SchedulingService`
 * for the voice webhook. One route: the schedule cache's status.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Clinic, ClinicHours, ClinicHoliday, ClinicProvider]), ClinicsModule, ProvidersModule, EmrModule],
  controllers: [ScheduleCacheController],
  providers: [SchedulingService, SchedulingContextReader, SchedulingClaims, ScheduleCacheStore, ScheduleCacheService, ScheduleCacheRefresher],
  exports: [SchedulingService, ScheduleCacheService],
})
export class SchedulingModule {}
