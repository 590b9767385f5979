import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import { Clinic } from '../clinics/clinic.entity.js';

/**
 * What a claim is:
 * - `offer`: a search's top offer, held for the call for `offerHoldMinutes`;
 * - `booking`: a booking (or move) in progress for the call;
 * - `booked`: the booking landed in the EMR; kept a short while so searches working from data
 *   read just before it (another replica, a short-lived read) still skip it.
 */
export type ClaimKind = 'offer' | 'booking' | 'booked';

/**
 * One claim on one thing a booking takes, unique per clinic and `claimKey` (docs/decisions.md
 * "Offer holds and booking claims"): `slot:<providerNo>:<slot start ISO>` for each schedule slot
 * a booking occupies (buffer included), or `patient-day:<demographicNo>:<date>` while a patient's
 * booking that day is in progress. Taken with one INSERT … ON CONFLICT, so every replica honours
 * it and nobody waits holding a database connection. An expired claim counts for nothing.
 */
@Entity({ name: 'scheduling_claims' })
@Unique(['clinicId', 'claimKey'])
@Index(['clinicId', 'expiresAt'])
@Index(['clinicId', 'callId'])
export class SchedulingClaim {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  clinicId: string;

  @ManyToOne(() => Clinic, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'clinic_id' })
  clinic?: Relation<Clinic>;

  @Column({ type: 'text' })
  claimKey: string;

  /** the Vapi call (or a request's own id when there is no call) */
  @Column({ type: 'text' })
  callId: string;

  @Column({ type: 'text' })
  kind: ClaimKind;

  /** slot claims: the provider and the slot */
  @Column({ type: 'text', nullable: true })
  providerNo: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  startsAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  endsAt: Date | null;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  /** `booked`: when the booking landed (a patient-day check that read the EMR before this must read again) */
  @Column({ type: 'timestamptz', nullable: true })
  settledAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
