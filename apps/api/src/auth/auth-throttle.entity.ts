import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * Failed-sign-in counters, per account and per client IP, kept in PostgreSQL so every API replica
 * sees the same lockout. `key` is `account:<sha256 of the normalised email>` or `ip:<sha256 of the
 * address>`: unknown emails are counted exactly like known ones (no account enumeration), and
 * neither emails nor addresses are stored in clear.
 */
@Entity({ name: 'auth_throttles' })
export class AuthThrottle {
  @PrimaryColumn({ type: 'text' })
  key: string;

  /** attempts in the current window not cancelled by a success */
  @Column({ type: 'integer', default: 0 })
  failures: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  windowStartedAt: Date;

  /** attempts are refused (429) until then */
  @Column({ type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
