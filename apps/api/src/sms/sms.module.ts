import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClinicConfig } from '../clinics/clinic-config.entity.js';
import { Clinic } from '../clinics/clinic.entity.js';
import { ClinicsModule } from '../clinics/clinics.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { SmsConfirmations } from './sms-confirmations.service.js';
import { SmsFailureNotices } from './sms-failure-notices.js';
import { SmsMessage } from './sms-message.entity.js';
import { SmsMessagesController } from './sms-messages.controller.js';
import { SmsMessagesService } from './sms-messages.service.js';
import { SmsOptOut } from './sms-opt-out.entity.js';
import { SmsSendJobs } from './sms-send.job.js';
import { SmsStore } from './sms-store.js';
import { SmsWebhookEvents } from './sms-webhook-events.js';
import { TelnyxEventHandlers } from './telnyx-events.js';
import { TelnyxGateway } from './telnyx-gateway.js';
import { TelnyxWebhookController } from './telnyx-webhook.controller.js';
import { TelnyxWebhookService } from './telnyx-webhook.service.js';

/**
 * SMS through Telnyx (SPEC §7): confirmation texts written with the voice tool's receipt (an
 * outbox) and sent by the job queue, `POST /api/telnyx/webhook` (signed) for receipts and
 * STOP/START, and `GET /api/clinics/{clinicId}/sms-messages` for the clinic's staff. Exports
 * `SmsConfirmations` (for the voice webhook) and `TelnyxEventHandlers` (for the fax module's events).
 * Reads clinic and config rows; writes only its own tables and `call_logs.sms_sent_at`.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Clinic, ClinicConfig, SmsMessage, SmsOptOut]), ClinicsModule, NotificationsModule],
  controllers: [TelnyxWebhookController, SmsMessagesController],
  providers: [SmsStore, TelnyxGateway, SmsConfirmations, SmsSendJobs, TelnyxEventHandlers, TelnyxWebhookService, SmsWebhookEvents, SmsMessagesService, SmsFailureNotices],
  exports: [SmsConfirmations, TelnyxEventHandlers],
})
export class SmsModule {}
