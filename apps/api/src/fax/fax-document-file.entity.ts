import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Clinic } from '../clinics/clinic.entity.js';
import { FaxDocument } from './fax-document.entity.js';

/**
 * The original bytes of a fax document, encrypted (AES-256-GCM under a fresh data key per
 * document; the data key wrapped by `SecretBox`, so `ENCRYPTION_KEY` rotation applies). In
 * PostgreSQL so that any replica can read it; deleted with its document.
 */
@Entity({ name: 'fax_document_files' })
export class FaxDocumentFile {
  @PrimaryColumn({ type: 'uuid' })
  faxDocumentId: string;

  @OneToOne(() => FaxDocument, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'fax_document_id' })
  document?: Relation<FaxDocument>;

  @Index()
  @Column({ type: 'uuid' })
  clinicId: string;

  @ManyToOne(() => Clinic, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'clinic_id' })
  clinic?: Relation<Clinic>;

  /** iv (12) | tag (16) | ciphertext */
  @Column({ type: 'bytea' })
  content: Buffer;

  /** the document's data key, SecretBox ciphertext bound to the document id */
  @Column({ type: 'text' })
  keyEnc: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
