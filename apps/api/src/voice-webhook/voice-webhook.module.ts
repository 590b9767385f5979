import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CallsModule } from '../calls/calls.module.js';
import { ClinicConfig } from '../clinics/clinic-config.entity.js';
import { ClinicHoliday } from '../clinics/clinic-holiday.entity.js';
import { ClinicHours } from '../clinics/clinic-hours.entity.js';
import { Clinic } from '../clinics/clinic.entity.js';
import { ClinicsModule } from '../clinics/clinics.module.js';
import { WaitlistEntry } from '../clinics/waitlist-entry.entity.js';
import { EmrModule } from '../emr/emr.module.js';
import { ClinicProvider } from '../providers/clinic-provider.entity.js';
import { SchedulingModule } from '../scheduling/scheduling.module.js';
import { SmsModule } from '../sms/sms.module.js';
import { ClinicResolver } from './clinic-resolver.js';
import { InDoubtReconciler } from './in-doubt-reconciler.js';
import { ToolDispatcher } from './tool-dispatcher.js';
import { AppointmentChangeTools } from './tools/appointment-change.tools.js';
import { AppointmentSearchTools } from './tools/appointment-search.tools.js';
import { CallTools } from './tools/call.tools.js';
import { ClinicCalendar } from './tools/clinic-calendar.js';
import { ClinicInfoTools } from './tools/clinic-info.tools.js';
import { PatientTools } from './tools/patient.tools.js';
import { RegistrationTools } from './tools/registration.tools.js';
import { VoiceProviders } from './tools/voice-providers.js';
import { VapiPhoneNumbers } from './vapi-phone-numbers.js';
import { VoiceClinicDirectory } from './voice-clinic-directory.js';
import { VoiceWebhookController } from './voice-webhook.controller.js';
import { VoiceWebhookService } from './voice-webhook.service.js';

/**
 * The voice webhook (SPEC §4): Vapi's server URL and the tools of the AI receptionist. Depends on
 * scheduling, emr, clinics and calls; nothing depends on it. Reads (never writes) clinic, config,
 * hours, holidays and provider rows for the hot path — through in-process caches that
 * ClinicConfigEvents keeps current (docs/decisions.md "Webhook hot path") — and writes waitlist
 * entries for voice registrations (the waitlist has no service of its own yet).
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([Clinic, ClinicConfig, ClinicHours, ClinicHoliday, ClinicProvider, WaitlistEntry]),
    ClinicsModule,
    EmrModule,
    SchedulingModule,
    CallsModule,
    SmsModule,
  ],
  controllers: [VoiceWebhookController],
  providers: [
    VoiceWebhookService,
    ClinicResolver,
    VoiceClinicDirectory,
    VapiPhoneNumbers,
    ToolDispatcher,
    VoiceProviders,
    ClinicCalendar,
    ClinicInfoTools,
    PatientTools,
    AppointmentSearchTools,
    AppointmentChangeTools,
    RegistrationTools,
    CallTools,
    InDoubtReconciler,
  ],
})
export class VoiceWebhookModule {}
