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
import { ENUM_TYPE_NAMES, WaitlistSource, WaitlistStatus } from '../database/enums.js';
import { Clinic } from './clinic.entity.js';

/**
 * New-patient waitlist (seed 000 `WaitlistEntry`). Voice registrations (OSCAR cannot create charts
 * over SOAP) land here with the caller's registration details encrypted in `detailsEnc`.
 */
@Entity({ name: 'waitlist' })
export class WaitlistEntry {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  clinicId: string;

  @ManyToOne(() => Clinic, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'clinic_id' })
  clinic?: Relation<Clinic>;

  @Column({ type: 'text' })
  firstName: string;

  @Column({ type: 'text' })
  lastName: string;

  @Column({ type: 'text' })
  phone: string;

  @Column({ type: 'text', nullable: true })
  email: string | null;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Index()
  @Column({ type: 'enum', enum: WaitlistStatus, enumName: ENUM_TYPE_NAMES.WaitlistStatus, default: WaitlistStatus.Pending })
  status: WaitlistStatus;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  contactedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  registeredAt: Date | null;

  // ---- SPEC §3 additions ----

  /**
   * AES-256-GCM ciphertext (key-id prefixed) of the registration details a caller gave: date of
   * birth, gender, address, city, postal code, health card type and number, email, language.
   * Decrypted only for the clinic's staff.
   */
  @Column({ type: 'text', nullable: true })
  detailsEnc: string | null;

  @Column({ type: 'enum', enum: WaitlistSource, enumName: ENUM_TYPE_NAMES.WaitlistSource, default: WaitlistSource.Console })
  source: WaitlistSource;

  /** the Vapi call that created the entry (voice source) */
  @Column({ type: 'text', nullable: true })
  vapiCallId: string | null;
}
