import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { TooManyAttemptsError } from '../common/auth/auth-errors.js';

/**
 * Lockout numbers. Per account: the 6th attempt within 15 minutes that did not end in a
 * successful sign-in locks the account for 15 minutes (unknown emails too, so a lock reveals
 * nothing). Per IP: 30 unsuccessful attempts in 15 minutes lock the address for 15 minutes
 * (successes give one back, so a busy clinic's shared address is not locked by normal use).
 * Failures after the first are also answered more slowly (250 ms doubling, at most 2 s).
 */
export const LOGIN_THROTTLE = {
  accountLimit: 5,
  ipLimit: 30,
  windowSeconds: 15 * 60,
  lockSeconds: 15 * 60,
  slowdownBaseMs: 250,
  slowdownMaxMs: 2000,
} as const;

export interface AttemptSubject {
  /** the email as typed (normalised here) */
  email: string;
  ip: string | undefined;
}

interface CounterRow {
  failures: number;
  retry_after: string | number | null;
}

/**
 * Counts sign-in attempts (password, MFA code, current password on change) in PostgreSQL, so
 * every replica sees the same lockout. An attempt is counted before the password is checked,
 * so parallel guesses cannot slip past the limit; a success then clears it.
 */
@Injectable()
export class LoginThrottleService {
  private readonly logger = new Logger('LoginThrottle');

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  static accountKey(email: string): string {
    return `account:${createHash('sha256').update(email.trim().toLowerCase()).digest('hex')}`;
  }

  static ipKey(ip: string): string {
    return `ip:${createHash('sha256').update(ip).digest('hex')}`;
  }

  /** Counts one attempt; throws `TooManyAttemptsError` (429 + Retry-After) when the IP or the account is locked. */
  async registerAttempt(subject: AttemptSubject): Promise<{ accountFailures: number }> {
    if (subject.ip) {
      const ip = await this.count(LoginThrottleService.ipKey(subject.ip), LOGIN_THROTTLE.ipLimit);
      if (ip.retryAfter) {
        this.logger.warn({ event: 'auth.ip_locked' }, 'sign-in attempts from one address are locked');
        throw new TooManyAttemptsError(ip.retryAfter);
      }
    }
    const account = await this.count(LoginThrottleService.accountKey(subject.email), LOGIN_THROTTLE.accountLimit);
    if (account.retryAfter) {
      this.logger.warn({ event: 'auth.account_locked' }, 'sign-in attempts for one account are locked');
      throw new TooManyAttemptsError(account.retryAfter);
    }
    return { accountFailures: account.failures };
  }

  /** After a failed attempt: answer later the more failures there were (slows serial guessing). */
  async slowDown(accountFailures: number): Promise<void> {
    if (accountFailures < 2) return;
    const delay = Math.min(LOGIN_THROTTLE.slowdownMaxMs, LOGIN_THROTTLE.slowdownBaseMs * 2 ** (accountFailures - 2));
    await new Promise((resolve) => setTimeout(resolve, delay));
  }

  /** A completed sign-in: the account's counter is cleared, the address gets one attempt back. */
  async recordSuccess(subject: AttemptSubject): Promise<void> {
    await this.dataSource.query(`DELETE FROM auth_throttles WHERE key = $1`, [LoginThrottleService.accountKey(subject.email)]);
    if (subject.ip) {
      await this.dataSource.query(
        `UPDATE auth_throttles SET failures = GREATEST(failures - 1, 0), updated_at = now()
          WHERE key = $1 AND (locked_until IS NULL OR locked_until <= now())`,
        [LoginThrottleService.ipKey(subject.ip)],
      );
    }
  }

  /**
   * One atomic upsert: a running lock stays as it is; an expired lock or window starts a new
   * window; otherwise the counter goes up and locks once it passes `limit`.
   */
  private async count(key: string, limit: number): Promise<{ failures: number; retryAfter: number | null }> {
    const { windowSeconds, lockSeconds } = LOGIN_THROTTLE;
    const rows: CounterRow[] = await this.dataSource.query(
      `INSERT INTO auth_throttles AS t (key, failures, window_started_at, locked_until, updated_at)
       VALUES ($1, 1, now(), NULL, now())
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE
           WHEN t.locked_until > now() THEN t.failures
           WHEN t.locked_until IS NOT NULL OR t.window_started_at <= now() - make_interval(secs => $3::int) THEN 1
           ELSE t.failures + 1 END,
         window_started_at = CASE
           WHEN t.locked_until > now() THEN t.window_started_at
           WHEN t.locked_until IS NOT NULL OR t.window_started_at <= now() - make_interval(secs => $3::int) THEN now()
           ELSE t.window_started_at END,
         locked_until = CASE
           WHEN t.locked_until > now() THEN t.locked_until
           WHEN t.locked_until IS NULL AND t.window_started_at > now() - make_interval(secs => $3::int)
                AND t.failures + 1 > $2::int THEN now() + make_interval(secs => $4::int)
           ELSE NULL END,
         updated_at = now()
       RETURNING failures,
         CASE WHEN locked_until > now() THEN CEIL(EXTRACT(EPOCH FROM (locked_until - now()))) END AS retry_after`,
      [key, limit, windowSeconds, lockSeconds],
    );
    const row = rows[0];
    return { failures: row.failures, retryAfter: row.retry_after === null ? null : Number(row.retry_after) };
  }
}
