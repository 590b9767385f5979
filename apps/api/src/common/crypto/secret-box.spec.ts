import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SecretBox, SecretBoxError, isMasked, maskSecret } from './secret-box.js';

const key = (kid: string) => ({ kid, key: randomBytes(32) });

describe('SecretBox', () => {
  const k1 = key('k1');
  const k2 = key('k2');

  it('round-trips a secret and writes the v1:<kid>:<iv>:<tag>:<data> format', () => {
    const box = new SecretBox([k1]);
    const sealed = box.encrypt('JBSWY3DPEHPK3PXPJBSWY3DP');
    expect(sealed).toMatch(/^v1:k1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/);
    expect(sealed).not.toContain('JBSWY3DP');
    expect(box.decrypt(sealed)).toBe('JBSWY3DPEHPK3PXPJBSWY3DP');
    expect(SecretBox.isCiphertext(sealed)).toBe(true);
    expect(SecretBox.isCiphertext('plain')).toBe(false);
  });

  it('uses a fresh IV every time, so equal secrets do not look equal at rest', () => {
    const box = new SecretBox([k1]);
    expect(box.encrypt('same')).not.toBe(box.encrypt('same'));
  });

  it('after a key rotation encrypts with the first key and still opens ciphertexts of the old one', () => {
    const before = new SecretBox([k1]);
    const old = before.encrypt('old secret');
    const rotated = new SecretBox([k2, k1]);
    const fresh = rotated.encrypt('new secret');
    expect(SecretBox.keyIdOf(fresh)).toBe('k2');
    expect(rotated.decrypt(old)).toBe('old secret');
    expect(rotated.decrypt(fresh)).toBe('new secret');
    expect(rotated.needsReencrypt(old)).toBe(true);
    expect(rotated.needsReencrypt(fresh)).toBe(false);
    // once the old key is removed, its ciphertexts no longer open
    expect(() => new SecretBox([k2]).decrypt(old)).toThrow(SecretBoxError);
  });

  it('detects tampering with the data, the tag, the iv or the key id', () => {
    const box = new SecretBox([k1, key('k9')]);
    const sealed = box.encrypt('a webhook secret');
    const parts = sealed.split(':');
    const flip = (b64: string) => {
      const bytes = Buffer.from(b64, 'base64');
      bytes[0] ^= 0x01;
      return bytes.toString('base64');
    };
    for (const index of [2, 3, 4]) {
      const tampered = [...parts];
      tampered[index] = flip(tampered[index]);
      expect(() => box.decrypt(tampered.join(':'))).toThrow(SecretBoxError);
    }
    const otherKid = [...parts];
    otherKid[1] = 'k9';
    expect(() => box.decrypt(otherKid.join(':'))).toThrow(SecretBoxError);
    expect(() => box.decrypt('v2:k1:a:b:c')).toThrow(SecretBoxError);
    expect(() => box.decrypt('not a ciphertext')).toThrow(SecretBoxError);
  });

  it('binds a ciphertext to its context when one is given', () => {
    const box = new SecretBox([k1]);
    const sealed = box.encrypt('totp secret', 'users.mfa_secret:user-a');
    expect(box.decrypt(sealed, 'users.mfa_secret:user-a')).toBe('totp secret');
    expect(() => box.decrypt(sealed, 'users.mfa_secret:user-b')).toThrow(SecretBoxError);
    expect(() => box.decrypt(sealed)).toThrow(SecretBoxError);
  });

  it('never puts the plaintext in its error messages', () => {
    const box = new SecretBox([k1]);
    const sealed = box.encrypt('super-secret-value');
    try {
      new SecretBox([key('k1')]).decrypt(sealed);
      expect.unreachable();
    } catch (error) {
      expect(String(error)).not.toContain('super-secret-value');
      expect(String(error)).not.toContain(sealed);
    }
  });

  it('refuses keys that are not 32 bytes and an empty key list', () => {
    expect(() => new SecretBox([])).toThrow();
    expect(() => new SecretBox([{ kid: 'short', key: randomBytes(16) }])).toThrow();
  });
});

describe('maskSecret', () => {
  it('shows only that a secret is set, none of its characters', () => {
    expect(maskSecret('sk_live_abcdef1234')).toBe('••••');
    expect(maskSecret('abc')).toBe('••••');
    expect(maskSecret('')).toBeNull();
    expect(maskSecret(null)).toBeNull();
    expect(isMasked(maskSecret('whatever-9876'))).toBe(true);
    expect(isMasked('a real secret')).toBe(false);
  });
});
