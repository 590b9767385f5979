import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import { Clinic } from './clinic.entity.js';

/**
 * The 4-step onboarding wizard, one row per clinic (seed 000 `OnboardingProgress`). The clinic is
 * the primary key, so the relation is many-to-one in TypeORM terms (no redundant unique constraint).
 */
@Entity({ name: 'onboarding_progress' })
export class OnboardingProgress {
  @PrimaryColumn({ type: 'uuid' })
  clinicId: string;

  @ManyToOne(() => Clinic, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'clinic_id' })
  clinic?: Relation<Clinic>;

  @Column({ type: 'integer', default: 1 })
  currentStep: number;

  @Column({ type: 'boolean', default: false })
  clinicInfoDone: boolean;

  @Column({ type: 'boolean', default: false })
  hoursDone: boolean;

  @Column({ type: 'boolean', default: false })
  providersDone: boolean;

  @Column({ type: 'boolean', default: false })
  emrConnected: boolean;

  @Column({ type: 'boolean', default: false })
  vapiAssigned: boolean;

  @Column({ type: 'boolean', default: false })
  testCallPassed: boolean;

  @Column({ type: 'boolean', default: false })
  privacyOfficerSet: boolean;

  @Column({ type: 'boolean', default: false })
  baaSigned: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
