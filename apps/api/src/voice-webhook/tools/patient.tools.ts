import { Injectable } from '@nestjs/common';
import { CallMetadataService } from '../../calls/call-metadata.service.js';
import type { EmrPatient } from '../../emr/emr-adapter.js';
import { EmrAdapterFactory } from '../../emr/emr-adapter.factory.js';
import { PatientPhoneCacheService } from '../../emr/patient-phone-cache.service.js';
import type { SearchPatientArgs, SearchPatientByPhoneArgs } from '../dto/tool-args.dto.js';
import { say } from '../speech.js';
import type { ToolContext } from '../tool-context.js';
import { resultAnswer, type ToolAnswer } from '../tool-reply.js';

/** Charts a caller can be: not deceased. */
function reachable(patient: EmrPatient): boolean {
  return patient.status !== 'DE';
}

/** The chart's first given name as it is spoken ("HARRIET" on the chart → "Harriet"). */
function firstName(patient: EmrPatient): string {
  const name = patient.firstName?.trim().split(/\s+/)[0] ?? '';
  return name === name.toUpperCase() ? name.charAt(0) + name.slice(1).toLowerCase() : name;
}

/** Dates of birth that may miss in one call; then identity is left to staff (no guessing a chart's date of birth by phone). */
export const MAX_DOB_GUESSES = 3;

function sameCharts(a: number[], b: number[]): boolean {
  const set = new Set(a);
  return set.size === new Set(b).size && b.every((id) => set.has(id));
}

/**
 * `search_patient_by_phone` and `search_patient`: who the caller is. Identity comes from the
 * caller ID (never the `phone` argument) or from name + date of birth, and is bound to the call
 * in its durable metadata.
 */
@Injectable()
export class PatientTools {
  constructor(
    private readonly phoneCache: PatientPhoneCacheService,
    private readonly emr: EmrAdapterFactory,
    private readonly calls: CallMetadataService,
  ) {}

  async searchByPhone(ctx: ToolContext, args: SearchPatientByPhoneArgs): Promise<ToolAnswer> {
    const { lang } = ctx;
    if (!ctx.callerE164 || !ctx.call) return resultAnswer({ found: false, say: say(lang, 'noCallerId'), next: 'search_again' });
    const lookup = await this.phoneCache.findByPhone(ctx.clinic.id, ctx.callerE164, { deadline: ctx.deadline });
    const charts = lookup.patients.filter(reachable);
    const matched = charts.map((p) => p.demographicNo);
    // asked again (e.g. with the date of birth): the same answer is not written again
    if (!sameCharts(matched, ctx.meta?.matchedDemographicIds ?? [])) await this.calls.setMatched(ctx.call, matched);
    if (charts.length === 0) return resultAnswer({ found: false, say: say(lang, 'phoneNone'), next: 'offer_registration' });

    if (args.dateOfBirth) {
      if (guessesSpent(ctx)) return dobLimit(ctx);
      const picked = charts.filter((p) => p.dateOfBirth === args.dateOfBirth);
      if (picked.length !== 1) {
        await this.calls.addDobFailure(ctx.call);
        if (guessesSpent(ctx, 1)) return dobLimit(ctx);
        return resultAnswer({ found: false, verified: false, say: say(lang, 'dobMismatch'), next: 'search_again' });
      }
      await this.calls.addVerified(ctx.call, picked[0].demographicNo);
      return resultAnswer({ found: true, verified: true, demographicId: picked[0].demographicNo, firstName: firstName(picked[0]), say: say(lang, 'verified', { name: firstName(picked[0]) }) });
    }
    if (charts.length > 1) {
      // a shared phone names nobody until a date of birth picks one
      return resultAnswer({ found: true, multiple: true, verified: false, say: say(lang, 'phoneMany'), next: 'ask_dob' });
    }
    const [chart] = charts;
    return resultAnswer({
      found: true,
      verified: false,
      demographicId: chart.demographicNo,
      firstName: firstName(chart),
      dobRequiredForAppointments: ctx.clinic.config.requireDOBVerification,
      say: say(lang, 'phoneOne', { name: firstName(chart) }),
    });
  }

  async searchByName(ctx: ToolContext, args: SearchPatientArgs): Promise<ToolAnswer> {
    const { lang } = ctx;
    if (guessesSpent(ctx)) return dobLimit(ctx);
    const adapter = await this.emr.forClinic(ctx.clinic.id);
    const charts = (await adapter.findPatientsByNameAndDob(args, { deadline: ctx.deadline })).filter(reachable);
    if (charts.length !== 1 || !ctx.call) {
      if (ctx.call) await this.calls.addDobFailure(ctx.call);
      if (guessesSpent(ctx, 1)) return dobLimit(ctx);
      return resultAnswer({ found: false, verified: false, reason: 'record_not_found', say: say(lang, 'nameNotFound'), next: 'transfer' });
    }
    const [chart] = charts;
    await this.calls.addVerified(ctx.call, chart.demographicNo);
    return resultAnswer({ found: true, verified: true, demographicId: chart.demographicNo, firstName: firstName(chart), say: say(lang, 'verified', { name: firstName(chart) }) });
  }
}

/** The call's dates of birth that missed (as the delivery read them, plus `more` just counted) reached the limit. */
function guessesSpent(ctx: ToolContext, more = 0): boolean {
  return (ctx.meta?.dobFailures ?? 0) + more >= MAX_DOB_GUESSES;
}

/** Too many dates of birth missed: no more checking in this call; staff take over (or the caller is told when they can). */
function dobLimit(ctx: ToolContext): ToolAnswer {
  const transfer = !!ctx.clinic.config.transferPhoneNumber;
  return resultAnswer({ found: false, verified: false, reason: 'too_many_attempts', say: say(ctx.lang, transfer ? 'dobLimit' : 'dobLimitNoTransfer'), next: transfer ? 'transfer' : 'none' });
}
