import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { ClinicStatus, ENUM_TYPE_NAMES } from '../database/enums.js';

/** Root of the tenant hierarchy (seed 000 `Clinic`). Never deleted: `status = inactive` instead. */
@Entity({ name: 'clinics' })
export class Clinic {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', unique: true })
  slug: string;

  @Column({ type: 'text', nullable: true })
  phone: string | null;

  /** additional phone numbers (JSON array of strings) */
  @Column({ type: 'jsonb', nullable: true, default: () => `'[]'` })
  phones: string[] | null;

  /** E.164 number Vapi answers for this clinic; one clinic per number */
  @Column({ type: 'text', nullable: true, unique: true })
  vapiPhone: string | null;

  @Column({ type: 'text', nullable: true })
  address: string | null;

  @Column({ type: 'text', nullable: true })
  city: string | null;

  @Column({ type: 'text', default: 'BC' })
  province: string;

  @Column({ type: 'text', nullable: true })
  postalCode: string | null;

  /** IANA zone; every clinic-facing time is computed in it */
  @Column({ type: 'text', default: 'America/Vancouver' })
  timezone: string;

  /** seed default `active`; clinics provisioned through the API are created `pending` (SPEC §3) */
  @Column({ type: 'enum', enum: ClinicStatus, enumName: ENUM_TYPE_NAMES.ClinicStatus, default: ClinicStatus.Active })
  status: ClinicStatus;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
