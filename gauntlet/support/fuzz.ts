import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import fc from 'fast-check';
import type { BenchApi } from '../../bench/support/api.js';
import { sleep } from '../../bench/support/processes.js';
import { rssBytes } from '../../libs/testing/src/production.js';
import { loggedErrors } from './logs.js';
import type { GauntletClinic } from './system.js';

/**
 * Fuzzing of the public surfaces with fast-check: `runs` requests to one replica, each generated
 * from a seed (printed, so a run can be replayed), a mix of
 * - Vapi webhook deliveries, correctly signed (so they pass authentication and reach the
 *   dispatcher): known and unknown message types and tool names, arguments of every JSON shape,
 *   calls with and without ids, numbers and clinics;
 * - bodies that are not what the route expects: unsigned or badly signed webhooks, invalid JSON,
 *   random JSON to sign-in, clinics, config, hours, holidays, providers and the Telnyx webhook.
 * Watched: the status of every answer (no 5xx), the process (alive, /api/health 200), its output
 * (no unhandled rejection, no uncaught exception) and its RSS after a warm-up and at the end.
 */

const TOOLS = [
  'get_clinic_info', 'search_patient_by_phone', 'search_patient', 'get_providers', 'find_earliest_appointment', 'check_appointments',
  'create_appointment', 'update_appointment', 'cancel_appointment', 'register_new_patient', 'add_to_waitlist', 'log_call_metadata', 'transfer_call',
];
const ARG_NAMES = [
  'phone', 'dateOfBirth', 'firstName', 'lastName', 'providerName', 'providerId', 'startDate', 'endDate', 'timeOfDay', 'daysOfWeek', 'excludeStartTimes',
  'appointmentType', 'reason', 'demographicId', 'findAvailable', 'startTime', 'smsConsent', 'appointmentId', 'newStartTime', 'newProviderId', 'gender',
  'address', 'city', 'postalCode', 'healthCardType', 'healthCardNumber', 'email', 'notes', 'callOutcome', 'intent', 'language',
];
const MESSAGE_TYPES = ['tool-calls', 'end-of-call-report', 'status-update', 'transfer-destination-request', 'conversation-update', 'hang', 'x'];

interface FuzzRequest {
  method: string;
  path: string;
  /** raw body; undefined = none */
  body?: string;
  sign?: 'good' | 'bad' | 'none';
  auth?: boolean;
  contentType?: string;
}

/** values a model might put in an argument: plausible strings, wrong types, huge and odd ones */
const argValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom('', ' ', '2027-02-30', '1900-01-01', '9999-12-31T25:61:00Z', 'tomorrow', '101', '-1', '0', 'NaN', '1e400', '💥', 'a'.repeat(5000), '\u0000', '<xml/>', "'; DROP TABLE call_logs;--"),
  fc.integer(),
  fc.double(),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

const args = fc.oneof(
  fc.dictionary(fc.constantFrom(...ARG_NAMES), argValue, { maxKeys: 8 }),
  fc.jsonValue({ maxDepth: 3 }),
  fc.constant('{"not":"an object"}'),
);

