import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * Caller number → OSCAR chart, so a repeat caller is found at once (seed 000 `PatientPhoneCache`).
 * Keyed by the E.164 number (the seed's "last 10 digits" is replaced, SPEC §3); a number shared by
 * several charts is never cached as one patient (the EMR service deletes/skips such rows). The id
 * is a uuid like every other table (the seed's is a cuid). The seed gives no foreign key here.
 */
@Entity({ name: 'patient_phone_cache' })
@Unique(['clinicId', 'phoneE164'])
@Index(['clinicId', 'phoneE164'])
export class PatientPhoneCache {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  clinicId: string;

  /** `+16045550142` */
  @Column({ type: 'text' })
  phoneE164: string;

  @Column({ type: 'integer' })
  demographicNo: number;

  @Column({ type: 'text', nullable: true })
  patientName: string | null;

  /**
   * When a search last confirmed that this number belongs to this one chart. Cache hits do not
   * move it: after a day the number is searched again, so a chart added since (the number is now
   * shared) is noticed.
   */
  @Column({ type: 'timestamptz', default: () => 'now()' })
  lastSeen: Date;
}
