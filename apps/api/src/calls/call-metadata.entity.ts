import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  type Relation,
} from 'typeorm';
import { Clinic } from '../clinics/clinic.entity.js';
import { CallIntent, CallOutcome, ENUM_TYPE_NAMES } from '../database/enums.js';
import type { InDoubtChange } from './in-doubt.js';

/**
 * Durable per-call scratch (replaces the seed's in-memory `callMetadataCache`, SPEC §3/§4): any
 * replica can serve the next tool call or the end-of-call report. Holds PHI (caller number,
 * chart ids): blanked by the end-of-call merge, which leaves the row as the call's "over" mark
 * (`reportedAt`, the language kept) until the scratch janitor deletes it a day later; rows of calls
 * that never reported are deleted when idle (`lastActivityAt`).
 */
@Entity({ name: 'call_metadata' })
@Unique(['clinicId', 'vapiCallId'])
export class CallMetadata {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  clinicId: string;

  @ManyToOne(() => Clinic, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'clinic_id' })
  clinic?: Relation<Clinic>;

  @Column({ type: 'text' })
  vapiCallId: string;

  /** caller ID (`call.customer.number`) in E.164: the only source of identity */
  @Column({ type: 'text', nullable: true })
  callerPhoneE164: string | null;

  /** charts on the caller's number (identity binding) */
  @Column({ type: 'integer', array: true, default: () => `'{}'` })
  matchedDemographicIds: number[];

  /** charts whose date of birth the caller confirmed in this call */
  @Column({ type: 'integer', array: true, default: () => `'{}'` })
  verifiedDemographicIds: number[];

  /** en | zh: the call's last known language */
  @Column({ type: 'text', nullable: true })
  language: string | null;

  @Column({ type: 'enum', enum: CallIntent, enumName: ENUM_TYPE_NAMES.CallIntent, nullable: true })
  intent: CallIntent | null;

  @Column({ type: 'enum', enum: CallOutcome, enumName: ENUM_TYPE_NAMES.CallOutcome, nullable: true })
  outcome: CallOutcome | null;

  /** the chart the call was about (log_call_metadata, or set by booking/registration) */
  @Column({ type: 'integer', nullable: true })
  demographicId: number | null;

  @Column({ type: 'integer', nullable: true })
  appointmentId: number | null;

  /** the latest `smsConsent` a tool passed wins */
  @Column({ type: 'boolean', nullable: true })
  smsConsent: boolean | null;

  /** dates of birth given in this call that matched no chart (identity guesses are limited) */
  @Column({ type: 'integer', default: 0 })
  dobFailures: number;

  /** set by `transfer_call` */
  @Column({ type: 'text', nullable: true })
  transferReason: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Index()
  @Column({ type: 'timestamptz', default: () => 'now()' })
  lastActivityAt: Date;

  /**
   * changes whose EMR write may have happened although the tool answered EMR_UNAVAILABLE or BUSY
   * (the EMR failed after it acted, or the answer came too late): kept through the end-of-call merge,
   * resolved against the EMR afterwards (InDoubtReconciler), then emptied
   */
  @Column({ type: 'jsonb', default: () => `'[]'` })
  inDoubt: InDoubtChange[];

  /** when the end-of-call report was merged into `call_logs`: the call is over (tools record into the call log from then on) */
  @Column({ type: 'timestamptz', nullable: true })
  reportedAt: Date | null;
}
