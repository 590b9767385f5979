import { describe, expect, it } from 'vitest';
import type { SimAppointmentRow } from '../../apps/oscar-sim/src/control/control-types.js';
import type { CallRecord } from './calls.js';
import { checkBookings, checkCallLogs, checkTexts, doubleBookings, type CallLogRow } from './checks.js';

/** The gauntlet's checks find what they are there to find (run first by `npm run gauntlet`). */

const row = (id: number, fields: Partial<SimAppointmentRow> = {}): SimAppointmentRow => ({
  id, providerNo: '101', demographicNo: 1000 + id, date: '2027-03-02', startTime: '09:00:00', endTime: '09:29:00', status: 't', type: 'B', notes: null, ...fields,
});
const call = (index: number, fields: Partial<CallRecord> = {}): CallRecord => ({
  index, vapiCallId: `vc-${index}`, caller: { demographicId: 1000 + index, phone: `+1604555${1000 + index}`, dateOfBirth: '1960-01-01' },
  clinicIndex: 0, reported: true, toldDone: [], ...fields,
});
const log = (id: string, fields: Partial<CallLogRow> = {}): [string, CallLogRow] => [id, { vapi_call_id: id, outcome: 'booked', sms_consent: true, appointment_id: null, ...fields }];

describe('doubleBookings', () => {
  it('finds two live appointments of one provider that overlap, and ignores cancelled ones, other providers and back-to-back visits', () => {
    const pairs = doubleBookings([
      row(1),
      row(2, { startTime: '09:15:00', endTime: '09:29:00' }),
      row(3, { startTime: '09:30:00', endTime: '09:44:00' }),
      row(4, { status: 'C' }),
      row(5, { providerNo: '102' }),
    ]);
    expect(pairs.map(([a, b]) => [a.id, b.id])).toEqual([[1, 2]]);
  });
});

describe('checkBookings', () => {
  it('flags an appointment OSCAR holds for a call whose log has no booking, and one a caller was told of that OSCAR lacks', () => {
    const calls = [call(0, { booked: { appointmentId: 1, providerId: '101', startTime: 'x' } }), call(1), call(2, { booked: { appointmentId: 99, providerId: '101', startTime: 'x' } })];
    const appointments = [row(1, { notes: 'Booked by phone (VoiceDesk call vc-0)' }), row(2, { notes: 'Booked by phone (VoiceDesk call vc-1) Visit 15 min; 20 min held.' }), row(3, { notes: 'Booked by phone (VoiceDesk call other)' })];
    const found = checkBookings(calls, appointments, new Map([log('vc-0'), log('vc-1', { outcome: 'no_action' }), log('vc-2')]));
    expect(found).toMatchObject({ ours: 2, withoutCallLog: [], withoutOutcome: [{ call: 1, appointmentId: 2 }], toldButAbsent: [{ call: 2, appointmentId: 99 }], strangers: 1 });
    expect(checkBookings(calls.slice(0, 1), appointments.slice(0, 1), new Map()).withoutCallLog).toEqual([{ call: 0, appointmentId: 1 }]);
  });
});

describe('checkCallLogs', () => {
  it('flags a call without a call log and a call log that lost what the caller was told', () => {
    const calls = [call(0), call(1, { cancelled: true, toldDone: ['cancel_appointment'] }), call(2)];
    const found = checkCallLogs(calls, new Map([log('vc-1', { outcome: 'no_action', sms_consent: null }), log('vc-2', { outcome: 'no_action' })]));
    expect(found.missing).toEqual([{ call: 0, reported: true }]);
    expect(found.eventsLost).toEqual([{ call: 1, what: 'outcome no_action' }, { call: 1, what: 'smsConsent null' }]);
  });
});

describe('checkTexts', () => {
  const text = (to: string, kind: 'booked' | 'moved' | 'cancelled', at: number) => ({
    id: String(at), from: '+17785550000', to, at,
    text: kind === 'booked' ? 'Clinic: your appointment with Dr. A is booked for Monday at 9.' : kind === 'moved' ? 'Clinic: your appointment with Dr. A has moved to Monday at 9.' : 'Clinic: your appointment with Dr. A on Monday at 9 is cancelled. To book again, call.',
  });
  it('expects one text per event told, and tells a double in a crash window from one outside', () => {
    const calls = [
      call(0, { booked: { appointmentId: 1, providerId: '101', startTime: 'x' }, moved: { appointmentId: 1, providerId: '101', startTime: 'y' } }),
      call(1, { booked: { appointmentId: 2, providerId: '101', startTime: 'x' }, cancelled: true }),
    ];
    const sent = [text(calls[0].caller.phone, 'booked', 1000), text(calls[0].caller.phone, 'booked', 1500), text(calls[1].caller.phone, 'booked', 50_000), text(calls[1].caller.phone, 'booked', 60_000), text(calls[1].caller.phone, 'cancelled', 2000), text('+16045559999', 'booked', 1)];
    const found = checkTexts(calls, sent, [{ what: 'replica 1 killed', from: 5000, to: 9000 }]);
    expect(found.expected).toBe(4);
    expect(found.missing).toEqual([{ call: 0, kind: 'reschedule' }]);
    expect(found.doublesInWindow).toEqual([{ call: 0, kind: 'book', copies: 2, window: 'replica 1 killed' }]);
    expect(found.doublesOutside).toEqual([{ call: 1, kind: 'book', copies: 2 }]);
    expect(found.unexpected).toBe(1);
  });
});
