import { Injectable, Logger } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { ClinicConfigService } from '../clinics/clinic-config.service.js';
import { NotFoundInClinicError } from '../common/errors/domain-error.js';
import { FaxStatus } from '../database/enums.js';
import { EmrError, EmrInvalidError, EmrNotConfiguredError, EmrNotSupportedError } from '../emr/emr-errors.js';
import { JobQueue, type JobAttempt } from '../jobs/job-queue.js';
import { notificationLinks } from '../../../../libs/shared/src/notification-links.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import type { FaxDocument } from './fax-document.entity.js';
import type { ClinicConfig } from '../clinics/clinic-config.entity.js';
import { OfflineFaxExtractor, type FaxExtractionProvider, type FaxExtractionResult } from './fax-extraction.js';
import { AnthropicFaxExtractor } from './fax-extraction-anthropic.js';
import { GoogleFaxExtractor } from './fax-extraction-google.js';
import { OpenAiFaxExtractor } from './fax-extraction-openai.js';
import { FAX_PROCESS_JOB, type FaxProcessJob } from './fax-jobs.js';
import { DEFAULT_AUTO_MATCH_THRESHOLD, FaxMatcher } from './fax-matching.js';
import { FaxReader, FaxUnreadableError, type FaxPageText } from './fax-reader.js';
import { FaxStore } from './fax-store.js';

/**
 * `fax.process`, on the job queue: pending → processing → extracted → matched | needs_review, or
 * failed with the reason in plain words. Each step is written before the next starts, so a job
 * that runs again (a retry, or a worker that died and whose job expired) continues where the
 * last one stopped: a document still `processing` is read again, one `extracted` is only matched.
 * Reading runs in the reader's worker thread; transient failures (reader crashed, EMR away)
 * throw and are retried with backoff; the last attempt records the reason instead.
 */
@Injectable()
export class FaxPipeline {
  private readonly logger = new Logger('FaxPipeline');

  constructor(
    queue: JobQueue,
    private readonly store: FaxStore,
    private readonly reader: FaxReader,
    private readonly offline: OfflineFaxExtractor,
    private readonly openai: OpenAiFaxExtractor,
    private readonly anthropic: AnthropicFaxExtractor,
    private readonly google: GoogleFaxExtractor,
    private readonly matcher: FaxMatcher,
    private readonly configs: ClinicConfigService,
    private readonly notifications: NotificationsService,
  ) {
    queue.register<FaxProcessJob>({
      name: FAX_PROCESS_JOB,
      retryLimit: 4,
      retryDelaySeconds: 5,
      retryDelayMaxSeconds: 300,
      // a document of many scanned pages takes a while; an attempt still running after this is retried
      expireInSeconds: 600,
      handle: (attempt) => this.process(attempt),
    });
  }

  async process(attempt: JobAttempt<FaxProcessJob>): Promise<void> {
    const { clinicId, faxId } = attempt.data;
    const found = await this.store.find(clinicId, faxId);
    if (!found) return;
    let doc: FaxDocument = found;
    if (doc.status === FaxStatus.Pending) {
      await this.store.advance(clinicId, faxId, [FaxStatus.Pending], FaxStatus.Processing, { errorMessage: null });
      doc = { ...doc, status: FaxStatus.Processing };
    }
    try {
      if (doc.status === FaxStatus.Processing) {
        const extracted = await this.extract(doc);
        if (!extracted) return;
        doc = extracted;
      }
      if (doc.status === FaxStatus.Extracted) await this.match(doc, attempt.isLastAttempt);
    } catch (error) {
      if (error instanceof FaxUnreadableError) {
        await this.fail(doc, error.message);
        return;
      }
      if (attempt.isLastAttempt) {
        await this.fail(doc, 'The document could not be read after several attempts. Try uploading it again.');
        return;
      }
      throw error;
    }
  }

  private async extract(doc: FaxDocument): Promise<FaxDocument | null> {
    const bytes = await this.store.readFile(doc.clinicId, doc.id);
    if (!bytes || !doc.mimeType) throw new FaxUnreadableError('The document has no file to read.');
    const reading = await this.reader.read(bytes, doc.mimeType);
    const extraction = await this.extractFields(doc, reading.pages);
    const patch: Partial<FaxDocument> = {
      pageCount: reading.pageCount,
      documentType: extraction.documentType,
      extractedDataEnc: this.store.sealFields(doc.id, extraction.fields),
      extractionProvider: extraction.provider,
      extractionModel: extraction.model,
      extractionCostCents: extraction.costCents,
      extractionNote: extraction.note,
      processedAt: new Date(),
    };
    if (!(await this.store.advance(doc.clinicId, doc.id, [FaxStatus.Processing], FaxStatus.Extracted, patch))) return null;
    this.logger.log({ clinicId: doc.clinicId, faxId: doc.id, pageCount: reading.pageCount, provider: extraction.provider, ocrPages: reading.pages.filter((p) => p.ocr).length }, 'fax document read');
    return { ...doc, ...patch, status: FaxStatus.Extracted };
  }

