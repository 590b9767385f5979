import type { Request } from 'express';
import { describe, expect, it } from 'vitest';
import { clientIp, generalTracker, isVapiToolCall, rateLimitClass, webhookTracker } from './rate-limit.routes.js';

function req(fields: { url?: string; ip?: string; body?: unknown; user?: unknown }): Request {
  return { originalUrl: fields.url ?? '/api/x', url: fields.url ?? '/api/x', ip: fields.ip ?? '203.0.113.5', body: fields.body, user: fields.user } as unknown as Request;
}

describe('which limit a request counts against', () => {
  it('classifies routes', () => {
    expect(rateLimitClass(req({ url: '/api/health' }))).toBe('none');
    expect(rateLimitClass(req({ url: '/api/health?x=1' }))).toBe('none');
    expect(rateLimitClass(req({ url: '/api/auth/login' }))).toBe('auth');
    expect(rateLimitClass(req({ url: '/api/auth/mfa/verify/' }))).toBe('auth');
    expect(rateLimitClass(req({ url: '/api/auth/me' }))).toBe('general');
    expect(rateLimitClass(req({ url: '/api/vapi/webhook' }))).toBe('webhook');
    expect(rateLimitClass(req({ url: '/api/vapi/tools' }))).toBe('general');
    expect(rateLimitClass(req({ url: '/api/telnyx/webhook' }))).toBe('webhook');
    // a scrape is an anonymous request: per address, so guessing the metrics token is slow
    expect(rateLimitClass(req({ url: '/api/metrics' }))).toBe('general');
  });

  it('counts a signed-in user by id, anyone else by address (IPv6 by /64)', () => {
    expect(generalTracker(req({ user: { id: 'u1' } }))).toBe('user:u1');
    expect(generalTracker(req({ ip: '::ffff:198.51.100.7' }))).toBe('ip:198.51.100.7');
    expect(clientIp(req({ ip: '2001:db8:1:2:3:4:5:6' }))).toBe('2001:db8:1:2::/64');
  });

  it('keys webhooks by clinic from the payload, hashed, else by address', () => {
    const dialled = (number: string) => req({ url: '/api/vapi/webhook', body: { message: { type: 'tool-calls', phoneNumber: { number } } } });
    const a = webhookTracker(dialled('+16045550100'));
    expect(a).toMatch(/^clinic:/);
    expect(a).not.toContain('6045550100');
    expect(webhookTracker(dialled('+16045550100'))).toBe(a);
    expect(webhookTracker(dialled('+16045550199'))).not.toBe(a);
    expect(webhookTracker(req({ url: '/api/vapi/webhook', body: { message: { type: 'status-update' } } }))).toBe('ip:203.0.113.5');
    expect(webhookTracker(req({ url: '/api/vapi/webhook', body: 'not json' }))).toBe('ip:203.0.113.5');
  });

  it('recognises a Vapi tool-calls delivery only on the Vapi webhook', () => {
    expect(isVapiToolCall(req({ url: '/api/vapi/webhook', body: { message: { type: 'tool-calls' } } }))).toBe(true);
    expect(isVapiToolCall(req({ url: '/api/vapi/webhook', body: { message: { type: 'end-of-call-report' } } }))).toBe(false);
    expect(isVapiToolCall(req({ url: '/api/telnyx/webhook', body: { message: { type: 'tool-calls' } } }))).toBe(false);
  });
});
