import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import { Clinic } from './clinic.entity.js';

/** Opening hours, one row per weekday (seed 000 `ClinicHours`). */
@Entity({ name: 'clinic_hours' })
@Unique(['clinicId', 'dayOfWeek'])
@Check(`"day_of_week" BETWEEN 0 AND 6`)
export class ClinicHours {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  clinicId: string;

  @ManyToOne(() => Clinic, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'clinic_id' })
  clinic?: Relation<Clinic>;

  /** 0 = Sunday … 6 = Saturday (the simulator's ISO 1 = Monday is converted at its boundary) */
  @Column({ type: 'integer' })
  dayOfWeek: number;

  /** "09:00" in the clinic's zone */
  @Column({ type: 'text', nullable: true })
  openTime: string | null;

  /** "17:00" in the clinic's zone */
  @Column({ type: 'text', nullable: true })
  closeTime: string | null;

  @Column({ type: 'boolean', default: false })
  isClosed: boolean;
}
