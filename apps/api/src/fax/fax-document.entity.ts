import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import { Clinic } from '../clinics/clinic.entity.js';
import { ENUM_TYPE_NAMES, FaxStatus } from '../database/enums.js';

/**
 * An incoming fax and its AI extraction / patient match (seed 000 `FaxDocument`). Pipeline
 * pending → processing → extracted → matched → verified → archived, or failed with `errorMessage`.
 */
@Entity({ name: 'fax_documents' })
export class FaxDocument {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  clinicId: string;

  @ManyToOne(() => Clinic, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'clinic_id' })
  clinic?: Relation<Clinic>;

  @Index()
  @Column({ type: 'enum', enum: FaxStatus, enumName: ENUM_TYPE_NAMES.FaxStatus, default: FaxStatus.Pending })
  status: FaxStatus;

  /** upload | poll | seed | telnyx */
  @Column({ type: 'text', default: 'upload' })
  source: string;

  @Column({ type: 'text', nullable: true })
  originalFilename: string | null;

  /** where the stored file lives (relative to the fax storage root) */
  @Column({ type: 'text' })
  filePath: string;

  @Column({ type: 'integer', nullable: true })
  pageCount: number | null;

  @Column({ type: 'jsonb', nullable: true })
  extractedData: Record<string, unknown> | null;

  /** anthropic | openai | google | offline */
  @Column({ type: 'text', nullable: true })
  extractionProvider: string | null;

  @Column({ type: 'text', nullable: true })
  extractionModel: string | null;

  @Column({ type: 'double precision', nullable: true })
  extractionCostCents: number | null;

  /** OSCAR demographic number of the matched chart */
  @Index()
  @Column({ type: 'text', nullable: true })
  matchedPatientId: string | null;

  @Column({ type: 'text', nullable: true })
  matchedPatientName: string | null;

  /** 0.0 … 1.0 */
  @Column({ type: 'double precision', nullable: true })
  matchConfidence: number | null;

  /** phn_exact | name_dob | name_only */
  @Column({ type: 'text', nullable: true })
  matchMethod: string | null;

  @Column({ type: 'boolean', default: false })
  matchVerified: boolean;

  /** id of the user who verified the match */
  @Column({ type: 'uuid', nullable: true })
  matchVerifiedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  matchVerifiedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  senderFaxNumber: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  receivedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  processedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  errorMessage: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
