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
 * An incoming fax and its extraction / patient match (seed 000 `FaxDocument`). Pipeline
 * pending → processing → extracted → matched | needs_review → verified → archived, or failed with
 * `errorMessage` (plain words, never PHI). The document itself lives encrypted in
 * `fax_document_files` (replicas keep nothing on disk). PHI on this row is ciphertext only:
 * `extractedDataEnc` (the fields read from the document) and `matchedPatientName`.
 */
@Entity({ name: 'fax_documents' })
@Index(['clinicId', 'checksumSha256'], { unique: true, where: '"checksum_sha256" IS NOT NULL' })
@Index(['clinicId', 'createdAt'])
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

  /** seed 000's server path; unused (documents are stored in `fax_document_files`), kept for imports */
  @Column({ type: 'text', nullable: true })
  filePath: string | null;

  /** `application/pdf` or `image/tiff`, recognised from the bytes */
  @Column({ type: 'text', nullable: true })
  mimeType: string | null;

  @Column({ type: 'integer', nullable: true })
  sizeBytes: number | null;

  /** SHA-256 of the original bytes (hex): a second upload of the same document finds this row */
  @Column({ type: 'text', nullable: true })
  checksumSha256: string | null;

  /** Telnyx's `fax_id` of an inbound fax (one document per fax, whatever the duplicates) */
  @Index({ unique: true, where: '"telnyx_fax_id" IS NOT NULL' })
  @Column({ type: 'text', nullable: true })
  telnyxFaxId: string | null;

  /** referral | lab_result | imaging_report | consult_letter | other */
  @Column({ type: 'text', nullable: true })
  documentType: string | null;

  /** SecretBox ciphertext of the extracted fields (JSON); never stored in the clear */
  @Column({ type: 'text', nullable: true })
  extractedDataEnc: string | null;

  /** up to three charts that may be the patient: `{demographicId, method, confidence}` (no PHI) */
  @Column({ type: 'jsonb', nullable: true })
  candidates: { demographicId: string; method: string; confidence: number }[] | null;

  /** what the extraction wants staff to know (e.g. an outside vendor failed and the offline reader was used) */
  @Column({ type: 'text', nullable: true })
  extractionNote: string | null;

  /** SecretBox ciphertext of a staff member's reason for rejecting the document */
  @Column({ type: 'text', nullable: true })
  rejectReasonEnc: string | null;

  /** when the clinic's staff were told the document needs review (once per document) */
  @Column({ type: 'timestamptz', nullable: true })
  reviewNotifiedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  archivedAt: Date | null;

  @Column({ type: 'integer', nullable: true })
  pageCount: number | null;

  /** seed 000's clear-text extraction: always null here (see `extractedDataEnc`) */
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

  /** SecretBox ciphertext of the matched chart's display name */
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
