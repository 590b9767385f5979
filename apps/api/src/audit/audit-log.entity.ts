import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { AuditOutcome, ENUM_TYPE_NAMES } from '../database/enums.js';

/**
 * Append-only audit trail (seed 000 `AuditLog`, SPEC §3): a database trigger refuses UPDATE,
 * DELETE and TRUNCATE. The actor is a user or the system (jobs: `userId`/`userEmail` null).
 * `action` is a verb from the audit builder's closed vocabulary (`clinic.create`,
 * `config.update`, `auth.login_failed`, …); method, path, outcome and status code sit beside it.
 * `details` are redacted, never PHI.
 */
@Entity({ name: 'audit_logs' })
export class AuditLog {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  userId: string | null;

  /** nullable: system actors have none (the seed's is required) */
  @Column({ type: 'text', nullable: true })
  userEmail: string | null;

  @Index()
  @Column({ type: 'text' })
  action: string;

  /** HTTP method of the audited request; null for jobs */
  @Column({ type: 'text', nullable: true })
  method: string | null;

  /** request path without query string; null for jobs */
  @Column({ type: 'text', nullable: true })
  path: string | null;

  @Column({ type: 'enum', enum: AuditOutcome, enumName: ENUM_TYPE_NAMES.AuditOutcome, default: AuditOutcome.Success })
  outcome: AuditOutcome;

  @Column({ type: 'integer', nullable: true })
  statusCode: number | null;

  /** resource path, e.g. `clinics/providers` */
  @Column({ type: 'text' })
  resource: string;

  @Column({ type: 'text', nullable: true })
  resourceId: string | null;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  clinicId: string | null;

  @Column({ type: 'jsonb', nullable: true })
  details: Record<string, unknown> | null;

  @Column({ type: 'text', nullable: true })
  ipAddress: string | null;

  @Column({ type: 'text', nullable: true })
  userAgent: string | null;

  @Index()
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
