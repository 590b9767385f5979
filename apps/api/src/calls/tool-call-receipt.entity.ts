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
import { ENUM_TYPE_NAMES, ToolCallStatus } from '../database/enums.js';

/**
 * Receipt of a mutating tool call, keyed by Vapi's (call id, toolCallId) (SPEC §3/§4.1): the first
 * request inserts `running`, a duplicate waits for `done` and replays `result`. `result` may carry
 * PHI: SecretBox ciphertext bound to the receipt's id; kept a day after the call (a late duplicate
 * still replays it), then deleted by the CallScratchJanitor.
 */
@Entity({ name: 'tool_call_receipts' })
@Unique(['vapiCallId', 'toolCallId'])
export class ToolCallReceipt {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  clinicId: string;

  @ManyToOne(() => Clinic, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'clinic_id' })
  clinic?: Relation<Clinic>;

  @Column({ type: 'text' })
  vapiCallId: string;

  @Column({ type: 'text' })
  toolCallId: string;

  @Column({ type: 'text' })
  toolName: string;

  @Column({ type: 'enum', enum: ToolCallStatus, enumName: ENUM_TYPE_NAMES.ToolCallStatus, default: ToolCallStatus.Running })
  status: ToolCallStatus;

  /** the reply sent to Vapi (compact JSON), encrypted (SecretBox, `receiptAnswerContext(id)`); replayed for duplicates */
  @Column({ type: 'text', nullable: true })
  result: string | null;

  @Index()
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;
}
