import type { SimAppointmentRow } from '../../apps/oscar-sim/src/control/control-types.js';
import type { FakeSentMessage } from '../../libs/testing/src/telnyx-fake.js';
import type { CallRecord, Delivery } from './calls.js';

/**
 * The gauntlet's verdicts. A hard check is a target of the issue (exit 1 when it fails); a
 * printed one is a figure or a condition the run needs to mean something. No line carries a name,
 * number or date of birth: calls are named by their index in the run.
 */
export interface Verdict {
  name: string;
  /** hard: exit 1 when it fails; precondition: the run proved nothing when it fails (exit 1 too) */
  level: 'hard' | 'precondition' | 'printed';
  pass: boolean;
  detail: string;
}

export const BOOKING_NOTE = /VoiceDesk call ([^)\s]+)\)/;

export interface CallLogRow {
  vapi_call_id: string;
  outcome: string | null;
  sms_consent: boolean | null;
  appointment_id: number | null;
}

/** Minutes since midnight of `HH:mm[:ss]`. */
function minutes(hhmmss: string): number {
  const [h, m] = hhmmss.split(':').map(Number);
  return h * 60 + m;
}

/** OSCAR's end time is inclusive (the last minute): a 09:00 15-minute visit ends 09:14. */
function overlap(a: SimAppointmentRow, b: SimAppointmentRow): boolean {
  return minutes(a.startTime) <= minutes(b.endTime) && minutes(b.startTime) <= minutes(a.endTime);
}

/** Pairs of appointments that hold one provider's time at once (cancelled ones do not count). */
export function doubleBookings(appointments: SimAppointmentRow[]): [SimAppointmentRow, SimAppointmentRow][] {
  const live = appointments.filter((a) => a.status !== 'C' && a.status !== 'N' && a.providerNo);
  const byDay = new Map<string, SimAppointmentRow[]>();
  for (const a of live) {
    const key = `${a.providerNo}|${a.date}`;
    byDay.set(key, [...(byDay.get(key) ?? []), a]);
  }
  const pairs: [SimAppointmentRow, SimAppointmentRow][] = [];
  for (const day of byDay.values()) {
    day.sort((x, y) => minutes(x.startTime) - minutes(y.startTime));
    for (let i = 0; i < day.length; i += 1) {
      for (let j = i + 1; j < day.length && minutes(day[j].startTime) <= minutes(day[i].endTime); j += 1) {
        if (overlap(day[i], day[j])) pairs.push([day[i], day[j]]);
      }
    }
  }
  return pairs;
}

export type TextKind = 'book' | 'reschedule' | 'cancel';

/** The kind of a confirmation from its text (the clinics use the default templates, docs/sms.md). */
export function textKind(text: string): TextKind | undefined {
  if (/ is booked for /.test(text)) return 'book';
  if (/ has moved to /.test(text)) return 'reschedule';
  if (/ is cancelled/.test(text)) return 'cancel';
  return undefined;
}

/** Moments when a text accepted by the carrier may not have been written down: a replica killed, PostgreSQL down. */
export interface CrashWindow {
  what: string;
  /** ms since the epoch */
  from: number;
  to: number;
}

export interface TextFindings {
  expected: number;
  missing: { call: number; kind: TextKind }[];
  doublesInWindow: { call: number; kind: TextKind; copies: number; window: string }[];
  doublesOutside: { call: number; kind: TextKind; copies: number }[];
  /** texts for an event no caller was told of (e.g. a booking whose answer was lost) */
  unexpected: number;
}

/**
 * Texts per booking event told to a caller (consent was always given): one each. A second copy
 * counts as the documented double (docs/sms.md: the carrier accepted, the process died before the
 * row said `sent`) when the first copy was accepted within `graceMs` before a crash window ended.
 */
