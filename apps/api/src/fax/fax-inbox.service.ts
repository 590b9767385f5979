import { Injectable, Logger } from '@nestjs/common';
import type { AuthUser } from '../common/auth/auth-user.js';
import { requireActor } from '../clinics/clinic-access.js';
import { ClinicsService } from '../clinics/clinics.service.js';
import { DEFAULT_PAGE_SIZE, pageQuery, timestampKeySql, toPage, type ListOrder, type Page } from '../common/pagination/cursor.js';
import { AuditService } from '../audit/audit.service.js';
import { AuditOutcome, type AuditAction } from '../audit/audit-vocabulary.js';
import { invalidFields } from '../common/errors/domain-error.js';
import { FaxStatus } from '../database/enums.js';
import { EmrAdapterFactory } from '../emr/emr-adapter.factory.js';
import type { FaxDocument } from './fax-document.entity.js';
import { FaxStateError } from './fax-errors.js';
import { chartDisplayName } from './fax-matching.js';
import { FaxReader } from './fax-reader.js';
import { FaxStore, type FaxExtractedData } from './fax-store.js';

const NEWEST_FIRST: ListOrder = { keys: [['f.created_at', 'timestamp']], id: 'f.id', direction: 'DESC' };

/** A document as staff see it: the row plus its decrypted fields (in memory, for one answer). */
export interface FaxView {
  document: FaxDocument;
  extractedData: FaxExtractedData | null;
  matchedPatientName: string | null;
}

/** Statuses staff may still decide on (verify, correct, reject). */
const DECIDABLE = [FaxStatus.Extracted, FaxStatus.Matched, FaxStatus.NeedsReview, FaxStatus.Verified, FaxStatus.Failed];

/**
 * The clinic's fax inbox for its staff: lists, one document with its fields, the original and its
 * pages (every view audited: a document is PHI), and the staff's decisions — verify a chart (the
 * suggested one or another: a correction), or reject the document (→ archived with the reason).
 */
@Injectable()
export class FaxInboxService {
  private readonly logger = new Logger('FaxInbox');

  constructor(
    private readonly store: FaxStore,
    private readonly clinics: ClinicsService,
    private readonly reader: FaxReader,
    private readonly audit: AuditService,
    private readonly emr: EmrAdapterFactory,
  ) {}

  async list(actor: AuthUser | undefined, clinicId: string, query: { status?: FaxStatus; cursor?: string; limit?: number }): Promise<Page<FaxDocument>> {
    await this.clinics.assertReachable(actor, clinicId);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const qb = pageQuery(this.store.documents.createQueryBuilder(clinicId, 'f'), NEWEST_FIRST, query.cursor, limit);
    if (query.status) qb.andWhere('f.status = :status', { status: query.status });
    qb.addSelect(timestampKeySql('f.created_at'), 'cursor_created_at');
    const { entities, raw } = await qb.getRawAndEntities<{ cursor_created_at: string }>();
    const rows = entities.map((doc, index) => ({ doc, createdAt: raw[index].cursor_created_at }));
    return toPage(rows, limit, (row) => ({ keys: [row.createdAt], id: row.doc.id }), (row) => row.doc);
  }

  /** How many documents the clinic has in each status (the inbox's tabs). */
  async counts(actor: AuthUser | undefined, clinicId: string): Promise<Record<FaxStatus, number>> {
    await this.clinics.assertReachable(actor, clinicId);
    const rows = await this.store.documents
      .createQueryBuilder(clinicId, 'f')
      .select('f.status', 'status')
      .addSelect('COUNT(*)::int', 'count')
      .groupBy('f.status')
      .getRawMany<{ status: FaxStatus; count: number }>();
    const counts = Object.fromEntries(Object.values(FaxStatus).map((s) => [s, 0])) as Record<FaxStatus, number>;
    for (const row of rows) counts[row.status] = row.count;
    return counts;
  }

  async get(actor: AuthUser | undefined, clinicId: string, faxId: string): Promise<FaxView> {
    const user = await this.reach(actor, clinicId);
    const document = await this.store.findOrFail(clinicId, faxId);
    await this.record(user, 'fax.view', document, { what: 'fields' });
    return this.view(document);
  }

  /** The original bytes and their type. */
  async file(actor: AuthUser | undefined, clinicId: string, faxId: string): Promise<{ bytes: Buffer; mimeType: string; filename: string }> {
    const user = await this.reach(actor, clinicId);
    const document = await this.store.findOrFail(clinicId, faxId);
    const bytes = await this.store.readFile(clinicId, faxId);
    if (!bytes) throw new FaxStateError('This document has no file yet: it is still being received.');
    await this.record(user, 'fax.view', document, { what: 'file' });
    const mimeType = document.mimeType ?? 'application/pdf';
    return { bytes, mimeType, filename: `fax-${document.id}.${mimeType === 'image/tiff' ? 'tif' : 'pdf'}` };
  }

