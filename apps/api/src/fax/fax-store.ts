import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { SecretBox } from '../common/crypto/secret-box.js';
import { ClinicScopedRepository } from '../database/clinic-scoped.repository.js';
import { FaxStatus } from '../database/enums.js';
import { faxFieldContext, openFaxContent, sealFaxContent } from './fax-content.js';
import { FaxDocumentFile } from './fax-document-file.entity.js';
import { FaxDocument } from './fax-document.entity.js';
import type { FaxFields } from './fax-extraction-rules.js';

/** What staff see of an extraction, decrypted (SPEC §12 `extractedData`). */
export type FaxExtractedData = FaxFields;

/**
 * The fax module's persistence: documents (clinic-scoped), their encrypted files, and the
 * encrypted PHI columns. Plaintext exists only in memory, on its way to a staff member's answer
 * or to the reader.
 */
@Injectable()
export class FaxStore {
  readonly documents: ClinicScopedRepository<FaxDocument>;
  readonly files: ClinicScopedRepository<FaxDocumentFile>;

  constructor(
    @InjectDataSource() readonly dataSource: DataSource,
    private readonly box: SecretBox,
  ) {
    this.documents = new ClinicScopedRepository(dataSource.getRepository(FaxDocument));
    this.files = new ClinicScopedRepository(dataSource.getRepository(FaxDocumentFile));
  }

  find(clinicId: string, faxId: string): Promise<FaxDocument | null> {
    return this.documents.findOneBy(clinicId, { id: faxId });
  }

  findOrFail(clinicId: string, faxId: string): Promise<FaxDocument> {
    return this.documents.findOneByOrFail(clinicId, { id: faxId }, 'Fax document');
  }

  findByChecksum(clinicId: string, checksumSha256: string): Promise<FaxDocument | null> {
    return this.documents.findOneBy(clinicId, { checksumSha256 });
  }

  /** Stores the encrypted bytes of a document (inside the caller's transaction). */
  async saveFile(manager: EntityManager, clinicId: string, faxDocumentId: string, bytes: Buffer): Promise<void> {
    const sealed = sealFaxContent(this.box, faxDocumentId, bytes);
    await this.files.withManager(manager).insert(clinicId, { faxDocumentId, ...sealed });
  }

  /** The original bytes, or null when the document has none (yet, or any more). */
  async readFile(clinicId: string, faxDocumentId: string): Promise<Buffer | null> {
    const file = await this.files.findOneBy(clinicId, { faxDocumentId });
    return file ? openFaxContent(this.box, faxDocumentId, file) : null;
  }

  sealFields(faxId: string, fields: FaxExtractedData): string {
    return this.box.encrypt(JSON.stringify(fields), faxFieldContext(faxId, 'extracted_data_enc'));
  }

  openFields(doc: FaxDocument): FaxExtractedData | null {
    return doc.extractedDataEnc ? (JSON.parse(this.box.decrypt(doc.extractedDataEnc, faxFieldContext(doc.id, 'extracted_data_enc'))) as FaxExtractedData) : null;
  }

  sealText(faxId: string, column: 'matched_patient_name' | 'reject_reason_enc', text: string): string {
    return this.box.encrypt(text, faxFieldContext(faxId, column));
  }

  openText(faxId: string, column: 'matched_patient_name' | 'reject_reason_enc', ciphertext: string | null): string | null {
    return ciphertext ? this.box.decrypt(ciphertext, faxFieldContext(faxId, column)) : null;
  }

  /**
   * Moves a document from one of `from` to `to` with `patch`, atomically: answers false when
   * another worker or a staff member moved it first (the row is then left as it is).
   */
  async advance(clinicId: string, faxId: string, from: FaxStatus[], to: FaxStatus, patch: Partial<FaxDocument> = {}): Promise<boolean> {
    const result = await this.documents.repository
      .createQueryBuilder()
      .update(FaxDocument)
      .set({ ...patch, status: to } as never)
      .where('clinic_id = :clinicId AND id = :faxId AND status IN (:...from)', { clinicId, faxId, from })
      .execute();
    return (result.affected ?? 0) > 0;
  }
}
