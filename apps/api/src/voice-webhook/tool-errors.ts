import { EmrBusyError, EmrError } from '../emr/emr-errors.js';
import { SchedulingError, SlotTakenError, TooLateToChangeError } from '../scheduling/scheduling-errors.js';
import type { EarliestResult, SlotOffer } from '../scheduling/scheduling.types.js';
import { say, spokenTime, type Lang } from './speech.js';
import { ToolError, toolError } from './tool-reply.js';
import type { VoiceClinic } from './voice-clinic-directory.js';

/** The facts of an offer, in the tools' own argument names (SPEC §4.2). */
export function offerFacts(offer: SlotOffer) {
  const { providerId, providerName, startTime, endTime, appointmentType } = offer;
  return { providerId, providerName, startTime, endTime, appointmentType };
}

/** A fresh offer's slots, earliest first (at most three). */
export function offersOf(result: EarliestResult | null): SlotOffer[] {
  if (!result) return [];
  return [result.offer, ...result.alternatives, ...result.choices].filter((o): o is SlotOffer => !!o).slice(0, 3);
}

/**
 * Scheduling and EMR failures as the agent hears them (SPEC §4.2 codes); anything else is
 * rethrown (a bug: logged by the dispatcher and answered EMR_UNAVAILABLE there).
 */
export function toToolError(error: unknown, clinic: VoiceClinic, lang: Lang): ToolError {
  if (error instanceof ToolError) return error;
  if (error instanceof SlotTakenError) {
    const offers = offersOf(error.offer);
    const first = offers[0];
    return first
      ? new ToolError('SLOT_TAKEN', say(lang, 'slotTaken', { when: spokenTime(first.startTime, clinic.timezone, lang), provider: first.providerName }), 'none', { alternatives: offers.map(offerFacts) })
      : new ToolError('SLOT_TAKEN', say(lang, 'slotTakenNone'), 'search_again', { alternatives: [] });
  }
  if (error instanceof SchedulingError) {
    switch (error.schedulingCode) {
      case 'DAILY_LIMIT':
        return toolError(lang, 'DAILY_LIMIT', 'dailyLimit', 'search_again');
      case 'TOO_LATE_TO_CHANGE':
        return toolError(lang, 'TOO_LATE_TO_CHANGE', 'tooLate', 'transfer', {}, { hours: (error as TooLateToChangeError).minNoticeHours });
      case 'NOT_ACCEPTING':
        return clinic.config.waitlistEnabled
          ? toolError(lang, 'NOT_ACCEPTING', 'notAcceptingWaitlist', 'offer_waitlist')
          : toolError(lang, 'NOT_ACCEPTING', 'notAccepting', 'transfer');
      case 'INVALID_ARGUMENTS':
        return toolError(lang, 'INVALID_ARGUMENTS', 'invalidArgs', 'ask_repeat', { fields: error.fieldErrors.map((f) => f.field) });
      case 'EMR_UNAVAILABLE':
        return emrUnavailable(lang);
      case 'BUSY':
        return busy(lang);
    }
  }
  // the clinic's EMR had more work than it could take in time: "one moment", not "unavailable"
  if (error instanceof EmrBusyError) return busy(lang);
  if (error instanceof EmrError) return emrUnavailable(lang);
  throw error;
}

function busy(lang: Lang): ToolError {
  return toolError(lang, 'BUSY', 'busy', 'retry');
}

export function emrUnavailable(lang: Lang): ToolError {
  return toolError(lang, 'EMR_UNAVAILABLE', 'emrUnavailable', 'retry');
}