function webhook(clinics: GauntletClinic[]) {
  const toolCall = fc.record({
    id: fc.oneof(fc.uuid().map((u) => `call_${u.slice(0, 8)}`), fc.constant(undefined), fc.jsonValue({ maxDepth: 1 })),
    type: fc.constantFrom('function', 'x', undefined),
    function: fc.oneof(
      fc.record({ name: fc.oneof(fc.constantFrom(...TOOLS), fc.string({ maxLength: 20 })), arguments: fc.oneof(args, args.map((a) => JSON.stringify(a)), fc.string({ maxLength: 30 })) }),
      fc.jsonValue({ maxDepth: 1 }),
    ),
  });
  const call = fc.record({
    id: fc.oneof(fc.uuid(), fc.constant(undefined), fc.string({ maxLength: 10 }), fc.integer()),
    customer: fc.oneof(fc.record({ number: fc.oneof(fc.constantFrom('+16045551000', '+16045551001', '+1604555'), fc.string({ maxLength: 16 })) }), fc.constant(null)),
    phoneNumber: fc.record({ number: fc.oneof(fc.constantFrom(...clinics.map((c) => c.vapiPhone)), fc.string({ maxLength: 14 })) }),
    status: fc.constantFrom('in-progress', 'ended', undefined),
  }, { requiredKeys: [] });
  return fc.record({
    type: fc.oneof(fc.constantFrom(...MESSAGE_TYPES), fc.jsonValue({ maxDepth: 1 })),
    call,
    phoneNumber: fc.record({ number: fc.constantFrom(...clinics.map((c) => c.vapiPhone)) }, { requiredKeys: [] }),
    toolCallList: fc.oneof(fc.array(toolCall, { maxLength: 4 }), fc.jsonValue({ maxDepth: 1 })),
    metadata: fc.oneof(fc.constant(undefined), fc.record({ clinicId: fc.oneof(fc.constantFrom(...clinics.map((c) => c.id)), fc.uuid(), fc.string({ maxLength: 8 })) })),
    status: fc.constantFrom('ended', 'in-progress', undefined),
    endedReason: fc.oneof(fc.constant(undefined), fc.string({ maxLength: 20 })),
    artifact: fc.oneof(fc.constant(undefined), fc.record({ transcript: fc.string({ maxLength: 200 }), messages: fc.jsonValue({ maxDepth: 2 }) }, { requiredKeys: [] })),
    analysis: fc.oneof(fc.constant(undefined), fc.jsonValue({ maxDepth: 2 })),
    cost: fc.oneof(fc.double(), fc.string({ maxLength: 5 }), fc.constant(undefined)),
    durationSeconds: fc.oneof(fc.integer(), fc.double(), fc.string({ maxLength: 5 }), fc.constant(undefined)),
  }, { requiredKeys: ['type'] }).map((message): FuzzRequest => {
    const m = message as Record<string, unknown>;
    // the dispatcher reads toolCallList, toolCalls or toolWithToolCallList: send the list in one or all of them
    if (Array.isArray(m.toolCallList) && m.toolCallList.length % 2 === 0) m.toolCalls = m.toolCallList;
    return { method: 'POST', path: '/api/vapi/webhook', body: JSON.stringify({ message: m }), sign: 'good' };
  });
}

function restBodies(clinics: GauntletClinic[]) {
  const clinicId = fc.oneof(fc.constantFrom(...clinics.map((c) => c.id)), fc.uuid(), fc.constantFrom('x', '..%2f', '00000000-0000-0000-0000-000000000000'));
  const rawBody = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
    fc.string({ maxLength: 200 }),
    fc.constantFrom('{', '{"a":', '[1,2', 'null', '"str"', '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"x":1}}}', '\u0000\u0001', '{}'.padEnd(2000, ' ')),
  );
  const sections = fc.dictionary(
    fc.constantFrom('emr', 'registration', 'scheduling', 'voice', 'privacyOfficer', 'retention', 'agreements', 'clinicalControl', 'oscarConfig', 'voiceBooking', 'sms', 'x'),
    fc.oneof(fc.dictionary(fc.string({ maxLength: 24 }), argValue, { maxKeys: 4 }), fc.jsonValue({ maxDepth: 1 })),
    { maxKeys: 3 },
  ).map((v) => JSON.stringify(v));
  const route = fc.oneof(
    fc.record({ method: fc.constant('POST'), path: fc.constant('/api/auth/login'), body: rawBody, auth: fc.constant(false) }),
    fc.record({ method: fc.constant('POST'), path: fc.constant('/api/auth/refresh'), body: rawBody, auth: fc.constant(false) }),
    fc.record({ method: fc.constant('POST'), path: fc.constant('/api/clinics'), body: rawBody, auth: fc.constant(true) }),
    fc.record({ method: fc.constant('PATCH'), path: clinicId.map((id) => `/api/clinics/${id}`), body: rawBody, auth: fc.constant(true) }),
    fc.record({ method: fc.constant('PUT'), path: clinicId.map((id) => `/api/clinics/${id}/config`), body: fc.oneof(sections, rawBody), auth: fc.constant(true) }),
    fc.record({ method: fc.constant('PUT'), path: clinicId.map((id) => `/api/clinics/${id}/hours`), body: rawBody, auth: fc.constant(true) }),
    fc.record({ method: fc.constant('POST'), path: clinicId.map((id) => `/api/clinics/${id}/holidays`), body: rawBody, auth: fc.constant(true) }),
    fc.record({ method: fc.constant('GET'), path: fc.tuple(clinicId, fc.string({ maxLength: 30 })).map(([id, q]) => `/api/clinics/${id}/call-logs?cursor=${encodeURIComponent(q)}&limit=${encodeURIComponent(q)}`), auth: fc.constant(true) }),
    fc.record({ method: fc.constant('POST'), path: fc.constant('/api/users'), body: rawBody, auth: fc.constant(true) }),
    fc.record({ method: fc.constant('POST'), path: fc.constant('/api/telnyx/webhook'), body: rawBody, auth: fc.constant(false) }),
    fc.record({ method: fc.constant('POST'), path: fc.constant('/api/vapi/webhook'), body: rawBody, auth: fc.constant(false), sign: fc.constantFrom('good' as const, 'bad' as const, 'none' as const) }),
  );
  return fc.tuple(route, fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded'))
    .map(([r, contentType]): FuzzRequest => ({ ...r, contentType: r.path === '/api/vapi/webhook' ? 'application/json' : contentType }));
}

