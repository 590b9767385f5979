import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The sign-in, refresh and MFA rate limits' counters, in PostgreSQL so every replica counts the
 * same requests (PostgresThrottlerStorage, docs/rate-limits.md): hits per counter and one-second
 * step of its window. `key` is the throttler's name and a hash of the route and the client
 * address: no address is stored in clear. Steps that left the window are deleted as counters move.
 */
@Entity({ name: 'rate_limit_hits' })
export class RateLimitHit {
  @PrimaryColumn({ type: 'text' })
  key: string;

  /** window step number: epoch milliseconds divided by the step width */
  @PrimaryColumn({ type: 'bigint' })
  step: string;

  @Column({ type: 'integer' })
  hits: number;
}
