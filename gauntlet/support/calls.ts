import { createHmac, randomUUID } from 'node:crypto';
import { endOfCallReport, newCall, toolCallsMessage, type VapiCall } from '../../libs/testing/src/vapi-messages.js';
import { PIN_HEADER, PROXY_HEADER, SERVED_BY_HEADER } from './proxy.js';
import type { GauntletCaller } from './sim-data.js';

/**
 * One scripted call through the proxy, as Vapi makes it: signed deliveries (HMAC, the platform
 * secret), the tool calls of the call alternating between the two replicas (`x-gauntlet-replica`),
 * a delivery the proxy lost because its replica died under it sent again with the same toolCallId
 * (a receipt must answer it), up to 3 times, and a delivery answered non-2xx sent again per the
 * assistant's documented `server.backoffPlan` (VAPI_BACKOFF_PLAN).
 */

export interface Delivery {
  callIndex: number;
  tool: string;
  /** ms since the run's start when it was sent */
  at: number;
  /** wall time of the request, as Vapi waits for it */
  ms: number;
  /** HTTP status; 0 when the request failed without an answer */
  status: number;
  /** `booked`, `offer`, `ok`, an error code, `HTTP 5xx`, `proxy lost`, `network error`, … */
  kind: string;
  /** replica index that answered (from the proxy), if any */
  servedBy?: number;
  /** replica the delivery was pinned to */
  pinned: number;
  /** 1 for the first send, 2+ for a resend of the same toolCallId */
  attempt: number;
  data?: any;
}

/** What the caller was told, per booking event: what the checks hold the system to. */
export interface CallRecord {
  index: number;
  vapiCallId: string;
  caller: GauntletCaller;
  clinicIndex: number;
  /** the appointment the caller was told was booked (and moved, and cancelled) */
  booked?: { appointmentId: number; providerId: string; startTime: string };
  moved?: { appointmentId: number; providerId: string; startTime: string };
  cancelled?: boolean;
  /** the call ended with its report answered 2xx */
  reported: boolean;
  /** tool calls whose result said it was done (any tool): the call log must show some outcome */
  toldDone: string[];
}

export class ScriptedCall {
  readonly vapi: VapiCall;
  readonly record: CallRecord;
  private toolNumber = 0;

  constructor(
    private readonly proxyUrl: string,
    private readonly secret: string,
    readonly index: number,
    caller: GauntletCaller,
    clinic: { index: number; vapiPhone: string },
    private readonly log: (d: Delivery) => void,
    private readonly startedAt: number,
  ) {
    this.vapi = newCall({ caller: caller.phone, dialled: clinic.vapiPhone });
    this.record = { index, vapiCallId: this.vapi.id, caller, clinicIndex: clinic.index, reported: false, toldDone: [] };
  }

  /** replica of the next delivery: calls start on alternate replicas, then every delivery switches */
  private nextReplica(): number {
    return (this.index + this.toolNumber++) % 2;
  }

  /**
   * One tool call as the agent makes it: answered `BUSY` or `EMR_UNAVAILABLE` with `next: retry`,
   * the agent says "one moment" and calls the tool again (a new toolCallId), up to twice — for a
   * booking, the retry SPEC §4.1 says must not book twice.
   */
  async tool(name: string, args: Record<string, unknown> = {}): Promise<Delivery> {
    let answer = await this.once(name, args);
    for (let retry = 0; retry < 2 && (answer.kind === 'BUSY' || answer.kind === 'EMR_UNAVAILABLE') && answer.data?.next === 'retry'; retry += 1) {
      await sleep(1000 + Math.random() * 1000);
      answer = await this.once(name, args);
    }
    return answer;
  }

  private async once(name: string, args: Record<string, unknown>): Promise<Delivery> {
    const pinned = this.nextReplica();
    const id = `call_${randomUUID().slice(0, 12)}`;
    return this.deliver(name, toolCallsMessage(this.vapi, [{ name, args, id }]), pinned, (status, body) => {
      const entry = body?.results?.[0];
      if (!entry) return { kind: `HTTP ${status} without results` };
      if (entry.error !== undefined) {
        const data = JSON.parse(entry.error);
        return { kind: String(data.code), data };
      }
      const data = JSON.parse(entry.result);
      return { kind: resultKind(name, data), data };
    });
  }

