import {
  Column,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import { Clinic } from '../clinics/clinic.entity.js';

/**
 * A number that texted STOP to a clinic's sender (SPEC §3/§7). START sets `optedBackInAt`; the
 * number is opted out while `optedBackInAt` is null or earlier than `optedOutAt`.
 */
@Entity({ name: 'sms_opt_outs' })
@Unique(['clinicId', 'phoneE164'])
export class SmsOptOut {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  clinicId: string;

  @ManyToOne(() => Clinic, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'clinic_id' })
  clinic?: Relation<Clinic>;

  /** E.164 */
  @Column({ type: 'text' })
  phoneE164: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  optedOutAt: Date;

  /** the keyword received: STOP, UNSUBSCRIBE, … (or `console` when staff set it) */
  @Column({ type: 'text' })
  sourceKeyword: string;

  @Column({ type: 'timestamptz', nullable: true })
  optedBackInAt: Date | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
