import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { simOptionsFromEnv } from '../cli-options.js';
import { startOscarSim } from '../index.js';
import { FIXTURE_TODAY, fixtureData } from '../test-support/fixture-data.js';
import { SimState } from '../state/sim-state.js';
import { bcPhnCheckDigit, isValidBcPhn } from './demo/bc-phn.js';
import { createDemoData } from './demo/demo-data.js';
import { DataFileError, validateDataFile } from './validate-data-file.js';

const MONDAY = '2026-11-23';
const demo = createDemoData(MONDAY);

describe('BC PHN', () => {
  it('accepts 10 digits with a leading 9 and a valid mod-11 check digit', () => {
    expect(isValidBcPhn('9698658215')).toBe(true);
    expect(isValidBcPhn('9698658216')).toBe(false);
    expect(isValidBcPhn('8698658215')).toBe(false);
    expect(isValidBcPhn('969865821')).toBe(false);
    expect(bcPhnCheckDigit('969865821')).toBe(5);
  });
});

describe('the built-in demo data', () => {
  it('is a valid data file, identical on every build for the same weekday', () => {
    expect(() => validateDataFile(demo)).not.toThrow();
    expect(createDemoData(MONDAY)).toEqual(demo);
    expect(demo.timezone).toBe('America/Vancouver');
  });

  it('logs in first as oscardoc, security number 128, provider 999998, who is also in the provider list', () => {
    expect(demo.logins[0]).toMatchObject({ securityNo: 128, userName: 'oscardoc', providerNo: '999998' });
    expect(demo.providers.map((p) => p.providerNo)).toContain('999998');
  });

  it('has at least six working providers with different weekly templates and schedule codes', () => {
    const working = demo.providers.filter((p) => p.week && Object.keys(p.week).length > 0);
    expect(working.length).toBeGreaterThanOrEqual(6);
    const weeks = new Set(working.map((p) => JSON.stringify(p.week)));
    expect(weeks.size).toBe(working.length);
    const codesOf = (p: (typeof working)[number]) => new Set(Object.values(p.week ?? {})
      .flatMap((name) => [...(demo.templates.find((t) => t.name === name)?.timecode ?? '')]).filter((c) => c !== '_'));
    expect(new Set(working.map((p) => [...codesOf(p)].sort().join(''))).size).toBeGreaterThanOrEqual(5);
    expect(Object.keys(working[0]?.week ?? {}).every((d) => /^[1-7]$/.test(d))).toBe(true);
  });

  it('has at least 300 charts with valid BC PHNs, some sharing a phone number, some not active', () => {
    expect(demo.demographics.length).toBeGreaterThanOrEqual(300);
    const bc = demo.demographics.filter((d) => d.hcType === 'BC');
    expect(bc.every((d) => isValidBcPhn(d.hin ?? ''))).toBe(true);
    expect(new Set(bc.map((d) => d.hin)).size).toBe(bc.length);
    const digits = demo.demographics.map((d) => (d.phone ?? '').replace(/\D/g, '')).filter(Boolean);
    expect(digits.length - new Set(digits).size).toBeGreaterThan(10);
    expect(demo.demographics.filter((d) => d.patientStatus !== 'AC').length).toBeGreaterThan(5);
  });

  it('has several hundred coming appointments, each in a coded slot of its provider and none on the holiday', () => {
    const state = new SimState(demo, { today: MONDAY });
    const future = [...state.appointments.values()].filter((a) => a.date >= MONDAY && a.demographicNo > 0);
    expect(future.length).toBeGreaterThanOrEqual(300);
    for (const a of future) {
      const template = state.scheduledTemplate(a.providerNo as string, a.date)?.template;
      expect(template, `${a.providerNo} ${a.date}`).toBeDefined();
      const [h, m] = a.startTime.split(':').map(Number) as [number, number];
      expect(template?.timecode[(h * 60 + m) / (template?.slotMinutes ?? 1)]).not.toBe('_');
      expect(state.holidays.has(a.date)).toBe(false);
    }
  });

  it('lays bookings on working days whatever weekday today is', () => {
    const sunday = new SimState(createDemoData('2026-11-29'), { today: '2026-11-29' });
    const future = [...sunday.appointments.values()].filter((a) => a.date >= '2026-11-29' && a.demographicNo > 0);
    expect(future.every((a) => sunday.scheduledTemplate(a.providerNo as string, a.date)?.template)).toBe(true);
  });
});

describe('data files', () => {
  it('lists every problem of an invalid file', () => {
    const bad = { ...fixtureData(), templates: [{ name: 'x', slotMinutes: 15, timecode: '1' }], demographics: [{ demographicNo: 0 }] };
    try {
      validateDataFile(bad);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(DataFileError);
      expect((err as DataFileError).problems).toEqual(expect.arrayContaining([
        'templates[0] "x": timecode needs 96 characters, has 1', 'demographics[0].demographicNo must be a positive integer',
      ]));
    }
  });

  it('loads OSCAR_SIM_DATA with dates relative to today in the file\'s time zone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oscar-sim-'));
    const file = join(dir, 'clinic.json');
    writeFileSync(file, JSON.stringify({ ...fixtureData(), timezone: 'Pacific/Kiritimati' }));
    const options = simOptionsFromEnv({ OSCAR_SIM_DATA: file, OSCAR_SIM_PORT: '0' });
    expect(options).toMatchObject({ port: 0, host: '127.0.0.1', dataFile: file, faultRules: [] });
    const sim = await startOscarSim(options);
    try {
      const status = await sim.control.status();
      expect(status.timezone).toBe('Pacific/Kiritimati');
      expect(status.today).toBe(DateTime.now().setZone('Pacific/Kiritimati').toISODate());
      expect(status.demographics).toBe(6);
    } finally {
      await sim.close();
    }
  });

  it('defaults npm run sim to port 8091 and the demo data', () => {
    expect(simOptionsFromEnv({})).toMatchObject({ port: 8091, dataFile: undefined });
  });

  it('fixes "today" when loaded and again on reset', () => {
    const state = new SimState(fixtureData(), { today: FIXTURE_TODAY });
    expect(state.dayAt(2)).toBe('2027-03-03');
    expect(state.holidays.get('2027-03-03')).toBe('Closed');
  });
});