  /**
   * The clinic's provider: offline, unless the clinic opted in to an outside vendor (a platform
   * admin's setting) that this server has a key for. A vendor that fails falls back to the offline
   * reader, and the note says so.
   */
  private async extractFields(doc: FaxDocument, pages: FaxPageText[]): Promise<FaxExtractionResult> {
    const vendor = (await this.clinicConfig(doc.clinicId))?.faxExtractionVendor ?? null;
    if (!vendor) return this.offline.extract(pages);
    const name = VENDOR_NAMES[vendor] ?? vendor;
    const vendorProvider = ({ openai: this.openai, anthropic: this.anthropic, google: this.google } as Record<string, (FaxExtractionProvider & { configured: boolean }) | undefined>)[vendor];
    const provider: FaxExtractionProvider | null = vendorProvider?.configured ? vendorProvider : null;
    if (!provider) return withNote(await this.offline.extract(pages), `The clinic allows ${name} to read its faxes, but ${name} is not set up on this server, so the document was read offline.`);
    try {
      return await provider.extract(pages);
    } catch (error) {
      this.logger.warn({ clinicId: doc.clinicId, faxId: doc.id, vendor, error: (error as Error).name }, 'fax vendor failed: read offline');
      return withNote(await this.offline.extract(pages), `${name} could not read the document, so it was read offline instead.`);
    }
  }

  private async match(doc: FaxDocument, lastAttempt: boolean): Promise<void> {
    const fields = this.store.openFields(doc);
    const threshold = await this.threshold(doc.clinicId);
    let result;
    try {
      result = fields && (fields.phn || (fields.patientFirstName && fields.patientLastName)) ? await this.matcher.match(doc.clinicId, fields, threshold) : { candidates: [], best: null };
    } catch (error) {
      // the EMR away, slow or paused by its breaker: the job tries again later (configuration problems do not pass by themselves)
      if (error instanceof EmrError && !lastAttempt && !(error instanceof EmrNotConfiguredError || error instanceof EmrNotSupportedError || error instanceof EmrInvalidError)) throw error;
      // the EMR cannot be searched: staff pick the chart themselves
      await this.toReview(doc, [], `The clinic's EMR could not be searched (${error instanceof EmrError ? error.message : 'unexpected error'}); choose the patient's chart by hand.`);
      return;
    }
    const candidates = result.candidates.map(({ demographicId, method, confidence }) => ({ demographicId, method, confidence }));
    if (result.best) {
      await this.store.advance(doc.clinicId, doc.id, [FaxStatus.Extracted], FaxStatus.Matched, {
        candidates,
        matchedPatientId: result.best.demographicId,
        matchedPatientName: this.store.sealText(doc.id, 'matched_patient_name', result.best.name),
        matchMethod: result.best.method,
        matchConfidence: result.best.confidence,
      });
      this.logger.log({ clinicId: doc.clinicId, faxId: doc.id, method: result.best.method, confidence: result.best.confidence }, 'fax document matched');
      return;
    }
    await this.toReview(doc, candidates, null);
  }

  private async toReview(doc: FaxDocument, candidates: { demographicId: string; method: string; confidence: number }[], note: string | null): Promise<void> {
    const top = candidates[0];
    const moved = await this.store.advance(doc.clinicId, doc.id, [FaxStatus.Extracted], FaxStatus.NeedsReview, {
      candidates,
      matchMethod: top?.method ?? null,
      matchConfidence: top?.confidence ?? null,
      ...(note ? { extractionNote: [doc.extractionNote, note].filter(Boolean).join(' ') } : {}),
    });
    if (moved) await this.notifyReview(doc);
  }

  /** One "needs review" notification per document to the clinic's staff, whichever replica gets here first. */
  private async notifyReview(doc: FaxDocument): Promise<void> {
    const claimed = await this.store.documents.update(doc.clinicId, { id: doc.id, reviewNotifiedAt: IsNull() }, { reviewNotifiedAt: new Date() });
    if (!claimed.affected) return;
    const staff = await this.notifications.activeClinicStaffIds(doc.clinicId);
    await this.notifications.send(staff, {
      type: 'fax_needs_review',
      title: 'A fax needs review',
      message: 'A fax document could not be matched to a patient with enough confidence. Choose the chart in the fax inbox.',
      link: notificationLinks.fax(doc.clinicId, doc.id),
    });
  }

  private async fail(doc: FaxDocument, reason: string): Promise<void> {
    await this.store.advance(doc.clinicId, doc.id, [FaxStatus.Pending, FaxStatus.Processing, FaxStatus.Extracted], FaxStatus.Failed, { errorMessage: reason });
    this.logger.warn({ clinicId: doc.clinicId, faxId: doc.id }, 'fax document failed');
  }

  private async threshold(clinicId: string): Promise<number> {
    return (await this.clinicConfig(clinicId))?.faxAutoMatchThreshold ?? DEFAULT_AUTO_MATCH_THRESHOLD;
  }

  private async clinicConfig(clinicId: string): Promise<ClinicConfig | null> {
    try {
      return await this.configs.read(clinicId);
    } catch (error) {
      if (error instanceof NotFoundInClinicError) return null;
      throw error;
    }
  }
}

const VENDOR_NAMES: Record<string, string> = { openai: 'OpenAI', anthropic: 'Anthropic', google: 'Google' };

function withNote(result: FaxExtractionResult, note: string): FaxExtractionResult {
  return { ...result, note: [note, result.note].filter(Boolean).join(' ') };
}