  async endOfCall(): Promise<Delivery> {
    const pinned = this.nextReplica();
    const body = endOfCallReport(this.vapi, { transcript: 'AI: Thank you for calling.\nUser: Thanks.\n', summary: 'Scripted call.' });
    const last = await this.deliver('end-of-call-report', body, pinned, () => ({ kind: 'ok' }));
    this.record.reported = last.status >= 200 && last.status < 300;
    return last;
  }

  /**
   * One delivery as Vapi makes it with the assistant's `server.backoffPlan` (docs/vapi-assistant.md
   * §6.3, VAPI_BACKOFF_PLAN): an answer that is not 2xx and not excluded is sent again, the same body
   * (the same toolCallId, the same call id), after `baseDelaySeconds` × 2ⁿ, up to `maxRetries` times.
   * A request the proxy lost (its replica died under it) or that got no answer is sent again at
   * once, as a load balancer's retry would (up to 3 times).
   */
  private async deliver(tool: string, message: unknown, pinned: number, read: (status: number, body: any) => { kind: string; data?: any }): Promise<Delivery> {
    let last = await this.send(tool, message, pinned, 1, read);
    let lost = 0;
    let retries = 0;
    for (let attempt = 2; ; attempt += 1) {
      if ((last.kind === 'proxy lost' || last.kind === 'network error') && lost < 2) {
        lost += 1;
      } else if (shouldRetry(last.status) && retries < VAPI_BACKOFF_PLAN.maxRetries) {
        await sleep(VAPI_BACKOFF_PLAN.baseDelaySeconds * 1000 * 2 ** retries);
        retries += 1;
      } else {
        return last;
      }
      last = await this.send(tool, message, pinned, attempt, read);
    }
  }

  private async send(tool: string, message: unknown, pinned: number, attempt: number, read: (status: number, body: any) => { kind: string; data?: any }): Promise<Delivery> {
    const raw = JSON.stringify(message);
    const timestamp = String(Date.now());
    const headers = {
      'content-type': 'application/json',
      'x-timestamp': timestamp,
      'x-signature': createHmac('sha256', this.secret).update(`${timestamp}.${raw}`).digest('hex'),
      [PIN_HEADER]: String(pinned),
    };
    const started = performance.now();
    const at = Date.now() - this.startedAt;
    let delivery: Delivery;
    try {
      const response = await fetch(`${this.proxyUrl}/api/vapi/webhook`, { method: 'POST', headers, body: raw, signal: AbortSignal.timeout(60_000) });
      const text = await response.text();
      const ms = performance.now() - started;
      const served = response.headers.get(SERVED_BY_HEADER);
      const base = { callIndex: this.index, tool, at, ms, status: response.status, servedBy: served === null ? undefined : Number(served), pinned, attempt };
      if (response.headers.get(PROXY_HEADER)) delivery = { ...base, kind: response.status === 502 ? 'proxy lost' : 'no replica' };
      else if (response.status >= 500) delivery = { ...base, kind: 'HTTP 5xx' };
      else if (tool !== 'end-of-call-report' && response.status !== 200) delivery = { ...base, kind: `HTTP ${response.status}` };
      else {
        let body: any;
        try {
          body = text ? JSON.parse(text) : undefined;
        } catch {
          body = undefined;
        }
        delivery = { ...base, ...read(response.status, body) };
      }
    } catch {
      delivery = { callIndex: this.index, tool, at, ms: performance.now() - started, status: 0, kind: 'network error', pinned, attempt };
    }
    this.log(delivery);
    return delivery;
  }
}

function resultKind(tool: string, data: any): string {
  if (tool === 'find_earliest_appointment') return data.found === false || !data.startTime ? 'no offer' : 'offer';
  if (tool === 'search_patient_by_phone') return data.found ? 'found' : 'not found';
  if (tool === 'create_appointment') return data.booked === false ? 'not booked' : 'booked';
  if (tool === 'update_appointment') return data.moved === false || data.updated === false ? 'not moved' : 'moved';
  if (tool === 'cancel_appointment') return data.cancelled === false ? 'not cancelled' : 'cancelled';
  return 'ok';
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The assistant's `server.backoffPlan` as docs/vapi-assistant.md §6.3 sets it (Vapi's default is no retry at all). */
export const VAPI_BACKOFF_PLAN = { type: 'exponential', maxRetries: 5, baseDelaySeconds: 2, excludedStatusCodes: [400, 401, 403, 404] } as const;

