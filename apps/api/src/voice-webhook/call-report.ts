import type { CallReport } from '../calls/call-log.writer.js';
import { at, instant, num, str, type VapiEnvelope } from './vapi-payload.js';

const MAX_TEXT = 200_000;

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.slice(0, MAX_TEXT) : null;
}

/** No phone call lasts longer than a day: a longer or negative duration is a broken report, kept as unknown. */
const MAX_CALL_SECONDS = 24 * 60 * 60;

function plausibleDuration(seconds: number | null): number | null {
  if (seconds === null) return null;
  const rounded = Math.round(seconds);
  return rounded >= 0 && rounded <= MAX_CALL_SECONDS ? rounded : null;
}

/**
 * Vapi's end-of-call report as a `CallReport` (reference/vapi.md §2.3): `artifact.X ?? X` for the
 * transcript, `analysis.summary ?? summary`, `cost ?? call.cost`; the duration from
 * `endedAt − startedAt` (message, else call), else the legacy `durationSeconds`.
 */
export function readCallReport(envelope: VapiEnvelope, fallbackLanguage: string | null): CallReport {
  const m = envelope.message;
  const startedAt = instant(m.startedAt) ?? instant(at(m, 'call', 'startedAt'));
  const endedAt = instant(m.endedAt) ?? instant(at(m, 'call', 'endedAt'));
  const durationSeconds = plausibleDuration(
    startedAt && endedAt && endedAt >= startedAt ? (endedAt.getTime() - startedAt.getTime()) / 1000 : num(m.durationSeconds),
  );
  const endedReason = str(m.endedReason, 200) ?? str(at(m, 'call', 'endedReason'), 200);
  return {
    vapiCallId: envelope.callId as string,
    callerPhone: envelope.callerE164,
    startedAt,
    endedAt,
    durationSeconds,
    cost: num(m.cost) ?? num(at(m, 'call', 'cost')),
    transcript: text(at(m, 'artifact', 'transcript')) ?? text(m.transcript),
    summary: text(at(m, 'analysis', 'summary')) ?? text(m.summary),
    endedReason,
    forwarded: endedReason === 'assistant-forwarded-call' || !!at(m, 'destination', 'number'),
    fallbackLanguage,
  };
}
