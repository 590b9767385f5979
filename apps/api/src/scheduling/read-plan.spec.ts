import { describe, expect, it } from 'vitest';
import { planReads, type ProviderReads } from './read-plan.js';
import { cacheKey } from './schedule-cache.store.js';

const days = (from: number, n: number) => Array.from({ length: n }, (_, i) => `2027-03-${String(from + i).padStart(2, '0')}`);
const provider = (providerNo: string, dates = days(10, 21)): ProviderReads => ({ providerNo, dates, rangeFrom: '2027-03-10', rangeTo: '2027-04-09' });
const six = ['101', '102', '103', '104', '105', '106'].map((p) => provider(p));
const everything = new Set(six.flatMap((p) => p.dates.map((d) => cacheKey(p.providerNo, d))));

describe('planReads', () => {
  it('a warm cache: the chart and one range per provider, all in one wave when they fit the bulkhead', () => {
    const plan = planReads({ providers: six, demographicNo: 42, cached: everything, concurrency: 8 });
    expect(plan.waves).toHaveLength(1);
    expect(plan.waves[0]).toEqual([
      { kind: 'patient', demographicNo: 42 },
      ...six.map((p) => ({ kind: 'appointments', providerNo: p.providerNo, from: '2027-03-10', to: '2027-04-09' })),
    ]);
  });

  it('however far out the first free day is, the reads do not grow: the range covers the whole window', () => {
    const near = planReads({ providers: six.map((p) => ({ ...p, dates: days(10, 1) })), demographicNo: 42, cached: everything, concurrency: 8 });
    const far = planReads({ providers: six, demographicNo: 42, cached: everything, concurrency: 8 });
    expect(far.reads).toBe(near.reads);
  });

  it('a new caller (no chart) reads no patient; a provider with no open day is not read at all', () => {
    const plan = planReads({ providers: [provider('101'), provider('102', [])], demographicNo: null, cached: everything, concurrency: 8 });
    expect(plan.waves.flat()).toEqual([{ kind: 'appointments', providerNo: '101', from: '2027-03-10', to: '2027-04-09' }]);
  });

  it('days the cache lacks are read after the ranges, nearest day first across providers, cut into waves of the bulkhead', () => {
    const cached = new Set([...everything].filter((k) => !k.endsWith('2027-03-11') && !k.endsWith('2027-03-12')));
    const plan = planReads({ providers: six.slice(0, 3), demographicNo: 7, cached, concurrency: 4 });
    const schedules = plan.waves.flat().filter((r) => r.kind === 'schedule');
    expect(schedules.map((r) => (r.kind === 'schedule' ? `${r.providerNo} ${r.date}` : ''))).toEqual([
      '101 2027-03-11', '102 2027-03-11', '103 2027-03-11', '101 2027-03-12', '102 2027-03-12', '103 2027-03-12',
    ]);
    expect(plan.waves.map((w) => w.length)).toEqual([4, 4, 2]);
    expect(plan.waves[0]!.slice(0, 4).map((r) => r.kind)).toEqual(['patient', 'appointments', 'appointments', 'appointments']);
  });

  it('more providers than the bulkhead takes at once: a second wave, never a refusal', () => {
    const many = Array.from({ length: 10 }, (_, i) => provider(String(200 + i)));
    const plan = planReads({ providers: many, demographicNo: 1, cached: new Set(many.flatMap((p) => p.dates.map((d) => cacheKey(p.providerNo, d)))), concurrency: 8 });
    expect(plan.waves.map((w) => w.length)).toEqual([8, 3]);
  });
});