export interface FuzzResult {
  sent: number;
  webhook: number;
  rest: number;
  seconds: number;
  statuses: string;
  /** "METHOD path → status" of every 5xx (no body, no PHI) */
  fiveXx: string[];
  alive: boolean;
  /** lines of the replica's output naming an unhandled rejection or an uncaught exception */
  unhandled: string[];
  /** distinct errors the replica logged meanwhile, job queue aside (type, message with quoted values elided, first frame of ours) */
  errors: string[];
  rssBefore: number;
  rssAfter: number;
}

export async function runFuzz(options: { api: BenchApi; secret: string; token: string; clinics: GauntletClinic[]; runs: number; seed: number }): Promise<FuzzResult> {
  const { api, secret, token, clinics, runs, seed } = options;
  const webhookRuns = Math.ceil(runs * 0.6);
  const requests = [
    ...fc.sample(webhook(clinics), { numRuns: webhookRuns, seed }),
    ...fc.sample(restBodies(clinics), { numRuns: runs - webhookRuns, seed: seed + 1 }),
  ];
  // interleave the two kinds (deterministically for the seed)
  const order = fc.sample(fc.shuffledSubarray(requests.map((_, i) => i), { minLength: requests.length, maxLength: requests.length }), { numRuns: 1, seed })[0];
  const logStart = statSync(api.process.logFile).size;
  const statusCounts = new Map<number, number>();
  const fiveXx: string[] = [];
  const started = performance.now();
  let next = 0;
  let sent = 0;
  let rssBefore = 0;
  const warmUp = Math.min(500, Math.floor(requests.length / 10));
  const send = async (r: FuzzRequest) => {
    const headers: Record<string, string> = { 'content-type': r.contentType ?? 'application/json' };
    if (r.auth) headers.authorization = `Bearer ${token}`;
    if (r.sign === 'good' || r.sign === 'bad') {
      const timestamp = String(Date.now());
      headers['x-timestamp'] = timestamp;
      headers['x-signature'] = r.sign === 'good' ? createHmac('sha256', secret).update(`${timestamp}.${r.body ?? ''}`).digest('hex') : randomUUID().replace(/-/g, '');
    }
    let status: number;
    try {
      const response = await fetch(`${api.baseUrl}${r.path}`, { method: r.method, headers, body: r.body, signal: AbortSignal.timeout(30_000) });
      await response.arrayBuffer();
      status = response.status;
    } catch {
      status = 0;
    }
    statusCounts.set(status, (statusCounts.get(status) ?? 0) + 1);
    if (status >= 500 || status === 0) fiveXx.push(`${r.method} ${r.path.split('?')[0].replace(/[0-9a-f-]{36}/g, '{id}')} (${headers['content-type']}) → ${status || 'no answer'}`);
    sent += 1;
    if (sent === warmUp) rssBefore = rssBytes(api.process.pid) ?? 0;
  };
  const worker = async () => {
    while (next < order.length) {
      const r = requests[order[next++]];
      await send(r);
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  const seconds = (performance.now() - started) / 1000;
  await sleep(2000);
  const rssAfter = rssBytes(api.process.pid) ?? 0;
  let alive = rssAfter > 0;
  try {
    alive = alive && (await fetch(`${api.baseUrl}/api/health`)).status === 200;
  } catch {
    alive = false;
  }
  const output = readFileSync(api.process.logFile, 'utf8').slice(logStart);
  const unhandled = output.split('\n').filter((line) => /unhandled ?rejection|uncaught ?exception|unhandledRejection|uncaughtException/i.test(line)).map((line) => line.slice(0, 200));
  return {
    errors: loggedErrors([{ path: api.process.logFile, from: logStart }]),
    sent,
    webhook: webhookRuns,
    rest: runs - webhookRuns,
    seconds,
    statuses: [...statusCounts].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s || 'none'} ×${n}`).join(', '),
    fiveXx,
    alive,
    unhandled,
    rssBefore,
    rssAfter,
  };
}
