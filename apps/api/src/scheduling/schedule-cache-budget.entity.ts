import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Clinic } from '../clinics/clinic.entity.js';

/**
 * The background refresh's SOAP budget of one clinic, as a token bucket shared by every replica
 * (docs/decisions.md "Schedule cache"): `tokens` as of `refilledAt`, refilled at one call per
 * second up to the bucket's size. Only the refresh job (one per clinic at a time) writes it.
 */
@Entity({ name: 'schedule_cache_budgets' })
export class ScheduleCacheBudget {
  @PrimaryColumn({ type: 'uuid' })
  clinicId: string;

  @OneToOne(() => Clinic, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'clinic_id' })
  clinic?: Relation<Clinic>;

  @Column({ type: 'double precision' })
  tokens: number;

  @Column({ type: 'timestamptz' })
  refilledAt: Date;
}
