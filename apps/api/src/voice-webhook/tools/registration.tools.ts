import { Injectable } from '@nestjs/common';
import { toE164 } from '../../../../../libs/shared/src/phone.js';
import { CallMetadataService } from '../../calls/call-metadata.service.js';
import type { WaitlistDetails } from '../../calls/waitlist-details.js';
import { WaitlistService } from '../../clinics/waitlist.service.js';
import { CallIntent, CallOutcome, WaitlistSource } from '../../database/enums.js';
import { isValidBcPhn } from '../../../../../libs/shared/src/bc-phn.js';
import type { AddToWaitlistArgs, RegisterNewPatientArgs } from '../dto/tool-args.dto.js';
import { say } from '../speech.js';
import type { ToolContext } from '../tool-context.js';
import { resultAnswer, toolError, type ToolAnswer } from '../tool-reply.js';

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * `register_new_patient` and `add_to_waitlist`. OSCAR cannot create charts over SOAP, so a
 * registration is a pending waitlist entry whose details (date of birth, address, health card…)
 * are encrypted in `details_enc`; the clinic's staff complete the chart.
 */
@Injectable()
export class RegistrationTools {
  constructor(
    private readonly waitlist: WaitlistService,
    private readonly calls: CallMetadataService,
  ) {}

  async register(ctx: ToolContext, args: RegisterNewPatientArgs): Promise<ToolAnswer> {
    const { config } = ctx.clinic;
    const { lang } = ctx;
    if (!config.acceptingNewPatients || (await this.weeklyLimitReached(ctx))) {
      throw config.waitlistEnabled
        ? toolError(lang, 'NOT_ACCEPTING', 'notAcceptingWaitlist', 'offer_waitlist')
        : toolError(lang, 'NOT_ACCEPTING', 'notAccepting', config.transferPhoneNumber ? 'transfer' : 'none');
    }
    if (args.healthCardType === 'BC' && !isValidBcPhn(args.healthCardNumber ?? '')) {
      throw toolError(lang, 'INVALID_HEALTH_NUMBER', 'invalidPhn', 'ask_repeat', { fields: ['healthCardNumber'] });
    }
    if (!config.waitlistEnabled) {
      // nowhere to keep the details: staff register the caller on the phone
      if (config.transferPhoneNumber) return resultAnswer({ registered: false, say: say(lang, 'registrationTransfer'), next: 'transfer' });
      throw toolError(lang, 'NOT_ACCEPTING', 'notAccepting', 'none');
    }
    const details: WaitlistDetails = {
      dateOfBirth: args.dateOfBirth,
      gender: args.gender,
      address: args.address,
      city: args.city,
      postalCode: args.postalCode,
      healthCardType: args.healthCardType,
      healthCardNumber: args.healthCardNumber?.replace(/[\s-]/g, '') ?? null,
      email: args.email ?? null,
      language: lang,
    };
    const waitlistEntryId = await this.addEntry(ctx, args.firstName, args.lastName, args.phone, args.email ?? null, null, details);
    await this.note(ctx, CallOutcome.Registered, CallIntent.Register);
    return resultAnswer({ registered: true, pendingStaffCompletion: true, waitlistEntryId, say: say(lang, 'registered', { name: args.firstName }) });
  }

  async addToWaitlist(ctx: ToolContext, args: AddToWaitlistArgs): Promise<ToolAnswer> {
    if (!ctx.clinic.config.waitlistEnabled) throw toolError(ctx.lang, 'NOT_ACCEPTING', 'waitlistOff', ctx.clinic.config.transferPhoneNumber ? 'transfer' : 'none');
    const waitlistEntryId = await this.addEntry(ctx, args.firstName, args.lastName, args.phone ?? null, null, args.notes ?? null, { language: ctx.lang });
    await this.note(ctx, CallOutcome.Waitlisted, CallIntent.Register);
    return resultAnswer({ waitlisted: true, waitlistEntryId, say: say(ctx.lang, 'waitlisted', { name: args.firstName }) });
  }

  /** `maxNewPatientsPerWeek`: voice registrations of the last seven days. */
  private async weeklyLimitReached(ctx: ToolContext): Promise<boolean> {
    const max = ctx.clinic.config.maxNewPatientsPerWeek;
    if (max === null || max === undefined) return false;
    return (await this.waitlist.countVoiceRegistrationsSince(ctx.clinic.id, new Date(Date.now() - WEEK_MS))) >= max;
  }

  private async addEntry(ctx: ToolContext, firstName: string, lastName: string, phone: string | null, email: string | null, notes: string | null, details: WaitlistDetails): Promise<string> {
    return this.waitlist.add(ctx.clinic.id, {
      firstName,
      lastName,
      phone: toE164(phone) ?? ctx.callerE164 ?? phone ?? '',
      email,
      notes,
      details,
      source: WaitlistSource.Voice,
      vapiCallId: ctx.callId,
    });
  }

  private async note(ctx: ToolContext, outcome: CallOutcome, intent: CallIntent): Promise<void> {
    if (ctx.call) await this.calls.patch(ctx.call, { outcome, intent, language: ctx.lang });
  }
}
