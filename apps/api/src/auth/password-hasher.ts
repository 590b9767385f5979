import { Injectable, type OnModuleInit } from '@nestjs/common';
import argon2 from 'argon2';
import { randomBytes } from 'node:crypto';

/**
 * argon2id with OWASP's recommended minimum (m = 19 MiB, t = 2, p = 1). A stored hash made with
 * other parameters is upgraded at the next successful sign-in (`needsRehash`).
 */
export const ARGON2_OPTIONS = {
  type: argon2.argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

@Injectable()
export class PasswordHasher implements OnModuleInit {
  /** a hash of a random value, verified against when the email is unknown so both paths cost the same */
  private dummyHash: Promise<string> | undefined;

  /** made at start-up, so even the first unknown-email attempt costs what a real one costs */
  async onModuleInit(): Promise<void> {
    await this.dummy();
  }

  hash(password: string): Promise<string> {
    return argon2.hash(password, ARGON2_OPTIONS);
  }

  /** False for a wrong password and for a malformed stored hash (never throws on user input). */
  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  }

  needsRehash(hash: string): boolean {
    try {
      return argon2.needsRehash(hash, ARGON2_OPTIONS);
    } catch {
      return true;
    }
  }

  /** Spends the same time as a real verification and answers false (unknown email). */
  async verifyDummy(password: string): Promise<false> {
    await this.verify(await this.dummy(), password);
    return false;
  }

  private dummy(): Promise<string> {
    this.dummyHash ??= argon2.hash(randomBytes(32).toString('base64'), ARGON2_OPTIONS);
    return this.dummyHash;
  }
}
