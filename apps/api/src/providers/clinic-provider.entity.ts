import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import { Clinic } from '../clinics/clinic.entity.js';
import { ENUM_TYPE_NAMES, ProviderStatus } from '../database/enums.js';

/** `{codes: ["A","B"]}`; null = inherit the clinic's schedule codes */
export interface ScheduleCodeConfig {
  codes: string[];
}

/** A provider with its OSCAR mapping and voice-booking overrides (seed 000 `ClinicProvider`). */
@Entity({ name: 'clinic_providers' })
@Unique(['clinicId', 'oscarProviderId'])
export class ClinicProvider {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  clinicId: string;

  @ManyToOne(() => Clinic, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'clinic_id' })
  clinic?: Relation<Clinic>;

  @Column({ type: 'text' })
  firstName: string;

  @Column({ type: 'text' })
  lastName: string;

  @Column({ type: 'text', default: 'Dr.' })
  title: string;

  @Column({ type: 'text', nullable: true })
  displayName: string | null;

  @Column({ type: 'text', nullable: true })
  specialty: string | null;

  @Column({ type: 'text', nullable: true })
  email: string | null;

  @Column({ type: 'text', nullable: true })
  phone: string | null;

  @Column({ type: 'boolean', default: true })
  acceptingNewPatients: boolean;

  @Column({ type: 'text', array: true, default: () => `'{English}'` })
  languages: string[];

  @Column({ type: 'enum', enum: ProviderStatus, enumName: ENUM_TYPE_NAMES.ProviderStatus, default: ProviderStatus.Active })
  status: ProviderStatus;

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  appointmentTypes: string[];

  @Column({ type: 'text', default: '#3B82F6' })
  color: string;

  /** OSCAR provider number, e.g. "101" (what voice tools call `providerId`) */
  @Column({ type: 'text', nullable: true })
  oscarProviderId: string | null;

  @Column({ type: 'boolean', default: true })
  voiceBookable: boolean;

  @Column({ type: 'integer', nullable: true })
  maxAdvanceBookingDays: number | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastSyncedAt: Date | null;

  /** in_person | virtual | both */
  @Column({ type: 'text', default: 'both' })
  visitMode: string;

  @Column({ type: 'boolean', default: false })
  acceptsWalkIns: boolean;

  @Column({ type: 'jsonb', nullable: true })
  scheduleCodeConfig: ScheduleCodeConfig | null;

  /** `{"<visit reason>": {"code": "B", "durationMin": 15}}`, merged over the clinic's mappings */
  @Column({ type: 'jsonb', nullable: true })
  appointmentTypeOverrides: Record<string, { code: string; durationMin?: number }> | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
