import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type Telnyx from 'telnyx';
import type { Repository } from 'typeorm';
import { ClinicConfig } from '../clinics/clinic-config.entity.js';
import { SecretBox } from '../common/crypto/secret-box.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { FaxStatus } from '../database/enums.js';
import { JobQueue, type JobAttempt } from '../jobs/job-queue.js';
import { TelnyxEventHandlers, type TelnyxEvent, type TelnyxEventOutcome } from '../sms/telnyx-events.js';
import { FAX_MAX_BYTES, sha256Hex, sniffFaxType } from './fax-content.js';
import { FAX_FETCH_JOB, FAX_PROCESS_JOB, type FaxFetchJob, type FaxProcessJob } from './fax-jobs.js';
import { isUniqueViolation } from './fax-intake.service.js';
import { FaxStore } from './fax-store.js';

const MEDIA_URL_CONTEXT = 'fax.fetch.media_url';
const DOWNLOAD_TIMEOUT_MS = 30_000;

/** A download that may work on a later attempt (network, 5xx, Telnyx unreachable). */
class FaxDownloadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FaxDownloadError';
  }
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

/**
 * Inbound faxes from Telnyx (reference/telnyx.md §3). `fax.received` to a clinic's `faxNumber`
 * makes a pending document (one per `fax_id`: a duplicate delivery changes nothing) and, in the
 * same transaction, a `fax.fetch` job that downloads the PDF at once with a plain GET of the
 * pre-signed `media_url`; an expired link is refreshed through the SDK (`faxes.actions.refresh`,
 * then `faxes.retrieve`). The link travels encrypted: it opens a patient's document.
 */
@Injectable()
export class FaxTelnyxIntake {
  private readonly logger = new Logger('FaxTelnyx');
  private client: Telnyx | undefined;

  constructor(
    handlers: TelnyxEventHandlers,
    private readonly queue: JobQueue,
    private readonly store: FaxStore,
    private readonly box: SecretBox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectRepository(ClinicConfig) private readonly configs: Repository<ClinicConfig>,
  ) {
    handlers.register('fax.', (event) => this.onEvent(event));
    queue.register<FaxFetchJob>({
      name: FAX_FETCH_JOB,
      retryLimit: 5,
      retryDelaySeconds: 5,
      retryDelayMaxSeconds: 300,
      expireInSeconds: 120,
      handle: (attempt) => this.fetch(attempt),
    });
  }

  private async onEvent(event: TelnyxEvent): Promise<TelnyxEventOutcome> {
    if (event.eventType !== 'fax.received') return 'ignored';
    const p = event.payload;
    const faxId = text(p.fax_id);
    const to = text(p.to);
    if (!faxId || !to || p.direction === 'outbound') return 'ignored';
    const config = await this.configs.findOne({ where: { faxNumber: to } });
    if (!config) {
      this.logger.log('inbound fax to a number no clinic receives on: ignored');
      return 'ignored';
    }
    const clinicId = config.clinicId;
    const mediaUrl = text(p.media_url);
    let created: string;
    try {
      created = await this.store.dataSource.transaction(async (manager) => {
        const docs = this.store.documents.withManager(manager);
        const doc = await docs.save(clinicId, docs.create(clinicId, {
          status: FaxStatus.Pending,
          source: 'telnyx',
          telnyxFaxId: faxId,
          senderFaxNumber: text(p.from),
          receivedAt: event.occurredAt,
          pageCount: typeof p.page_count === 'number' ? p.page_count : null,
        }));
        const job: FaxFetchJob = { clinicId, faxId: doc.id, mediaUrlEnc: mediaUrl ? this.box.encrypt(mediaUrl, MEDIA_URL_CONTEXT) : null };
        await this.queue.send<FaxFetchJob>(FAX_FETCH_JOB, job, { manager });
        return doc.id;
      });
    } catch (error) {
      if (isUniqueViolation(error)) return 'duplicate';
      throw error;
    }
    this.queue.wake(FAX_FETCH_JOB);
    this.logger.log({ clinicId, faxId: created }, 'inbound fax received');
    return 'processed';
  }

