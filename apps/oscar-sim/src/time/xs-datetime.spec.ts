import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { formatXsDateTime, parseXsDateTime, serverDay } from './xs-datetime.js';

const VAN = 'America/Vancouver';

describe('xs:dateTime as JAXB writes it', () => {
  it('prints milliseconds only when non-zero and Z for a zero offset', () => {
    expect(formatXsDateTime(DateTime.fromISO('2027-03-01T09:00:00', { zone: VAN }))).toBe('2027-03-01T09:00:00-07:00');
    expect(formatXsDateTime(DateTime.fromISO('2027-03-01T09:00:00.120Z', { zone: 'UTC' }))).toBe('2027-03-01T09:00:00.120Z');
  });
});

describe('inbound dateTimes', () => {
  it('honour an explicit offset and read a missing one as server-local time', () => {
    expect(parseXsDateTime('2027-03-01T00:00:00Z', VAN)?.toMillis()).toBe(Date.parse('2027-03-01T00:00:00Z'));
    expect(parseXsDateTime('2027-03-01T00:00:00', VAN)?.toMillis()).toBe(Date.parse('2027-03-01T07:00:00Z'));
    expect(parseXsDateTime('2027-03-01', VAN)?.offset).toBe(-420);
    expect(parseXsDateTime('yesterday', VAN)).toBeNull();
  });

  it('fall on the server-local day', () => {
    expect(serverDay(parseXsDateTime('2027-03-02T00:00:00.000Z', VAN) as DateTime, VAN)).toBe('2027-03-01');
    expect(serverDay(parseXsDateTime('2027-03-02T00:00:00.000Z', VAN) as DateTime, 'UTC')).toBe('2027-03-02');
  });
});