export function checkTexts(calls: CallRecord[], sent: FakeSentMessage[], windows: CrashWindow[], graceMs = 15_000): TextFindings {
  const byKey = new Map<string, FakeSentMessage[]>();
  for (const m of sent) {
    const kind = textKind(m.text);
    if (!kind) continue;
    const key = `${m.to}|${kind}`;
    byKey.set(key, [...(byKey.get(key) ?? []), m]);
  }
  const findings: TextFindings = { expected: 0, missing: [], doublesInWindow: [], doublesOutside: [], unexpected: 0 };
  const expectedKeys = new Set<string>();
  for (const c of calls) {
    const kinds: TextKind[] = [...(c.booked ? ['book' as const] : []), ...(c.moved ? ['reschedule' as const] : []), ...(c.cancelled ? ['cancel' as const] : [])];
    for (const kind of kinds) {
      findings.expected += 1;
      const key = `${c.caller.phone}|${kind}`;
      expectedKeys.add(key);
      const copies = (byKey.get(key) ?? []).sort((a, b) => a.at - b.at);
      if (copies.length === 0) findings.missing.push({ call: c.index, kind });
      if (copies.length > 1) {
        const first = copies[0].at;
        const window = windows.find((w) => first >= w.from - graceMs && first <= w.to);
        if (window) findings.doublesInWindow.push({ call: c.index, kind, copies: copies.length, window: window.what });
        else findings.doublesOutside.push({ call: c.index, kind, copies: copies.length });
      }
    }
  }
  for (const [key, copies] of byKey) if (!expectedKeys.has(key)) findings.unexpected += copies.length;
  return findings;
}

export interface BookingFindings {
  /** appointments in the simulator whose note names one of this run's calls */
  ours: number;
  /** … whose call has no call log, or a call log without any booking outcome */
  withoutCallLog: { call: number; appointmentId: number }[];
  withoutOutcome: { call: number; appointmentId: number }[];
  /** bookings a caller was told of that the simulator does not hold */
  toldButAbsent: { call: number; appointmentId: number }[];
  /** notes naming a call id this run never made */
  strangers: number;
}

const BOOKING_OUTCOMES = new Set(['booked', 'rescheduled', 'cancelled']);

export function checkBookings(calls: CallRecord[], appointments: SimAppointmentRow[], logs: Map<string, CallLogRow>): BookingFindings {
  const byCallId = new Map(calls.map((c) => [c.vapiCallId, c]));
  const findings: BookingFindings = { ours: 0, withoutCallLog: [], withoutOutcome: [], toldButAbsent: [], strangers: 0 };
  const held = new Map(appointments.map((a) => [a.id, a]));
  for (const a of appointments) {
    const id = BOOKING_NOTE.exec(a.notes ?? '')?.[1];
    if (!id) continue;
    const call = byCallId.get(id);
    if (!call) {
      findings.strangers += 1;
      continue;
    }
    findings.ours += 1;
    const log = logs.get(id);
    if (!log) findings.withoutCallLog.push({ call: call.index, appointmentId: a.id });
    else if (!BOOKING_OUTCOMES.has(log.outcome ?? '') && log.appointment_id === null) findings.withoutOutcome.push({ call: call.index, appointmentId: a.id });
  }
  for (const c of calls) {
    for (const told of [c.booked, c.moved]) {
      if (told && !held.has(told.appointmentId)) findings.toldButAbsent.push({ call: c.index, appointmentId: told.appointmentId });
    }
  }
  return findings;
}

export interface CallLogFindings {
  missing: { call: number; reported: boolean }[];
  /** the caller was told of a change but the call log records no outcome for it, or no SMS consent */
  eventsLost: { call: number; what: string }[];
}

export function checkCallLogs(calls: CallRecord[], logs: Map<string, CallLogRow>): CallLogFindings {
  const findings: CallLogFindings = { missing: [], eventsLost: [] };
  for (const c of calls) {
    const log = logs.get(c.vapiCallId);
    if (!log) {
      findings.missing.push({ call: c.index, reported: c.reported });
      continue;
    }
    const changed = c.booked || c.moved || c.cancelled;
    if (changed && !BOOKING_OUTCOMES.has(log.outcome ?? '')) findings.eventsLost.push({ call: c.index, what: `outcome ${log.outcome ?? 'null'}` });
    if (c.toldDone.length > 0 && log.sms_consent !== true) findings.eventsLost.push({ call: c.index, what: `smsConsent ${String(log.sms_consent)}` });
  }
  return findings;
}

export interface LatencyFindings {
  over: Delivery[];
  max: number;
}

export function checkDeadline(deliveries: Delivery[], deadlineMs: number): LatencyFindings {
  const over = deliveries.filter((d) => d.ms > deadlineMs);
  return { over, max: Math.max(0, ...deliveries.map((d) => d.ms)) };
}
