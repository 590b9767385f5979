import { endOfCallReport, newCall, postVapi, toolCallsMessage, type VapiCall } from '../../libs/testing/src/vapi-messages.js';
import type { BenchApi, VoiceClinic } from './api.js';
import { benchCaller, MAX_CALLERS, type BenchCaller } from './sim-data.js';

/**
 * Vapi deliveries to the real webhook, signed as Vapi's HMAC credential signs them
 * (libs/testing/src/vapi-messages.ts), and what each answer was, in a word.
 */

export interface ToolOutcome {
  tool: string;
  /** wall time of the HTTP request, as Vapi would wait for it */
  ms: number;
  /** HTTP status; 0 when the request itself failed */
  status: number;
  /**
   * `offer` / `no offer` (find_earliest_appointment), `found` / `not found` (patient search),
   * `booked` (create_appointment), `ok` (any other result), an error `code` (EMR_UNAVAILABLE, BUSY,
   * SLOT_TAKEN, …), `HTTP 5xx`, `HTTP <status>`, or `network error`
   */
  kind: string;
  /** the parsed `result` or `error` */
  data?: any;
}

function resultKind(tool: string, data: any): string {
  if (tool === 'find_earliest_appointment') return data.found ? 'offer' : 'no offer';
  if (tool === 'search_patient_by_phone') return data.found ? 'found' : 'not found';
  if (tool === 'create_appointment') return data.booked ? 'booked' : 'not booked';
  return 'ok';
}

/** A caller on the line: one Vapi call of one synthetic patient to one clinic, on one API replica. */
export class VoiceCall {
  readonly vapi: VapiCall;

  constructor(
    private readonly api: BenchApi,
    private readonly secret: string,
    readonly caller: BenchCaller,
    clinic: VoiceClinic,
  ) {
    this.vapi = newCall({ caller: caller.phone, dialled: clinic.vapiPhone });
  }

  async tool(name: string, args: Record<string, unknown> = {}): Promise<ToolOutcome> {
    const started = performance.now();
    try {
      const reply = await postVapi(this.api, toolCallsMessage(this.vapi, [{ name, args }]), { kind: 'hmac', secret: this.secret });
      if (reply.status >= 500) return { tool: name, ms: reply.ms, status: reply.status, kind: 'HTTP 5xx' };
      if (reply.status !== 200) return { tool: name, ms: reply.ms, status: reply.status, kind: `HTTP ${reply.status}` };
      const entry = reply.body.results[0];
      if (entry.error !== undefined) {
        const data = JSON.parse(entry.error);
        return { tool: name, ms: reply.ms, status: reply.status, kind: String(data.code), data };
      }
      const data = JSON.parse(entry.result);
      return { tool: name, ms: reply.ms, status: reply.status, kind: resultKind(name, data), data };
    } catch {
      return { tool: name, ms: performance.now() - started, status: 0, kind: 'network error' };
    }
  }

  /** identifies the caller by caller ID, which binds the chart to the call (with `dateOfBirth`, verified) */
  identify(withDateOfBirth = false): Promise<ToolOutcome> {
    return this.tool('search_patient_by_phone', { phone: this.caller.phone, ...(withDateOfBirth ? { dateOfBirth: this.caller.dateOfBirth } : {}) });
  }

  /** books the slot an offer named */
  book(offer: { providerId: string; startTime: string; appointmentType?: string }): Promise<ToolOutcome> {
    return this.tool('create_appointment', {
      demographicId: this.caller.demographicId, providerId: offer.providerId, startTime: offer.startTime,
      ...(offer.appointmentType ? { appointmentType: offer.appointmentType } : {}), reason: 'checkup', smsConsent: false,
    });
  }

  /** the end-of-call report (no reply body expected) */
  async endOfCall(): Promise<ToolOutcome> {
    const started = performance.now();
    try {
      const reply = await postVapi(this.api, endOfCallReport(this.vapi), { kind: 'hmac', secret: this.secret });
      return { tool: 'end-of-call-report', ms: reply.ms, status: reply.status, kind: reply.status === 200 ? 'ok' : reply.status >= 500 ? 'HTTP 5xx' : `HTTP ${reply.status}` };
    } catch {
      return { tool: 'end-of-call-report', ms: performance.now() - started, status: 0, kind: 'network error' };
    }
  }
}

/** Hands out the data file's callers, each once per run: every call is a different patient. */
export class CallerPool {
  private next = 0;

  take(): BenchCaller {
    if (this.next >= MAX_CALLERS) throw new Error(`more than ${MAX_CALLERS} callers in one run: raise MAX_CALLERS in bench/support/sim-data.ts`);
    return benchCaller(this.next++);
  }
}
