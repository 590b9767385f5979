import { describe, expect, it } from 'vitest';
import { SYSTEM_BOOKING_DEFAULTS } from '../providers/effective-config.js';
import { matchVisitReason, resolveAppointmentType, type AppointmentTypeRules } from './appointment-type.js';

const rules: AppointmentTypeRules = {
  mappings: SYSTEM_BOOKING_DEFAULTS.appointmentTypeMappings,
  providerOverrides: null,
  clinicMappings: null,
  enabledVisitReasons: SYSTEM_BOOKING_DEFAULTS.enabledVisitReasons,
  defaultAppointmentTypeCode: 'B',
  defaultDurationMinutes: 15,
};

describe('visit reason → appointment type (seed 003: B general/checkup, 2 follow-up, 3 complaint, P prescription)', () => {
  it.each([
    ['checkup', 'B'],
    ['Just a check-up', 'B'],
    ['general', 'B'],
    ['annual physical', 'B'],
    ['follow-up', '2'],
    ['Follow up on my blood test results', '2'],
    ['complaint', '3'],
    ['I have a sore throat and fever', '3'],
    ['sick_visit', '3'],
    ['prescription', 'P'],
    ['prescription refill', 'P'],
    ['something else entirely', 'B'],
    [null, 'B'],
  ])('%s → %s', (reason, code) => {
    expect(resolveAppointmentType({ reason }, rules).code).toBe(code);
  });

  it('the caller’s type code wins over the reason', () => {
    expect(resolveAppointmentType({ appointmentType: '3', reason: 'checkup' }, rules).code).toBe('3');
  });

  it('durations: the type’s own (provider override → clinic mapping), else appointmentDuration', () => {
    const clinic = { ...rules, clinicMappings: { checkup: { code: 'B', durationMin: 20 } }, mappings: { ...rules.mappings, checkup: { code: 'B', durationMin: 20 } } };
    expect(resolveAppointmentType({ reason: 'checkup' }, clinic)).toEqual({ code: 'B', durationMinutes: 20, reasonKey: 'checkup' });
    expect(resolveAppointmentType({ appointmentType: 'B' }, clinic).durationMinutes).toBe(20);
    const provider = { ...clinic, providerOverrides: { checkup: { code: 'B', durationMin: 10 } }, mappings: { ...clinic.mappings, checkup: { code: 'B', durationMin: 10 } } };
    expect(resolveAppointmentType({ reason: 'checkup' }, provider).durationMinutes).toBe(10);
    expect(resolveAppointmentType({ appointmentType: 'B' }, provider).durationMinutes).toBe(10);
    expect(resolveAppointmentType({ reason: 'follow-up' }, provider)).toEqual({ code: '2', durationMinutes: 15, reasonKey: 'follow_up' });
  });

  it('a clinic reason of its own ("{"vaccine": {"code": "V", "durationMin": 10}}") maps when said', () => {
    const clinic = { ...rules, mappings: { ...rules.mappings, flu_shot: { code: 'V', durationMin: 10 } }, enabledVisitReasons: [...rules.enabledVisitReasons, 'flu_shot'] };
    expect(resolveAppointmentType({ reason: 'Flu shot' }, clinic)).toEqual({ code: 'V', durationMinutes: 10, reasonKey: 'flu_shot' });
  });

  it('defaultAppointmentTypeCode applies when nothing matches', () => {
    expect(resolveAppointmentType({ reason: 'paperwork' }, { ...rules, defaultAppointmentTypeCode: '1' }).code).toBe('1');
  });

  it('matches an enabled reason the clinic has no mapping for by its key', () => {
    expect(matchVisitReason('consultation', rules)).toBe('consultation');
    expect(resolveAppointmentType({ reason: 'consultation' }, rules).code).toBe('B');
  });
});