  /** Page `n` (from 1) as a PNG, rendered in the reader's worker thread. */
  async page(actor: AuthUser | undefined, clinicId: string, faxId: string, n: number): Promise<Buffer> {
    const user = await this.reach(actor, clinicId);
    const document = await this.store.findOrFail(clinicId, faxId);
    if (document.pageCount !== null && (n < 1 || n > document.pageCount)) {
      throw invalidFields([{ field: 'n', message: `The document has ${document.pageCount} page${document.pageCount === 1 ? '' : 's'}` }]);
    }
    const bytes = await this.store.readFile(clinicId, faxId);
    if (!bytes || !document.mimeType) throw new FaxStateError('This document has no file yet: it is still being received.');
    const png = await this.reader.renderPage(bytes, document.mimeType, n);
    await this.record(user, 'fax.view', document, { what: 'page', page: n });
    return png;
  }

  /** Staff confirm the chart (the suggested one, or another: a correction). */
  async verify(actor: AuthUser | undefined, clinicId: string, faxId: string, demographicId: string): Promise<FaxView> {
    const user = await this.reach(actor, clinicId);
    const document = await this.store.findOrFail(clinicId, faxId);
    if (!DECIDABLE.includes(document.status)) throw new FaxStateError(`A document that is ${document.status.replace('_', ' ')} cannot be verified.`);
    const patient = await this.chart(clinicId, demographicId);
    const corrected = document.matchedPatientId !== null && document.matchedPatientId !== demographicId;
    const candidate = document.candidates?.find((c) => c.demographicId === demographicId);
    const moved = await this.store.advance(clinicId, faxId, [document.status], FaxStatus.Verified, {
      matchedPatientId: demographicId,
      matchedPatientName: this.store.sealText(faxId, 'matched_patient_name', patient),
      matchMethod: candidate?.method ?? (demographicId === document.matchedPatientId ? document.matchMethod : null),
      matchConfidence: candidate?.confidence ?? (demographicId === document.matchedPatientId ? document.matchConfidence : null),
      matchVerified: true,
      matchVerifiedBy: user.id,
      matchVerifiedAt: new Date(),
      errorMessage: null,
    });
    if (!moved) throw new FaxStateError('The document changed meanwhile: reload it and try again.');
    this.logger.log({ clinicId, faxId, corrected, method: candidate?.method ?? null }, 'fax document verified');
    return this.view(await this.store.findOrFail(clinicId, faxId));
  }

  /** Staff reject the document (not for this clinic, unreadable, a duplicate): archived with the reason. */
  async reject(actor: AuthUser | undefined, clinicId: string, faxId: string, reason: string): Promise<FaxView> {
    const user = await this.reach(actor, clinicId);
    const document = await this.store.findOrFail(clinicId, faxId);
    if (document.status === FaxStatus.Archived) throw new FaxStateError('The document is already archived.');
    if (document.status === FaxStatus.Processing || document.status === FaxStatus.Pending) throw new FaxStateError('The document is still being read: reject it once it is done.');
    const moved = await this.store.advance(clinicId, faxId, [document.status], FaxStatus.Archived, {
      rejectReasonEnc: this.store.sealText(faxId, 'reject_reason_enc', reason),
      matchVerified: false,
      matchVerifiedBy: user.id,
      matchVerifiedAt: new Date(),
      archivedAt: new Date(),
    });
    if (!moved) throw new FaxStateError('The document changed meanwhile: reload it and try again.');
    this.logger.log({ clinicId, faxId }, 'fax document rejected');
    return this.view(await this.store.findOrFail(clinicId, faxId));
  }

  view(document: FaxDocument): FaxView {
    return {
      document,
      extractedData: this.store.openFields(document),
      matchedPatientName: this.store.openText(document.id, 'matched_patient_name', document.matchedPatientName),
    };
  }

  rejectReason(document: FaxDocument): string | null {
    return this.store.openText(document.id, 'reject_reason_enc', document.rejectReasonEnc);
  }

  private async reach(actor: AuthUser | undefined, clinicId: string): Promise<AuthUser> {
    await this.clinics.assertReachable(actor, clinicId);
    return requireActor(actor);
  }

  /** The chart's display name, checked in the EMR (a chart that does not exist cannot be chosen). */
  private async chart(clinicId: string, demographicId: string): Promise<string> {
    const number = Number(demographicId);
    if (!/^\d{1,10}$/.test(demographicId) || !Number.isSafeInteger(number) || number < 1) {
      throw invalidFields([{ field: 'demographicId', message: 'Patient must be an OSCAR demographic number (digits only)' }]);
    }
    const patient = await (await this.emr.forClinic(clinicId)).getPatient(number);
    if (!patient) throw invalidFields([{ field: 'demographicId', message: 'There is no chart with this number in the clinic’s EMR' }]);
    return chartDisplayName(patient);
  }

  private async record(user: AuthUser, action: AuditAction, document: FaxDocument, details: Record<string, unknown>): Promise<void> {
    await this.audit.record({
      action,
      outcome: AuditOutcome.Success,
      actor: { type: 'user', id: user.id, email: user.email },
      resource: 'clinics/faxes',
      resourceId: document.id,
      clinicId: document.clinicId,
      details,
    });
  }
}
