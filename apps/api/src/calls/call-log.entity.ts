import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { Clinic } from '../clinics/clinic.entity.js';
import { CallIntent, CallOutcome, ENUM_TYPE_NAMES } from '../database/enums.js';

/**
 * One voice call, written by the end-of-call report merge (seed 000 `CallLog`). `vapiCallId` is
 * unique (the seed only indexes it) so a repeated report merges into the same row (SPEC §3).
 */
/** (clinic, created_at): every console read of calls (list, analytics, dashboard) is one clinic's time range */
@Index(['clinicId', 'createdAt'])
@Entity({ name: 'call_logs' })
export class CallLog {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  clinicId: string;

  @ManyToOne(() => Clinic, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'clinic_id' })
  clinic?: Relation<Clinic>;

  @Column({ type: 'text', nullable: true, unique: true })
  vapiCallId: string | null;

  /** E.164 */
  @Column({ type: 'text', nullable: true })
  callerPhone: string | null;

  @Column({ type: 'integer', nullable: true })
  demographicId: number | null;

  /** en | zh */
  @Column({ type: 'text', nullable: true })
  language: string | null;

  @Column({ type: 'enum', enum: CallIntent, enumName: ENUM_TYPE_NAMES.CallIntent, nullable: true })
  intent: CallIntent | null;

  @Column({ type: 'enum', enum: CallOutcome, enumName: ENUM_TYPE_NAMES.CallOutcome, nullable: true })
  outcome: CallOutcome | null;

  /** OSCAR appointment number when one was booked */
  @Column({ type: 'integer', nullable: true })
  appointmentId: number | null;

  @Column({ type: 'integer', nullable: true })
  durationSeconds: number | null;

  /** Vapi's cost in USD */
  @Column({ type: 'double precision', nullable: true })
  cost: number | null;

  /** nulled by the retention job after `transcriptRetentionDays` */
  @Column({ type: 'text', nullable: true })
  transcript: string | null;

  @Column({ type: 'text', nullable: true })
  summary: string | null;

  @Column({ type: 'boolean', default: false })
  transferredToStaff: boolean;

  @Column({ type: 'text', nullable: true })
  transferReason: string | null;

  @Column({ type: 'boolean', nullable: true })
  smsConsent: boolean | null;

  /** when Telnyx accepted the confirmation (delivery is on `sms_messages`) */
  @Column({ type: 'timestamptz', nullable: true })
  smsSentAt: Date | null;

  @Index()
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  // ---- additions from the end-of-call report ----

  @Column({ type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  /** Vapi's `endedReason` (customer-ended-call, assistant-forwarded-call, …) */
  @Column({ type: 'text', nullable: true })
  endedReason: string | null;
}
