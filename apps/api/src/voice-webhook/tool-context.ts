import type { CallMetadata } from '../calls/call-metadata.entity.js';
import type { CallRef } from '../calls/call-metadata.service.js';
import type { ReceiptWrite } from '../calls/tool-call-receipts.service.js';
import type { Lang } from './speech.js';
import { toolError } from './tool-reply.js';
import type { VoiceClinic } from './voice-clinic-directory.js';

/** Everything one tool call runs with. */
export interface ToolContext {
  clinic: VoiceClinic;
  /** Vapi's call id; null for a payload without one (then nothing is bound or remembered) */
  callId: string | null;
  toolCallId: string;
  /** the caller ID in E.164 (never a tool argument) */
  callerE164: string | null;
  lang: Lang;
  /** epoch ms by which the whole delivery must be answered: passed to the EMR and scheduling */
  deadline: number;
  /** the call the tool records on (null without a call id) */
  call: CallRef | null;
  /**
   * the call's durable metadata as it was when the delivery arrived, for tools that bind identity
   * (`ToolSpec.bindsIdentity`); null for the others, before the call recorded anything, or
   * without a call id
   */
  meta: CallMetadata | null;
  /**
   * rows a mutating tool asks to write with its receipt (e.g. its confirmation text): committed in
   * the receipt's transaction, so they exist exactly when the answer was recorded
   */
  receiptWrites: ReceiptWrite[];
}

/**
 * Identity binding (SPEC §4): the charts this call may touch are the ones matched by its caller ID
 * or verified (name or caller ID + date of birth) in this call. A number shared by several charts
 * names nobody until a date of birth picks one.
 */
export type ChartAccess = 'ok' | 'needs_dob' | 'not_permitted';

function verified(meta: CallMetadata | null): number[] {
  return meta?.verifiedDemographicIds ?? [];
}

/** The one chart on the caller's number, when there is exactly one. */
function soleMatch(meta: CallMetadata | null): number | null {
  const matched = meta?.matchedDemographicIds ?? [];
  return matched.length === 1 ? matched[0] : null;
}

/**
 * `book`: may this chart be booked for (caller ID's sole chart, or verified)?
 * `appointments`: may its existing appointments be read or changed (with `requireDOBVerification`,
 * only after a date of birth was confirmed in this call)?
 */
export function chartAccess(ctx: ToolContext, demographicId: number, purpose: 'book' | 'appointments'): ChartAccess {
  if (verified(ctx.meta).includes(demographicId)) return 'ok';
  if (soleMatch(ctx.meta) !== demographicId) return 'not_permitted';
  return purpose === 'appointments' && ctx.clinic.config.requireDOBVerification ? 'needs_dob' : 'ok';
}

/** Throws NOT_PERMITTED / NEEDS_DOB unless the caller may act on this chart. */
export function assertChartAccess(ctx: ToolContext, demographicId: number, purpose: 'book' | 'appointments'): void {
  const access = chartAccess(ctx, demographicId, purpose);
  if (access === 'needs_dob') throw toolError(ctx.lang, 'NEEDS_DOB', 'needsDob', 'ask_dob');
  if (access === 'not_permitted') throw toolError(ctx.lang, 'NOT_PERMITTED', 'notPermitted', 'none');
}

/** The call's chart for searches: the last verified, else the caller ID's sole chart, else none (new-patient rules). */
export function callChart(ctx: ToolContext): number | null {
  return verified(ctx.meta).at(-1) ?? soleMatch(ctx.meta);
}