/** Vapi resends any answer that is not 2xx unless its status is excluded (reference/vapi.md §3 "Retries"). */
function shouldRetry(status: number): boolean {
  return status !== 0 && (status < 200 || status >= 300) && !(VAPI_BACKOFF_PLAN.excludedStatusCodes as readonly number[]).includes(status);
}

/**
 * The script (each tool call with the agent's retries, `ScriptedCall.tool`): clinic facts, identity (caller ID + date of birth), earliest slot, book it (SMS
 * consent yes), a second search, move the booking there, every third call cancels it, the call's
 * metadata (consent yes), the end-of-call report. `pause()` is the caller's and agent's talking
 * between two tool calls.
 */
export async function runScript(call: ScriptedCall, pause: () => number): Promise<void> {
  const r = call.record;
  const think = () => sleep(pause());
  const caller = r.caller;
  await call.tool('get_clinic_info');
  await think();
  await call.tool('search_patient_by_phone', { phone: caller.phone, dateOfBirth: caller.dateOfBirth });
  await think();
  let offer = await call.tool('find_earliest_appointment', {});
  await think();
  if (offer.kind === 'offer') {
    let slot = offer.data;
    let booked = await call.tool('create_appointment', {
      demographicId: caller.demographicId, providerId: slot.providerId, startTime: slot.startTime,
      ...(slot.appointmentType ? { appointmentType: slot.appointmentType } : {}), reason: 'checkup', smsConsent: true,
    });
    if (booked.kind === 'SLOT_TAKEN' && booked.data?.alternatives?.[0]) {
      slot = booked.data.alternatives[0];
      booked = await call.tool('create_appointment', {
        demographicId: caller.demographicId, providerId: slot.providerId, startTime: slot.startTime,
        ...(slot.appointmentType ? { appointmentType: slot.appointmentType } : {}), reason: 'checkup', smsConsent: true,
      });
    }
    if (booked.kind === 'booked') {
      r.toldDone.push('create_appointment');
      r.booked = { appointmentId: Number(booked.data.appointmentId), providerId: String(booked.data.providerId ?? slot.providerId), startTime: String(booked.data.startTime ?? slot.startTime) };
      await think();
      offer = await call.tool('find_earliest_appointment', { excludeStartTimes: [r.booked.startTime] });
      await think();
      let current = r.booked;
      if (offer.kind === 'offer' && offer.data.startTime !== r.booked.startTime) {
        const moved = await call.tool('update_appointment', {
          appointmentId: String(r.booked.appointmentId), newStartTime: offer.data.startTime, newProviderId: offer.data.providerId, smsConsent: true,
        });
        if (moved.kind === 'moved') {
          r.toldDone.push('update_appointment');
          r.moved = {
            appointmentId: Number(moved.data.appointmentId ?? r.booked.appointmentId), providerId: String(moved.data.providerId ?? offer.data.providerId),
            startTime: String(moved.data.startTime ?? offer.data.startTime),
          };
          current = r.moved;
        }
        await think();
      }
      if (r.index % 3 === 0) {
        const cancelled = await call.tool('cancel_appointment', { appointmentId: String(current.appointmentId), reason: 'plans changed', smsConsent: true });
        if (cancelled.kind === 'cancelled') {
          r.toldDone.push('cancel_appointment');
          r.cancelled = true;
        }
        await think();
      }
    }
  }
  const outcome = r.cancelled ? 'cancelled' : r.moved ? 'rescheduled' : r.booked ? 'booked' : 'no_action';
  const logged = await call.tool('log_call_metadata', { callOutcome: outcome, intent: 'book', demographicId: caller.demographicId, smsConsent: true });
  if (logged.kind === 'ok') r.toldDone.push('log_call_metadata');
  await think();
  await call.endOfCall();
}
