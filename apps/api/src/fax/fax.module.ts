import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { CallsModule } from '../calls/calls.module.js';
import { ClinicConfig } from '../clinics/clinic-config.entity.js';
import { ClinicsModule } from '../clinics/clinics.module.js';
import { EmrModule } from '../emr/emr.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { SmsModule } from '../sms/sms.module.js';
import { FaxDocumentFile } from './fax-document-file.entity.js';
import { FaxDocument } from './fax-document.entity.js';
import { OfflineFaxExtractor } from './fax-extraction.js';
import { AnthropicFaxExtractor } from './fax-extraction-anthropic.js';
import { GoogleFaxExtractor } from './fax-extraction-google.js';
import { OpenAiFaxExtractor } from './fax-extraction-openai.js';
import { FaxInboxService } from './fax-inbox.service.js';
import { FaxIntakeService } from './fax-intake.service.js';
import { FaxMatcher } from './fax-matching.js';
import { FaxPipeline } from './fax-pipeline.js';
import { FaxReader } from './fax-reader.js';
import { FaxRetention } from './fax-retention.js';
import { FaxStore } from './fax-store.js';
import { FaxTelnyxIntake } from './fax-telnyx.js';
import { FaxesController } from './faxes.controller.js';

/**
 * The fax inbox (SPEC §8, issue 9): uploads and Telnyx's inbound faxes (its `fax.*` events through
 * the SMS module's `TelnyxEventHandlers`), documents stored encrypted in PostgreSQL, reading and
 * patient matching on the job queue (reader in a worker thread, EMR through the adapter), staff
 * verification, and archiving / purging for the retention job. Depends on emr and clinics.
 */
@Module({
  imports: [TypeOrmModule.forFeature([FaxDocument, FaxDocumentFile, ClinicConfig]), ClinicsModule, EmrModule, SmsModule, NotificationsModule, CallsModule, AuditModule],
  controllers: [FaxesController],
  providers: [FaxStore, FaxReader, OfflineFaxExtractor, OpenAiFaxExtractor, AnthropicFaxExtractor, GoogleFaxExtractor, FaxMatcher, FaxIntakeService, FaxInboxService, FaxPipeline, FaxTelnyxIntake, FaxRetention],
  exports: [FaxRetention],
})
export class FaxModule {}