  /** `fax.fetch`: the PDF from Telnyx into the encrypted store, then queued for reading. Idempotent. */
  async fetch(attempt: JobAttempt<FaxFetchJob>): Promise<void> {
    const { clinicId, faxId } = attempt.data;
    const doc = await this.store.find(clinicId, faxId);
    if (!doc || doc.status !== FaxStatus.Pending) return;
    if (await this.store.files.existsBy(clinicId, { faxDocumentId: faxId })) return;
    let bytes: Buffer | null;
    try {
      const first = attempt.data.mediaUrlEnc ? this.box.decrypt(attempt.data.mediaUrlEnc, MEDIA_URL_CONTEXT) : null;
      bytes = first ? await download(first) : null;
      if (!bytes && doc.telnyxFaxId) bytes = await download(await this.refreshedMediaUrl(doc.telnyxFaxId));
      if (!bytes) throw new FaxDownloadError('Telnyx has no document for this fax');
    } catch (error) {
      if (!attempt.isLastAttempt) throw error;
      await this.store.advance(clinicId, faxId, [FaxStatus.Pending], FaxStatus.Failed, { errorMessage: 'The fax could not be downloaded from Telnyx.' });
      this.logger.warn({ clinicId, faxId, error: (error as Error).name }, 'inbound fax not downloaded');
      return;
    }
    const mimeType = sniffFaxType(bytes);
    if (bytes.length > FAX_MAX_BYTES || mimeType !== 'application/pdf') {
      const reason = mimeType ? 'The fax is larger than 20 MB.' : 'Telnyx sent a file that is not a PDF.';
      await this.store.advance(clinicId, faxId, [FaxStatus.Pending], FaxStatus.Failed, { errorMessage: reason });
      return;
    }
    const checksumSha256 = sha256Hex(bytes);
    try {
      await this.store.dataSource.transaction(async (manager) => {
        await this.store.documents.withManager(manager).update(clinicId, { id: faxId }, { mimeType, sizeBytes: bytes.length, checksumSha256 });
        await this.store.saveFile(manager, clinicId, faxId, bytes);
        await this.queue.send<FaxProcessJob>(FAX_PROCESS_JOB, { clinicId, faxId }, { manager });
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      await this.store.advance(clinicId, faxId, [FaxStatus.Pending], FaxStatus.Failed, { errorMessage: 'The same document is already in the inbox.' });
      return;
    }
    this.queue.wake(FAX_PROCESS_JOB);
    this.logger.log({ clinicId, faxId, sizeBytes: bytes.length }, 'inbound fax downloaded');
  }

  /** A fresh `media_url` for an inbound fax whose link expired (refresh, then read the fax). */
  private async refreshedMediaUrl(telnyxFaxId: string): Promise<string> {
    if (!this.config.telnyxApiKey) throw new FaxDownloadError('TELNYX_API_KEY is not configured');
    const { default: TelnyxClient } = await import('telnyx'); // loaded on first use (texts load it too)
    this.client ??= new TelnyxClient({ apiKey: this.config.telnyxApiKey, baseURL: this.config.telnyxBaseUrl, maxRetries: 1, timeout: 15_000, logLevel: 'off' });
    await this.client.faxes.actions.refresh(telnyxFaxId);
    const fax = await this.client.faxes.retrieve(telnyxFaxId);
    const url = fax.data?.media_url;
    if (!url) throw new FaxDownloadError('Telnyx answered no media_url');
    return url;
  }
}

/**
 * A plain GET of a pre-signed link (no Telnyx credentials go to it). An expired or refused link
 * (400/403/404/410) is null; anything else that fails is worth a retry.
 */
async function download(url: string): Promise<Buffer | null> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS), redirect: 'follow' });
  } catch {
    throw new FaxDownloadError('the fax document could not be fetched');
  }
  if ([400, 401, 403, 404, 410].includes(response.status)) {
    await response.body?.cancel();
    return null;
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new FaxDownloadError(`the fax document link answered ${response.status}`);
  }
  const bytes = Buffer.from(await response.arrayBuffer());
  return bytes.length ? bytes : null;
}
