import { Module, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClinicConfigEvents } from '../clinics/clinic-config-events.js';
import { Clinic } from '../clinics/clinic.entity.js';
import { ClinicsModule } from '../clinics/clinics.module.js';
import { ClinicConfig } from '../clinics/clinic-config.entity.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { ClinicProvider } from '../providers/clinic-provider.entity.js';
import { EmrAdapterFactory } from './emr-adapter.factory.js';
import { EmrConnectionNotices } from './emr-connection-notices.js';
import { EmrController } from './emr.controller.js';
import { EmrService } from './emr.service.js';
import { PatientPhoneCache } from './patient-phone-cache.entity.js';
import { PatientPhoneCacheService } from './patient-phone-cache.service.js';

/**
 * The EMR: per-clinic adapters (OSCAR over SOAP) behind cockatiel policies, the console's EMR
 * operations (connection test, provider sync, config pull) and the caller-phone cache. Needs
 * `SecretBox` (SecretBoxModule, global) and TypeORM. Whoever changes a clinic's EMR connection
 * settings calls `EmrAdapterFactory.invalidate(clinicId)`. A clinic's EMR connection lost and back
 * notifies its managers and the admins (EmrConnectionNotices).
 */
@Module({
  imports: [TypeOrmModule.forFeature([Clinic, ClinicConfig, ClinicProvider, PatientPhoneCache]), ClinicsModule, NotificationsModule],
  controllers: [EmrController],
  providers: [EmrAdapterFactory, EmrService, PatientPhoneCacheService, EmrConnectionNotices],
  exports: [EmrAdapterFactory, EmrService, PatientPhoneCacheService],
})
export class EmrModule implements OnModuleInit {
  constructor(
    private readonly events: ClinicConfigEvents,
    private readonly factory: EmrAdapterFactory,
  ) {}

  /** A changed EMR connection (URL, credentials, TLS, type) drops the clinic's cached adapter and breaker. */
  onModuleInit(): void {
    this.events.emrChanged$.subscribe(({ clinicId }) => this.factory.invalidate(clinicId));
  }
}
