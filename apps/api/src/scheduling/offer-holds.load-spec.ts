import { describe, expect, it } from 'vitest';
import { DailyLimitError, SlotTakenError } from './scheduling-errors.js';
import { calendarAt as at, CALENDAR_TODAY as TODAY, calendarSuite } from './testing/calendar-suite.js';

// every slot before Monday the 15th is booked
const suite = calendarSuite({ providers: 3, patients: 60, firstFreeDay: 5 });
const DATA = suite.data;
const deadline = () => ({ deadline: Date.now() + 4_000 });
const warmClinic = suite.warmClinic;

/** The data file with Dr. A's Monday (the first free day) booked from 09:00 until `until`. */
function mondayFullUntil(until: string) {
  const [h, m] = until.split(':').map(Number) as [number, number];
  const full = { ...DATA, appointments: [...DATA.appointments!] };
  for (let t = 9 * 60; t < h * 60 + m; t += 15) {
    full.appointments.push({ providerNo: '101', demographicNo: 61, dayOffset: 5, startTime: `${String(Math.floor(t / 60)).padStart(2, '0')}:${String(t % 60).padStart(2, '0')}`, durationMin: 15, status: 't', type: 'B', reason: 'booked' });
  }
  return full;
}

describe('an offered slot is held for the caller', () => {
  it('20 callers searching one clinic at the same moment are offered 20 different slots, and each can book its own', async () => {
    const clinicId = await warmClinic();
    const callers = Array.from({ length: 20 }, (_, i) => ({ callId: `call-hold-${i}`, demographicId: i + 2 }));
    const searches = await Promise.all(callers.map((c) => suite.kit.scheduling.findEarliest(clinicId, { demographicId: c.demographicId }, { ...deadline(), callId: c.callId })));
    const offers = searches.map((s) => `${s.offer?.providerId} ${s.offer?.startTime}`);
    expect(searches.every((s) => s.outcome === 'found')).toBe(true);
    expect(new Set(offers).size).toBe(20);
    // the earliest day's first starts, shared out: 09:00 … with every provider
    expect(offers).toContain(`101 ${at('2027-03-15', '09:00')}`);
    const booked = await Promise.allSettled(
      searches.map((s, i) => suite.kit.scheduling.book(clinicId, { demographicId: callers[i]!.demographicId, providerNo: s.offer!.providerId, startTime: s.offer!.startTime }, { ...deadline(), callId: callers[i]!.callId })),
    );
    expect(booked.filter((b) => b.status === 'fulfilled')).toHaveLength(20);
    expect(await suite.sim.control.count('ScheduleService', 'addAppointment')).toBe(20);
  });

  it('more callers at once than the first free day has starts: each is offered and held a slot of its own, the later ones on the next day', async () => {
    const clinicId = await warmClinic();
    // Dr. A's Monday is full but for 16:30 and 16:45
    await suite.sim.control.loadData(mondayFullUntil('16:30'), TODAY);
    const callers = Array.from({ length: 6 }, (_, i) => ({ callId: `crowd-${i}`, demographicId: i + 20 }));
    const searches = await Promise.all(callers.map((c) => suite.kit.scheduling.findEarliest(clinicId, { demographicId: c.demographicId, providerId: '101' }, { ...deadline(), callId: c.callId })));
    const offers = searches.map((s) => s.offer?.startTime);
    expect(new Set(offers).size).toBe(6);
    expect(offers.filter((o) => o?.startsWith('2027-03-15'))).toHaveLength(2);
    expect(offers.filter((o) => o?.startsWith('2027-03-16'))).toHaveLength(4);
    // every offer is held by its own caller
    const holds: { call_id: string }[] = await suite.db.dataSource.query(`SELECT DISTINCT call_id FROM scheduling_claims WHERE clinic_id = $1 AND kind = 'offer'`, [clinicId]);
    expect(holds.map((h) => h.call_id).sort()).toEqual(callers.map((c) => c.callId).sort());
  });

  it('another call booking a held slot hears SLOT_TAKEN with an offer of its own; the hold ends when its caller searches again', async () => {
    const clinicId = await warmClinic();
    const first = await suite.kit.scheduling.findEarliest(clinicId, { demographicId: 2, providerId: '101' }, { ...deadline(), callId: 'holder' });
    const slot = first.offer!;
    const refused = await suite.kit.scheduling.book(clinicId, { demographicId: 3, providerNo: '101', startTime: slot.startTime }, { ...deadline(), callId: 'intruder' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(SlotTakenError);
    expect((refused as SlotTakenError).offer?.offer?.startTime).not.toBe(slot.startTime);
    expect(await suite.sim.control.count('ScheduleService', 'addAppointment')).toBe(0);
    // another caller's search skips it too
    const other = await suite.kit.scheduling.findEarliest(clinicId, { demographicId: 4, providerId: '101' }, { ...deadline(), callId: 'third' });
    expect(other.offer!.startTime).not.toBe(slot.startTime);
    // the holder turns it down and searches again: the slot is free for others
    await suite.kit.scheduling.findEarliest(clinicId, { demographicId: 2, providerId: '101', excludeStartTimes: [slot.startTime] }, { ...deadline(), callId: 'holder' });
    await suite.kit.scheduling.endCall(clinicId, 'third');
    const later = await suite.kit.scheduling.findEarliest(clinicId, { demographicId: 5, providerId: '101' }, { ...deadline(), callId: 'fourth' });
    expect(later.offer!.startTime).toBe(slot.startTime);
  });

  it('the holder books its own held slot; the hold expires after offerHoldMinutes', async () => {
    const clinicId = await warmClinic({ offerHoldMinutes: 1 });
    const held = (await suite.kit.scheduling.findEarliest(clinicId, { demographicId: 6, providerId: '102' }, { ...deadline(), callId: 'keeper' })).offer!;
    await suite.db.dataSource.query(`UPDATE scheduling_claims SET expires_at = now() - interval '1 second' WHERE clinic_id = $1 AND call_id = 'keeper'`, [clinicId]);
    const other = await suite.kit.scheduling.findEarliest(clinicId, { demographicId: 7, providerId: '102' }, { ...deadline(), callId: 'next' });
    expect(other.offer!.startTime).toBe(held.startTime);
    const mine = (await suite.kit.scheduling.findEarliest(clinicId, { demographicId: 8, providerId: '103' }, { ...deadline(), callId: 'booker' })).offer!;
    const booked = await suite.kit.scheduling.book(clinicId, { demographicId: 8, providerNo: '103', startTime: mine.startTime }, { ...deadline(), callId: 'booker' });
    expect(booked).toMatchObject({ startTime: mine.startTime, alreadyDone: false });
  });
});

describe('booking races', () => {
  it('one patient booking two providers at the same moment gets one appointment; the other hears DAILY_LIMIT', async () => {
    const clinicId = await warmClinic();
    const results = await Promise.allSettled(
      ['101', '102'].map((providerNo, i) => suite.kit.scheduling.book(clinicId, { demographicId: 9, providerNo, startTime: at('2027-03-15', '10:00') }, { ...deadline(), callId: `twin-${i}` })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused?.reason).toBeInstanceOf(DailyLimitError);
    expect(await suite.sim.control.count('ScheduleService', 'addAppointment')).toBe(1);
  });

  it('50 callers booking the last free slot of a provider’s day: exactly one booking, 49 hear SLOT_TAKEN with a fresh offer, none waits out the pool', async () => {
    const clinicId = await warmClinic();
    // Dr. A's Monday is full but for 16:45
    await suite.sim.control.loadData(mondayFullUntil('16:45'), TODAY);
    await suite.sim.control.resetCounters();
    const last = at('2027-03-15', '16:45');
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) => suite.kit.scheduling.book(clinicId, { demographicId: i + 2, providerNo: '101', startTime: last }, { ...deadline(), callId: `rush-${i}` })),
    );
    const booked = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as unknown);
    expect(booked).toHaveLength(1);
    expect(refused).toHaveLength(49);
    expect(refused.every((e) => e instanceof SlotTakenError)).toBe(true);
    const offers = refused.map((e) => (e as SlotTakenError).offer?.offer?.startTime);
    expect(offers.every((o) => typeof o === 'string' && o !== last)).toBe(true);
    expect(await suite.sim.control.count('ScheduleService', 'addAppointment')).toBe(1);
  });
});
