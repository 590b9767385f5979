import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Clinic } from '../clinics/clinic.entity.js';

/** A provider's day schedule as the EMR gave it (`EmrDaySchedule` without the keys), or null: no schedule that day. */
export interface CachedDaySchedule {
  holiday: boolean;
  slotMinutes: number | null;
  slots: { start: string; end: string; code: string }[];
}

/**
 * The schedule cache (SPEC §5 "Speed"): which template a provider works on a day, as OSCAR last
 * said, shared by every replica. Filled and refreshed in the background (`ScheduleCacheRefresher`),
 * written through by live searches that had to read a missing day and by bookings' fresh re-reads.
 * A search uses an entry however old it is (a booking re-reads the day fresh); `readAt` says when
 * OSCAR was asked. No PHI: templates only.
 */
@Entity({ name: 'schedule_cache_days' })
@Index(['clinicId', 'readAt'])
export class ScheduleCacheDay {
  @PrimaryColumn({ type: 'uuid' })
  clinicId: string;

  @ManyToOne(() => Clinic, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'clinic_id' })
  clinic?: Relation<Clinic>;

  /** OSCAR provider number */
  @PrimaryColumn({ type: 'text' })
  providerNo: string;

  /** the clinic's day (ISO date) */
  @PrimaryColumn({ type: 'date' })
  date: string;

  /** null: the provider has no schedule that day */
  @Column({ type: 'jsonb', nullable: true })
  schedule: CachedDaySchedule | null;

  @Column({ type: 'timestamptz' })
  readAt: Date;
}
