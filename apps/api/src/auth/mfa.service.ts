import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import argon2 from 'argon2';
import { randomInt } from 'node:crypto';
import { generateSecret, generateURI, verify } from 'otplib';
import type { Repository } from 'typeorm';
import { SecretBox } from '../common/crypto/secret-box.js';
import { DomainError, invalidFields } from '../common/errors/domain-error.js';
import { User } from '../users/user.entity.js';
import { ARGON2_OPTIONS } from './password-hasher.js';

export const TOTP_ISSUER = 'VoiceDesk';
export const BACKUP_CODE_COUNT = 10;
/** a code from the previous or the next 30-second step is still accepted (clock drift) */
const TOTP_TOLERANCE_SECONDS = 30;
const BACKUP_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

export class MfaStateError extends DomainError {
  constructor(message: string) {
    super('CONFLICT', message);
  }
}

/** The associated data of a user's encrypted TOTP secret (also used by `npm run rotate-key`). */
export function mfaSecretContext(userId: string): string {
  return `users.mfa_secret:${userId}`;
}

/** `abcde-fghjk`: 10 characters from a 31-letter alphabet without look-alikes (~49 bits). */
function newBackupCode(): string {
  const chars = Array.from({ length: 10 }, () => BACKUP_ALPHABET[randomInt(BACKUP_ALPHABET.length)]);
  return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
}

function normaliseBackupCode(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * TOTP (RFC 6238, otplib 13) plus one-time backup codes. The TOTP secret is stored AES-256-GCM
 * encrypted and bound to the user's row; backup codes are stored as argon2id hashes and removed
 * when used; a TOTP step, once accepted, is never accepted again (replay).
 */
@Injectable()
export class MfaService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly box: SecretBox,
  ) {}

  /** Starts (or restarts) enrolment: a new secret, stored but not yet required. */
  async enrol(user: User): Promise<{ otpauthUri: string; secret: string }> {
    if (user.mfaEnabled) throw new MfaStateError('MFA is already on; turn it off first to enrol a new authenticator');
    const secret = generateSecret({ length: 20 });
    await this.users.update(
      { id: user.id },
      { mfaSecretEnc: this.box.encrypt(secret, mfaSecretContext(user.id)), mfaLastUsedStep: null },
    );
    return { secret, otpauthUri: generateURI({ issuer: TOTP_ISSUER, label: user.email, secret }) };
  }

  /** Turns MFA on once the authenticator shows a valid code; answers the backup codes (shown once). */
  async activate(user: User, code: string): Promise<string[]> {
    if (user.mfaEnabled) throw new MfaStateError('MFA is already on');
    if (!user.mfaSecretEnc) throw new MfaStateError('Start with POST /api/auth/mfa/enrol');
    if (!(await this.acceptTotp(user, code))) {
      throw invalidFields([{ field: 'code', message: 'This is not the code your authenticator app shows now' }]);
    }
    const codes = Array.from({ length: BACKUP_CODE_COUNT }, newBackupCode);
    const hashes = await Promise.all(codes.map((c) => argon2.hash(normaliseBackupCode(c), ARGON2_OPTIONS)));
    await this.users.update({ id: user.id }, { mfaEnabled: true, mfaBackupCodeHashes: hashes });
    return codes;
  }

  /** True for a current TOTP code or an unused backup code (which is then spent). */
  async verifyCode(user: User, code: string): Promise<boolean> {
    if (!user.mfaEnabled || !user.mfaSecretEnc) return false;
    const trimmed = code.trim();
    if (/^\d{6}$/.test(trimmed)) return this.acceptTotp(user, trimmed);
    return this.spendBackupCode(user, trimmed);
  }

  async disable(user: User): Promise<void> {
    await this.users.update(
      { id: user.id },
      { mfaEnabled: false, mfaSecretEnc: null, mfaBackupCodeHashes: [], mfaLastUsedStep: null },
    );
  }

  private async acceptTotp(user: User, code: string): Promise<boolean> {
    if (!/^\d{6}$/.test(code.trim()) || !user.mfaSecretEnc) return false;
    const secret = this.box.decrypt(user.mfaSecretEnc, mfaSecretContext(user.id));
    const result = await verify({
      secret,
      token: code.trim(),
      epochTolerance: TOTP_TOLERANCE_SECONDS,
      ...(user.mfaLastUsedStep !== null ? { afterTimeStep: user.mfaLastUsedStep } : {}),
    });
    if (!result.valid) return false;
    // conditional write: two requests with the same code cannot both pass
    const step = (result as { timeStep: number }).timeStep;
    const [, affected] = (await this.users.query(
      `UPDATE users SET mfa_last_used_step = $2 WHERE id = $1 AND (mfa_last_used_step IS NULL OR mfa_last_used_step < $2)`,
      [user.id, step],
    )) as [unknown, number];
    return affected === 1;
  }

  private async spendBackupCode(user: User, code: string): Promise<boolean> {
    const normalised = normaliseBackupCode(code);
    if (normalised.length !== 10 || !user.mfaBackupCodeHashes.length) return false;
    const matches = await Promise.all(
      user.mfaBackupCodeHashes.map((hash) => argon2.verify(hash, normalised).catch(() => false)),
    );
    const index = matches.indexOf(true);
    if (index < 0) return false;
    // removing the hash is the spend: of two concurrent uses only one removes it
    const [, affected] = (await this.users.query(
      `UPDATE users SET mfa_backup_code_hashes = array_remove(mfa_backup_code_hashes, $2)
        WHERE id = $1 AND $2 = ANY(mfa_backup_code_hashes)`,
      [user.id, user.mfaBackupCodeHashes[index]],
    )) as [unknown, number];
    return affected === 1;
  }

  remainingBackupCodes(user: User): number {
    return user.mfaBackupCodeHashes.length;
  }
}
