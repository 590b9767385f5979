import { createHmac, randomUUID } from 'node:crypto';
import type { ApiTarget } from './http.js';

/**
 * Vapi server messages shaped as reference/vapi.md §4 shows them (tool-calls with `toolCallList`,
 * `toolCalls` and `toolWithToolCallList`; end-of-call report with `artifact` and `analysis`), and
 * a poster that signs them the ways Vapi can.
 */

export interface VapiCall {
  /** Vapi's call id */
  id: string;
  /** the caller ID (`call.customer.number`) */
  caller: string;
  /** the number dialled; omitted on BYO numbers */
  dialled?: string;
  phoneNumberId?: string;
  /** `message.metadata.clinicId` (the test override) */
  clinicId?: string;
}

export function newCall(fields: Partial<VapiCall> & { caller: string }): VapiCall {
  return { id: randomUUID(), ...fields };
}

function common(call: VapiCall, timestamp: number) {
  const phoneNumber = { id: call.phoneNumberId ?? randomUUID(), orgId: 'org-test', provider: 'telnyx', ...(call.dialled ? { number: call.dialled } : {}) };
  return {
    timestamp,
    call: {
      id: call.id,
      orgId: 'org-test',
      type: 'inboundPhoneCall',
      status: 'in-progress',
      phoneCallProvider: 'telnyx',
      phoneCallTransport: 'pstn',
      phoneNumberId: phoneNumber.id,
      customer: { number: call.caller },
      assistantId: 'asst-test',
      createdAt: new Date(timestamp - 30_000).toISOString(),
      startedAt: new Date(timestamp - 29_000).toISOString(),
    },
    phoneNumber,
    customer: { number: call.caller },
    assistant: { name: 'Clinic Booking', metadata: {} },
    ...(call.clinicId ? { metadata: { clinicId: call.clinicId } } : {}),
    artifact: { messages: [{ role: 'user', message: 'Hello', time: timestamp - 2000, endTime: timestamp - 1000, secondsFromStart: 20.1 }] },
  };
}

export interface ToolCallSpec {
  name: string;
  args?: Record<string, unknown>;
  /** Vapi's toolCallId; random unless given (a retry sends the same one) */
  id?: string;
}

export function toolCallsMessage(call: VapiCall, tools: ToolCallSpec[]) {
  const list = tools.map((t) => ({ id: t.id ?? `call_${randomUUID().slice(0, 8)}`, type: 'function', function: { name: t.name, arguments: t.args ?? {} } }));
  return {
    message: {
      type: 'tool-calls',
      ...common(call, Date.now()),
      toolCallList: list,
      toolCalls: list,
      toolWithToolCallList: list.map((tc) => ({
        type: 'function',
        async: false,
        function: { name: tc.function.name, description: '', parameters: { type: 'object', properties: {} } },
        server: { url: 'https://voicedesk.test/api/vapi/webhook', timeoutSeconds: 20 },
        messages: [{ type: 'request-start', content: 'One moment.' }],
        toolCall: tc,
      })),
    },
  };
}

export function endOfCallReport(call: VapiCall, fields: { transcript?: string; summary?: string; cost?: number; endedReason?: string; durationSeconds?: number; legacy?: boolean } = {}) {
  const ended = Date.now();
  const base = common(call, ended);
  const startedAt = new Date(ended - 127_000).toISOString();
  const endedAt = new Date(ended).toISOString();
  if (fields.legacy) {
    return { message: { type: 'end-of-call-report', ...base, endedReason: fields.endedReason ?? 'customer-ended-call', transcript: fields.transcript, summary: fields.summary, durationSeconds: fields.durationSeconds ?? 127, messages: [] } };
  }
  return {
    message: {
      type: 'end-of-call-report',
      ...base,
      call: { ...base.call, status: 'ended' },
      endedReason: fields.endedReason ?? 'customer-ended-call',
      startedAt,
      endedAt,
      cost: fields.cost ?? 0.4512,
      costs: [{ type: 'vapi', subType: 'normal', minutes: 2.12, cost: 0.106 }],
      artifact: { transcript: fields.transcript ?? 'AI: Thank you for calling.\nUser: I would like to book.\n', messages: [], recordingUrl: 'https://storage.vapi.ai/rec-mono.wav' },
      analysis: { summary: fields.summary ?? 'Caller booked a visit.', successEvaluation: 'true' },
    },
  };
}

export function transferDestinationRequest(call: VapiCall) {
  return { message: { type: 'transfer-destination-request', ...common(call, Date.now()) } };
}

export function statusUpdate(call: VapiCall, status: string) {
  return { message: { type: 'status-update', status, ...common(call, Date.now()) } };
}

export type VapiAuth =
  | { kind: 'bearer' | 'x-vapi-secret' | 'x-api-key'; secret: string }
  | { kind: 'hmac'; secret: string; timestamp?: string; prefix?: boolean }
  | { kind: 'none' };

export interface VapiReply {
  status: number;
  body: any;
  ms: number;
}

/** POSTs a message to `/api/vapi/webhook` with one credential, as Vapi would send it. */
export async function postVapi(t: ApiTarget, body: unknown, auth: VapiAuth): Promise<VapiReply> {
  const raw = JSON.stringify(body);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (auth.kind === 'bearer') headers.authorization = `Bearer ${auth.secret}`;
  if (auth.kind === 'x-vapi-secret') headers['x-vapi-secret'] = auth.secret;
  if (auth.kind === 'x-api-key') headers['x-api-key'] = auth.secret;
  if (auth.kind === 'hmac') {
    const timestamp = auth.timestamp ?? String(Date.now());
    const hex = createHmac('sha256', auth.secret).update(`${timestamp}.${raw}`).digest('hex');
    headers['x-timestamp'] = timestamp;
    headers['x-signature'] = auth.prefix ? `sha256=${hex}` : hex;
  }
  const started = performance.now();
  const response = await fetch(`${t.baseUrl}/api/vapi/webhook`, { method: 'POST', headers, body: raw });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, ms: performance.now() - started };
}

/** The parsed `result` or `error` of the i-th tool call of a reply. */
export function toolAnswer(reply: VapiReply, index = 0): { ok: boolean; data: any } {
  const entry = reply.body?.results?.[index];
  if (!entry) throw new Error(`no result ${index} in ${JSON.stringify(reply.body)}`);
  return entry.result !== undefined ? { ok: true, data: JSON.parse(entry.result) } : { ok: false, data: JSON.parse(entry.error) };
}
