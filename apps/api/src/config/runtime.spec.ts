import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';

describe('runtime', () => {
  it('runs on Node 24 or newer', () => {
    expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(24);
  });

  it('carries time-zone data of 2026b or newer, where British Columbia stays on UTC−7', () => {
    expect((process.versions.tz ?? '') >= '2026b').toBe(true);
    // Permanent Pacific time: a January noon in Vancouver is 19:00 UTC, not 20:00 as with old data.
    const winterNoon = DateTime.fromISO('2027-01-15T12:00', { zone: 'America/Vancouver' });
    expect(winterNoon.offset).toBe(-7 * 60);
    expect(winterNoon.toUTC().hour).toBe(19);
  });
});
