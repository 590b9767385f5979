import { describe, expect, it } from 'vitest';
import { passwordPolicyErrors } from './password-policy.js';

const email = 'amy.chen@clinic.example';
const messages = (password: string) => passwordPolicyErrors(password, email).map((e) => e.message);

describe('password policy', () => {
  it('accepts a long passphrase', () => {
    expect(passwordPolicyErrors('maple river lantern 42', email)).toEqual([]);
    expect(passwordPolicyErrors('Xq7!vB2#kL9@', email)).toEqual([]);
  });

  it('refuses fewer than 12 characters and names the field', () => {
    expect(passwordPolicyErrors('Sh0rt!pass', email)).toEqual([
      { field: 'newPassword', message: 'This password is too short: use at least 12 characters' },
    ]);
    expect(passwordPolicyErrors('Sh0rt!pass', email, 'password')[0].field).toBe('password');
  });

  it('refuses the email address or its local part', () => {
    expect(messages('amy.chen@clinic.example')).toContain('This password must not be your email address');
    expect(messages('AMY.CHEN@CLINIC.EXAMPLE')).toContain('This password must not be your email address');
    expect(messages('amy.chen2024!!')).toContain('This password must not be your email address');
  });

  it('refuses common passwords, also with separators, capitals or trailing digits', () => {
    expect(messages('passwordpassword')).toContain('This password is too common; choose a longer passphrase');
    expect(messages('Password123456!')).toContain('This password is too common; choose a longer passphrase');
    expect(messages('Q W E R T Y U I O P')).toContain('This password is too common; choose a longer passphrase');
    expect(messages('Receptionist2026')).toContain('This password is too common; choose a longer passphrase');
  });

  it('refuses one or two characters repeated', () => {
    expect(messages('abababababab')).toContain('This password must not be one or two characters repeated');
  });

  it('refuses absurdly long input instead of hashing it', () => {
    expect(messages('x'.repeat(300))).toEqual(['This password is too long: use at most 256 characters']);
  });
});
