import { describe, expect, it } from 'vitest';
import { AuditOutcome } from '../database/enums.js';
import { auditCsvHeader, csvCell } from './audit-csv.js';
import { MAX_DETAILS_CHARS, SYSTEM_ACTOR, buildAuditRow, type AuditEvent } from './audit-event.builder.js';
import { routeKey } from './audit-route-actions.js';
import { fallbackAction, isAuditAction, outcomeForStatus } from './audit-vocabulary.js';
import { resourceIdOf, resourceOf } from './http-audit.js';

const base: AuditEvent = { action: 'config.update', outcome: AuditOutcome.Success, actor: SYSTEM_ACTOR, resource: 'clinics/config' };

describe('the audit row builder', () => {
  it('stores bodies without secrets or PHI, and keeps their shape', () => {
    const row = buildAuditRow({
      ...base,
      details: {
        body: {
          emr: { oscarSoapPassword: 'hunter2-secret', oscarUrl: 'https://oscar.example.ca' },
          voice: { vapiWebhookSecret: 'whsec_123', transferPhoneNumber: '+16045550142' },
          patient: { firstName: 'Harriet', dateOfBirth: '1985-04-12' },
          note: 'call Harriet at 604-555-0142 about her 1985-04-12 chart',
        },
        query: { email: 'harriet@example.com' },
      },
    });
    const text = JSON.stringify(row.details);
    for (const plain of ['hunter2-secret', 'whsec_123', '5550142', 'Harriet', '1985-04-12', 'harriet@example.com']) {
      expect(text).not.toContain(plain);
    }
    expect(row.details).toMatchObject({ body: { emr: { oscarUrl: 'https://oscar.example.ca', oscarSoapPassword: '[REDACTED]' } } });
  });

  it('system actors have no user; ids that are not UUIDs are not stored as clinic or user', () => {
    const row = buildAuditRow({ ...base, clinicId: 'not-a-uuid' });
    expect(row).toMatchObject({ userId: null, userEmail: null, method: null, path: null, clinicId: null });
    const user = buildAuditRow({ ...base, actor: { type: 'user', id: 'nope', email: 'a@b.example' } });
    expect(user.userId).toBeNull();
  });

  it('refuses an action outside the vocabulary', () => {
    expect(() => buildAuditRow({ ...base, action: 'clinic.explode' as never })).toThrow(/vocabulary/);
  });

  it('bounds the stored details: a huge body keeps only its size', () => {
    const row = buildAuditRow({ ...base, details: { body: { rows: Array.from({ length: 50 }, () => 'x'.repeat(1000)) }, requestId: 'r1' } });
    expect(JSON.stringify(row.details).length).toBeLessThanOrEqual(MAX_DETAILS_CHARS);
    expect(row.details).toMatchObject({ body: expect.stringMatching(/^\[TOO_LARGE/), requestId: 'r1' });
  });

  it('scrubs PHI-shaped path segments', () => {
    const row = buildAuditRow({ ...base, http: { method: 'post', path: '/api/patients/+16045550142/notes' } });
    expect(row.path).not.toContain('5550142');
    expect(row.method).toBe('POST');
  });
});

describe('the vocabulary and the route rules', () => {
  it('maps status codes to outcomes', () => {
    expect([200, 201, 204, 400, 401, 403, 404, 409, 429, 500, 503].map(outcomeForStatus)).toEqual([
      'success', 'success', 'success', 'failure', 'denied', 'denied', 'failure', 'failure', 'denied', 'error', 'error',
    ]);
  });

  it('falls back to request.<method> for a route without an action', () => {
    expect(fallbackAction('PATCH')).toBe('request.patch');
    expect(isAuditAction('request.delete')).toBe(true);
    expect(isAuditAction('request.get')).toBe(false);
  });

  it('names resources and ids from the route pattern', () => {
    expect(resourceOf('/api/clinics/:clinicId/holidays/:id')).toBe('clinics/holidays');
    expect(resourceIdOf('/api/clinics/:clinicId/holidays/:id', { clinicId: 'c', id: 'h' })).toBe('h');
    expect(resourceIdOf('/api/clinics/:clinicId', { clinicId: 'c' })).toBe('c');
    expect(resourceIdOf('/api/clinics/:clinicId/config', { clinicId: 'c' })).toBeUndefined();
    expect(routeKey('delete', '/api/clinics/:clinicId/holidays/:holidayId')).toBe('DELETE /api/clinics/:/holidays/:');
  });
});

describe('CSV cells', () => {
  it('quote per RFC 4180 and defuse spreadsheet formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\r\nlines')).toBe('"two\r\nlines"');
    expect(csvCell('=1+2')).toBe("'=1+2");
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell(null)).toBe('');
    expect(csvCell({ a: 1 })).toBe('"{""a"":1}"');
    expect(auditCsvHeader().endsWith('\r\n')).toBe(true);
  });
});
