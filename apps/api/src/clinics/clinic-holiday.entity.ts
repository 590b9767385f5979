import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  type Relation,
} from 'typeorm';
import { Clinic } from './clinic.entity.js';

/** A day the clinic is closed (seed 000 `ClinicHoliday`); unique per (clinic, date) per SPEC §3. */
@Entity({ name: 'clinic_holidays' })
@Unique(['clinicId', 'date'])
export class ClinicHoliday {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  clinicId: string;

  @ManyToOne(() => Clinic, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'clinic_id' })
  clinic?: Relation<Clinic>;

  /** a day at the clinic, `YYYY-MM-DD` (read in the clinic's zone) */
  @Column({ type: 'date' })
  date: string;

  @Column({ type: 'text', nullable: true })
  name: string | null;

  /** where it came from: `manual` (a person added it) or `statutory:CA-BC` (imported for a province) */
  @Column({ type: 'text', default: 'manual' })
  source: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
