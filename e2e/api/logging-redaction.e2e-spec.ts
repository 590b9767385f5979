import { Logger } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../libs/testing/src/app.js';

// Realistic PHI a caller or a console user could push through the API.
const PHI = {
  firstName: 'Harriet',
  lastName: 'Okonkwo-Lindqvist',
  dateOfBirth: '1985-04-12',
  phone: '604-555-0142',
  phoneE164: '+16045550142',
  phn: '9876543218',
  address: '1234 Kingsway Avenue',
  postalCode: 'V5N 2T4',
  email: 'harriet.ok@example.com',
  transcript: 'Caller said her knee has been swelling since Tuesday',
};

describe('logs never carry PHI or secrets', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  function allLogs(): string {
    return t.logLines.join('\n');
  }

  function expectNoPhi(text: string) {
    for (const [key, value] of Object.entries(PHI)) {
      expect(text, `log output contains ${key}`).not.toContain(value);
    }
    expect(text).not.toContain('5550142');
    expect(text).not.toContain(t.config.jwtSecret);
  }

  it('writes structured JSON lines with a request id that is echoed to the client', async () => {
    const response = await fetch(`${t.baseUrl}/api/nothing-here`, { headers: { 'X-Request-Id': 'req-abc-12345' } });
    expect(response.status).toBe(404);
    expect(response.headers.get('x-request-id')).toBe('req-abc-12345');
    const line = t.logLines.map((l) => JSON.parse(l)).find((l) => l.req?.id === 'req-abc-12345');
    expect(line).toMatchObject({ level: 'warn', res: { statusCode: 404 } });
  });

  it('removes PHI from URLs, query strings, headers and bodies of requests', async () => {
    const query = new URLSearchParams({ phone: PHI.phone, name: `${PHI.firstName} ${PHI.lastName}`, dob: PHI.dateOfBirth });
    await fetch(`${t.baseUrl}/api/patients/${PHI.phn}/lookup/${PHI.phoneE164}?${query}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${t.config.jwtSecret}`,
        'x-caller': PHI.email,
      },
      body: JSON.stringify({ ...PHI }),
    });
    await fetch(`${t.baseUrl}/api/health?email=${encodeURIComponent(PHI.email)}&postal=${encodeURIComponent(PHI.postalCode)}`);
    await fetch(`${t.baseUrl}/api/anything`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"phone": "${PHI.phone}", "dob": "${PHI.dateOfBirth}", broken`,
    });
    expect(t.logLines.length).toBeGreaterThan(2);
    expectNoPhi(allLogs());
  });

  it('removes PHI from error messages, stacks and structured fields logged by any module', async () => {
    const logger = new Logger('SomeFeature');
    const error = new Error(
      `EMR refused chart for ${PHI.firstName} ${PHI.lastName} born ${PHI.dateOfBirth}, phone ${PHI.phone}, PHN ${PHI.phn}, ${PHI.email}, ${PHI.postalCode}`,
    );
    logger.error(error);
    logger.warn({ patient: { firstName: PHI.firstName, lastName: PHI.lastName }, transcript: PHI.transcript, address: PHI.address }, 'lookup failed');
    logger.log(`caller ${PHI.phoneE164} asked about ${PHI.dateOfBirth}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    {
      {
        const text = allLogs();
        expect(text).toContain('EMR refused chart');
        expect(text).toContain('lookup failed');
        // Names in free text cannot be recognised by shape; they must be in structured fields,
        // which are redacted by key. Everything shaped like PHI in free text is scrubbed:
        for (const value of [PHI.dateOfBirth, PHI.phone, PHI.phn, PHI.email, PHI.postalCode, PHI.phoneE164, PHI.transcript, PHI.address]) {
          expect(text).not.toContain(value);
        }
        expect(text).not.toContain(`"${PHI.firstName}"`);
      }
    }
  });
});
