import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import { Clinic } from '../clinics/clinic.entity.js';
import { ENUM_TYPE_NAMES, SmsDirection, SmsStatus } from '../database/enums.js';

/**
 * One text message, outbound (confirmations) or inbound (replies, STOP/START), with Telnyx's id and
 * delivery status (SPEC §3/§7). Outbound rows are written `queued` before the job sends them.
 */
@Entity({ name: 'sms_messages' })
@Index(['clinicId', 'createdAt'])
/** one confirmation per (call, tool call, kind): a retried or duplicated tool call never writes a second text */
@Unique(['vapiCallId', 'toolCallId', 'templateKind'])
export class SmsMessage {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  clinicId: string;

  @ManyToOne(() => Clinic, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'clinic_id' })
  clinic?: Relation<Clinic>;

  @Column({ type: 'enum', enum: SmsDirection, enumName: ENUM_TYPE_NAMES.SmsDirection })
  direction: SmsDirection;

  /** E.164 */
  @Column({ type: 'text' })
  toE164: string;

  /** E.164 */
  @Column({ type: 'text' })
  fromE164: string;

  @Column({ type: 'text' })
  body: string;

  /** book | reschedule | cancel | opt_out_ack | … ; null for inbound */
  @Column({ type: 'text', nullable: true })
  templateKind: string | null;

  /** en | zh */
  @Column({ type: 'text', nullable: true })
  language: string | null;

  @Index()
  @Column({ type: 'enum', enum: SmsStatus, enumName: ENUM_TYPE_NAMES.SmsStatus })
  status: SmsStatus;

  /** Telnyx message id; delivery receipts find their row by it */
  @Column({ type: 'text', nullable: true, unique: true })
  providerMessageId: string | null;

  /** Telnyx error code of the last failure */
  @Column({ type: 'text', nullable: true })
  errorCode: string | null;

  /**
   * the call that asked for the text (links to `call_logs.vapi_call_id`; no foreign key: the call
   * log is written only at the end of the call, after the text is queued)
   */
  @Index()
  @Column({ type: 'text', nullable: true })
  vapiCallId: string | null;

  /** Vapi's id of the tool call that asked for the text (with the call and the kind, its key) */
  @Column({ type: 'text', nullable: true })
  toolCallId: string | null;

  /**
   * set while a send to Telnyx is under way and its outcome unknown (cleared when Telnyx answers):
   * a row still `sending` with this set was cut off mid-send (crash, timeout), see docs/sms.md
   */
  @Column({ type: 'timestamptz', nullable: true })
  attemptStartedAt: Date | null;

  /** OSCAR appointment number the confirmation is about */
  @Column({ type: 'integer', nullable: true })
  appointmentId: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  /** when Telnyx accepted it */
  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;
}
