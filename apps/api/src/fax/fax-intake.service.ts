import { Injectable, Logger } from '@nestjs/common';
import type { AuthUser } from '../common/auth/auth-user.js';
import { ClinicsService } from '../clinics/clinics.service.js';
import { FaxStatus } from '../database/enums.js';
import { JobQueue } from '../jobs/job-queue.js';
import { FAX_MAX_BYTES, sha256Hex, sniffFaxType } from './fax-content.js';
import type { FaxDocument } from './fax-document.entity.js';
import { FaxFileMissingError, FaxTooLargeError, FaxUnsupportedTypeError } from './fax-errors.js';
import { FAX_PROCESS_JOB, type FaxProcessJob } from './fax-jobs.js';
import { FaxStore } from './fax-store.js';

export interface UploadedFax {
  buffer: Buffer;
  originalname?: string;
  size: number;
}

/** The Postgres error of a unique index (the same document stored twice at once). */
function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === '23505' || (error as { driverError?: { code?: string } } | null)?.driverError?.code === '23505';
}

/**
 * Documents coming in: an upload by staff (PDF or TIFF recognised by its bytes, at most 20 MB)
 * is stored encrypted with its checksum and queued for reading in one transaction, so a document
 * is never stored without its job nor queued without its bytes. The same bytes uploaded again to
 * the same clinic answer the document already there.
 */
@Injectable()
export class FaxIntakeService {
  private readonly logger = new Logger('FaxIntake');

  constructor(
    private readonly store: FaxStore,
    private readonly clinics: ClinicsService,
    private readonly queue: JobQueue,
  ) {}

  async upload(actor: AuthUser | undefined, clinicId: string, file: UploadedFax | undefined): Promise<{ document: FaxDocument; created: boolean }> {
    await this.clinics.assertReachable(actor, clinicId);
    if (!file || !file.buffer?.length) throw new FaxFileMissingError();
    if (file.size > FAX_MAX_BYTES || file.buffer.length > FAX_MAX_BYTES) throw new FaxTooLargeError(FAX_MAX_BYTES);
    const mimeType = sniffFaxType(file.buffer);
    if (!mimeType) throw new FaxUnsupportedTypeError();
    const checksumSha256 = sha256Hex(file.buffer);
    const existing = await this.store.findByChecksum(clinicId, checksumSha256);
    if (existing) return { document: existing, created: false };
    try {
      const document = await this.store.dataSource.transaction(async (manager) => {
        const docs = this.store.documents.withManager(manager);
        const doc = await docs.save(clinicId, docs.create(clinicId, {
          status: FaxStatus.Pending,
          source: 'upload',
          originalFilename: safeFilename(file.originalname),
          mimeType,
          sizeBytes: file.buffer.length,
          checksumSha256,
          receivedAt: new Date(),
        }));
        await this.store.saveFile(manager, clinicId, doc.id, file.buffer);
        await this.queue.send<FaxProcessJob>(FAX_PROCESS_JOB, { clinicId, faxId: doc.id }, { manager });
        return doc;
      });
      this.queue.wake(FAX_PROCESS_JOB);
      this.logger.log({ clinicId, faxId: document.id, mimeType, sizeBytes: file.buffer.length }, 'fax document uploaded');
      return { document, created: true };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const raced = await this.store.findByChecksum(clinicId, checksumSha256);
      if (!raced) throw error;
      return { document: raced, created: false };
    }
  }
}

/** The file name as given, without any path, bounded (it is shown to staff, never used on disk). */
function safeFilename(name: string | undefined): string | null {
  if (!name) return null;
  const base = name.split(/[\\/]/).pop()?.trim() ?? '';
  return base ? base.slice(0, 200) : null;
}

export { isUniqueViolation };
