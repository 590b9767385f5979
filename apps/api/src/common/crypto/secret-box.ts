import { Global, Module } from '@nestjs/common';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { APP_CONFIG, type AppConfig, type EncryptionKey } from '../../config/app-config.js';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * A ciphertext could not be opened: unknown key id, wrong format, or tampered with (the GCM tag
 * does not match). Never carries the ciphertext or the plaintext.
 */
export class SecretBoxError extends Error {
  constructor(reason: string) {
    super(`cannot decrypt secret: ${reason}`);
    this.name = 'SecretBoxError';
  }
}

/**
 * AES-256-GCM for secrets at rest (SPEC §3): TOTP secrets, EMR credentials, webhook secrets, the
 * waitlist's registration details. Ciphertext format `v1:<kid>:<iv b64>:<tag b64>:<data b64>`.
 * The first configured key encrypts; every configured key decrypts, so `ENCRYPTION_KEY` can
 * rotate (`new:…,old:…`) and old rows still open. `aad` binds a ciphertext to its place (e.g.
 * `users.mfa_secret:<userId>`): copied to another row it no longer decrypts.
 *
 * Inject `SecretBox` (provided globally by `SecretBoxModule`); decrypt only where the secret is
 * used, keep the plaintext in memory only, and answer it to clients as `maskSecret(…)`.
 */
export class SecretBox {
  private readonly keys: Map<string, Buffer>;
  private readonly current: EncryptionKey;

  constructor(keys: EncryptionKey[]) {
    if (!keys.length) throw new Error('SecretBox needs at least one encryption key');
    for (const { kid, key } of keys) {
      if (key.length !== 32) throw new Error(`encryption key ${kid} is not 32 bytes`);
      if (kid.includes(':')) throw new Error(`encryption key id ${kid} contains ':'`);
    }
    this.keys = new Map(keys.map((k) => [k.kid, k.key]));
    this.current = keys[0];
  }

  encrypt(plaintext: string, aad?: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv, { authTagLength: TAG_BYTES });
    if (aad !== undefined) cipher.setAAD(Buffer.from(aad, 'utf8'));
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [VERSION, this.current.kid, iv.toString('base64'), tag.toString('base64'), data.toString('base64')].join(':');
  }

  decrypt(ciphertext: string, aad?: string): string {
    const parts = ciphertext.split(':');
    if (parts.length !== 5 || parts[0] !== VERSION) throw new SecretBoxError('not a v1 ciphertext');
    const [, kid, ivText, tagText, dataText] = parts;
    const key = this.keys.get(kid);
    if (!key) throw new SecretBoxError(`unknown key id ${kid}`);
    const iv = Buffer.from(ivText, 'base64');
    const tag = Buffer.from(tagText, 'base64');
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SecretBoxError('malformed ciphertext');
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
      if (aad !== undefined) decipher.setAAD(Buffer.from(aad, 'utf8'));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(Buffer.from(dataText, 'base64')), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretBoxError('authentication failed (wrong key, wrong context or tampered)');
    }
  }

  /** True when the value was written by `encrypt` (any key id). */
  static isCiphertext(value: string | null | undefined): boolean {
    return typeof value === 'string' && /^v1:[A-Za-z0-9_-]{1,16}:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]*$/.test(value);
  }

  /** The key id a ciphertext was written with (to find rows still on an old key). */
  static keyIdOf(ciphertext: string): string | undefined {
    return SecretBox.isCiphertext(ciphertext) ? ciphertext.split(':')[1] : undefined;
  }

  /** The id of the key `encrypt` uses (the first of ENCRYPTION_KEY). */
  get currentKeyId(): string {
    return this.current.kid;
  }

  /** True when the ciphertext is not under the current key and should be re-encrypted. */
  needsReencrypt(ciphertext: string): boolean {
    return SecretBox.keyIdOf(ciphertext) !== this.current.kid;
  }
}

/** What the API answers for a stored secret: that one is set, and not one character of it. */
export const SECRET_MASK = '••••';
const MASK = SECRET_MASK;

/** The mask of a secret (`••••`), or null when there is none. */
export function maskSecret(secret: string | null | undefined): string | null {
  if (secret === null || secret === undefined || secret === '') return null;
  return MASK;
}

/** True when a client sent a masked value back unchanged (so the stored secret stays as it is). */
export function isMasked(value: string | null | undefined): boolean {
  return typeof value === 'string' && value.startsWith(MASK);
}

/** Provides `SecretBox` (built from the config's `encryptionKeys`) to every module. */
@Global()
@Module({
  providers: [
    {
      provide: SecretBox,
      useFactory: (config: AppConfig) => new SecretBox(config.encryptionKeys),
      inject: [APP_CONFIG],
    },
  ],
  exports: [SecretBox],
})
export class SecretBoxModule {}
