import { createHmac } from 'node:crypto';
import autocannon from 'autocannon';
import { randomPhone } from '../../libs/testing/src/factories.js';
import { newCall, toolCallsMessage } from '../../libs/testing/src/vapi-messages.js';
import type { VoiceClinic } from './api.js';

/**
 * Load on a webhook URL with autocannon, driven from this process: `connections` keep-alive
 * connections, each sending the next of a set of pre-signed Vapi deliveries as soon as the last
 * answered.
 */

export interface SignedDelivery {
  body: string;
  headers: Record<string, string>;
}

/**
 * `count` `tool-calls` deliveries of one tool, each a call of its own (its own Vapi call id, a
 * random caller), HMAC-signed as Vapi signs them. The signatures hold for 5 minutes: make them
 * just before a measurement.
 */
export function signedDeliveries(clinic: VoiceClinic, secret: string, tool: string, count: number): SignedDelivery[] {
  return Array.from({ length: count }, () => {
    const body = JSON.stringify(toolCallsMessage(newCall({ caller: randomPhone(), dialled: clinic.vapiPhone }), [{ name: tool }]));
    const timestamp = String(Date.now());
    const signature = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
    return { body, headers: { 'content-type': 'application/json', 'x-timestamp': timestamp, 'x-signature': signature } };
  });
}

export interface LoadFigures {
  /** mean requests answered per second */
  rps: number;
  p50: number;
  p99: number;
  ok2xx: number;
  non2xx: number;
  /** connection errors and timeouts */
  errors: number;
  /** 2xx answers whose body carried a tool `error` (e.g. BUSY) rather than a `result` */
  toolErrors: number;
}

export async function loadWebhook(baseUrl: string, deliveries: SignedDelivery[], options: { connections: number; durationSeconds: number }): Promise<LoadFigures> {
  let next = 0;
  let toolErrors = 0;
  const result = await autocannon({
    url: baseUrl,
    connections: options.connections,
    duration: options.durationSeconds,
    requests: [{
      method: 'POST',
      path: '/api/vapi/webhook',
      setupRequest: (request) => {
        const delivery = deliveries[next++ % deliveries.length];
        return { ...request, body: delivery.body, headers: delivery.headers };
      },
      onResponse: (status, body) => {
        if (status === 200 && body.includes('"error"')) toolErrors += 1;
      },
    }],
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok2xx: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    toolErrors,
  };
}
