import { describe, expect, it } from 'vitest';
import { badgeText, bellLabel, consoleLink } from './unread-notifications';

describe('notifications bell', () => {
  it('says how many are unread, in a badge and in words', () => {
    expect(bellLabel(0)).toBe('Notifications, none unread');
    expect(bellLabel(3)).toBe('Notifications, 3 unread');
    expect(badgeText(7)).toBe('7');
    expect(badgeText(120)).toBe('99+');
  });

  it('follows only links inside the console', () => {
    expect(consoleLink('/clinics/c1/tickets/t1')).toBe('/clinics/c1/tickets/t1');
    expect(consoleLink('//evil.example/x')).toBeNull();
    expect(consoleLink('https://evil.example/x')).toBeNull();
    expect(consoleLink(null)).toBeNull();
  });
});
