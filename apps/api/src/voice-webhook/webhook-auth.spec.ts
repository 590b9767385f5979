import { describe, expect, it } from 'vitest';
import { acceptsSecret, hmacSignature, HMAC_WINDOW_MS, presentedCredentials, timestampMs } from './webhook-auth.js';

const SECRET = 'a-webhook-secret-of-some-length';
const body = Buffer.from('{"message":{"type":"status-update"}}');

describe('webhook credentials', () => {
  it('reads a Bearer token, X-Vapi-Secret, X-API-Key and an HMAC signature with its timestamp', () => {
    const presented = presentedCredentials({ authorization: 'Bearer one', 'x-vapi-secret': 'two', 'x-api-key': 'three', 'x-signature': 'sha256=ab', 'x-timestamp': '1767303005' });
    expect(presented.tokens).toEqual(['one', 'two', 'three']);
    expect(presented.hmac).toEqual({ signature: 'sha256=ab', timestamp: '1767303005' });
    expect(presentedCredentials({ authorization: 'Basic abc' }).tokens).toEqual([]);
  });

  it('accepts any one credential carrying the secret, whatever the others say', () => {
    expect(acceptsSecret({ tokens: ['wrong', SECRET], hmac: null }, SECRET, body)).toBe(true);
    expect(acceptsSecret({ tokens: ['wrong'], hmac: null }, SECRET, body)).toBe(false);
    expect(acceptsSecret({ tokens: [SECRET.slice(0, -1)], hmac: null }, SECRET, body)).toBe(false);
    expect(acceptsSecret({ tokens: [], hmac: null }, SECRET, body)).toBe(false);
  });

  it('checks HMAC-SHA256 over "<timestamp>.<raw body>" within five minutes, in seconds or milliseconds, with or without sha256=', () => {
    const now = 1_767_303_005_123;
    const ms = String(now);
    const s = String(Math.floor(now / 1000));
    expect(acceptsSecret({ tokens: [], hmac: { signature: hmacSignature(SECRET, ms, body), timestamp: ms } }, SECRET, body, now)).toBe(true);
    expect(acceptsSecret({ tokens: [], hmac: { signature: `sha256=${hmacSignature(SECRET, s, body)}`, timestamp: s } }, SECRET, body, now)).toBe(true);
    expect(acceptsSecret({ tokens: [], hmac: { signature: hmacSignature(SECRET, ms, body).toUpperCase(), timestamp: ms } }, SECRET, body, now)).toBe(true);
    const stale = String(now - HMAC_WINDOW_MS - 1);
    expect(acceptsSecret({ tokens: [], hmac: { signature: hmacSignature(SECRET, stale, body), timestamp: stale } }, SECRET, body, now)).toBe(false);
    const future = String(now + HMAC_WINDOW_MS + 1);
    expect(acceptsSecret({ tokens: [], hmac: { signature: hmacSignature(SECRET, future, body), timestamp: future } }, SECRET, body, now)).toBe(false);
    expect(acceptsSecret({ tokens: [], hmac: { signature: hmacSignature(SECRET, ms, Buffer.from('{}')), timestamp: ms } }, SECRET, body, now)).toBe(false);
    expect(acceptsSecret({ tokens: [], hmac: { signature: 'not-hex', timestamp: ms } }, SECRET, body, now)).toBe(false);
    expect(acceptsSecret({ tokens: [], hmac: { signature: hmacSignature(SECRET, ms, body), timestamp: ms } }, SECRET, undefined, now)).toBe(false);
  });

  it('reads 10-digit timestamps as seconds and 13-digit ones as milliseconds, nothing else', () => {
    expect(timestampMs('1767303005')).toBe(1_767_303_005_000);
    expect(timestampMs('1767303005123')).toBe(1_767_303_005_123);
    expect(timestampMs('2026-01-01T00:00:00Z')).toBeNull();
    expect(timestampMs('17673030')).toBeNull();
  });
});
