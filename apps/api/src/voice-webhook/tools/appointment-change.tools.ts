import { Injectable } from '@nestjs/common';
import { CallMetadataService } from '../../calls/call-metadata.service.js';
import { CallIntent, CallOutcome } from '../../database/enums.js';
import { EmrAdapterFactory } from '../../emr/emr-adapter.factory.js';
import { SchedulingService } from '../../scheduling/scheduling.service.js';
import { SmsConfirmations } from '../../sms/sms-confirmations.service.js';
import type { BookedAppointment } from '../../scheduling/scheduling.types.js';
import type { CancelAppointmentArgs, CreateAppointmentArgs, UpdateAppointmentArgs } from '../dto/tool-args.dto.js';
import { say, spokenTime } from '../speech.js';
import { assertChartAccess, type ToolContext } from '../tool-context.js';
import { resultAnswer, toolError, type ToolAnswer } from '../tool-reply.js';

const SMS_KIND = { [CallIntent.Book]: 'book', [CallIntent.Reschedule]: 'reschedule', [CallIntent.Cancel]: 'cancel' } as Record<CallIntent, 'book' | 'reschedule' | 'cancel'>;

function facts(a: BookedAppointment) {
  const { appointmentId, demographicId, providerId, providerName, startTime, endTime, appointmentType } = a;
  return { appointmentId, demographicId, providerId, providerName, startTime, endTime, appointmentType };
}

/**
 * `create_appointment`, `update_appointment`, `cancel_appointment`: through SchedulingService
 * (lock, re-check, notice rules), only on charts bound to this call. Each notes what it did on
 * the call's metadata (the safety net when `log_call_metadata` is never called).
 */
@Injectable()
export class AppointmentChangeTools {
  constructor(
    private readonly scheduling: SchedulingService,
    private readonly emr: EmrAdapterFactory,
    private readonly calls: CallMetadataService,
    private readonly sms: SmsConfirmations,
  ) {}

  async create(ctx: ToolContext, args: CreateAppointmentArgs): Promise<ToolAnswer> {
    assertChartAccess(ctx, args.demographicId, 'book');
    const booked = await this.scheduling.book(
      ctx.clinic.id,
      { demographicId: args.demographicId, providerNo: args.providerId, startTime: args.startTime, appointmentType: args.appointmentType, reason: args.reason, callId: ctx.callId },
      { deadline: ctx.deadline, callId: ctx.callId },
    );
    await this.note(ctx, booked, CallOutcome.Booked, CallIntent.Book, args.smsConsent);
    const when = spokenTime(booked.startTime, ctx.clinic.timezone, ctx.lang);
    return resultAnswer({ booked: true, alreadyBooked: booked.alreadyDone, ...facts(booked), say: say(ctx.lang, 'booked', { when, provider: booked.providerName }) });
  }

  async update(ctx: ToolContext, args: UpdateAppointmentArgs): Promise<ToolAnswer> {
    await this.assertOwnAppointment(ctx, args.appointmentId);
    const moved = await this.scheduling.move(ctx.clinic.id, { appointmentId: args.appointmentId, newStartTime: args.newStartTime, newProviderNo: args.newProviderId }, { deadline: ctx.deadline, callId: ctx.callId });
    await this.note(ctx, moved, CallOutcome.Rescheduled, CallIntent.Reschedule, args.smsConsent);
    const when = spokenTime(moved.startTime, ctx.clinic.timezone, ctx.lang);
    return resultAnswer({ moved: true, ...facts(moved), say: say(ctx.lang, 'moved', { when, provider: moved.providerName }) });
  }

  async cancel(ctx: ToolContext, args: CancelAppointmentArgs): Promise<ToolAnswer> {
    await this.assertOwnAppointment(ctx, args.appointmentId);
    const cancelled = await this.scheduling.cancel(ctx.clinic.id, { appointmentId: args.appointmentId, reason: args.reason }, { deadline: ctx.deadline, callId: ctx.callId });
    await this.note(ctx, cancelled, CallOutcome.Cancelled, CallIntent.Cancel, args.smsConsent);
    const when = spokenTime(cancelled.startTime, ctx.clinic.timezone, ctx.lang);
    return resultAnswer({ cancelled: true, ...facts(cancelled), say: say(ctx.lang, 'cancelled', { when }) });
  }

  /**
   * The appointment exists and belongs to a chart whose appointments this call may change. An
   * unknown id answers exactly like another patient's (NOT_PERMITTED), so a caller cannot learn
   * which appointment numbers exist.
   */
  private async assertOwnAppointment(ctx: ToolContext, appointmentId: number): Promise<void> {
    const adapter = await this.emr.forClinic(ctx.clinic.id);
    const appointment = await adapter.getAppointment(appointmentId, { deadline: ctx.deadline });
    if (!appointment?.demographicNo) throw toolError(ctx.lang, 'NOT_PERMITTED', 'notPermitted', 'none');
    assertChartAccess(ctx, appointment.demographicNo, 'appointments');
  }

  private async note(ctx: ToolContext, a: BookedAppointment, outcome: CallOutcome, intent: CallIntent, smsConsent: boolean | undefined): Promise<void> {
    if (!ctx.call || !ctx.callId) return;
    await this.calls.patch(ctx.call, { demographicId: a.demographicId, appointmentId: a.appointmentId, outcome, intent, smsConsent, language: ctx.lang });
    // the confirmation text is written with the tool call's receipt (one transaction), keyed by (call, tool call, kind);
    // the SMS job then checks consent, opt-out and the clinic's settings. A change found already made (a retry, or
    // a takeover after a crash before the receipt) is texted only if this call has no such text for it yet.
    ctx.receiptWrites.push(
      this.sms.confirmation({
        clinicId: ctx.clinic.id, vapiCallId: ctx.callId, toolCallId: ctx.toolCallId, kind: SMS_KIND[intent], language: ctx.lang, toE164: ctx.callerE164,
        appointmentId: a.appointmentId, startTime: a.startTime, providerName: a.providerName, onlyIfNoneForAppointment: a.alreadyDone,
      }),
    );
  }
}
