import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { MoreThan, type Repository } from 'typeorm';
import { toE164 } from '../../../../libs/shared/src/phone.js';
import { waitlistDetailsContext, type WaitlistDetails } from '../calls/waitlist-details.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { SecretBox } from '../common/crypto/secret-box.js';
import { ConflictError, invalidFields } from '../common/errors/domain-error.js';
import { fieldLabel, phoneMessage } from '../common/validation/field-words.js';
import { DEFAULT_PAGE_SIZE, pageQuery, timestampKeySql, toPage, type ListOrder, type Page } from '../common/pagination/cursor.js';
import { ClinicScopedRepository } from '../database/clinic-scoped.repository.js';
import { WaitlistSource, WaitlistStatus } from '../database/enums.js';
import { ClinicsService } from './clinics.service.js';
import type { CreateWaitlistEntryDto, ListWaitlistQueryDto, UpdateWaitlistEntryDto } from './dto/waitlist.dto.js';
import { WaitlistEntry } from './waitlist-entry.entity.js';

const NEWEST_FIRST: ListOrder = { keys: [['w.created_at', 'timestamp']], id: 'w.id', direction: 'DESC' };

/** The waitlist workflow: where each status may go next. */
const NEXT: Record<WaitlistStatus, WaitlistStatus[]> = {
  [WaitlistStatus.Pending]: [WaitlistStatus.Contacted, WaitlistStatus.Declined],
  [WaitlistStatus.Contacted]: [WaitlistStatus.Registered, WaitlistStatus.Declined],
  [WaitlistStatus.Registered]: [],
  [WaitlistStatus.Declined]: [],
};

/** A status change the workflow does not allow (409, in plain words). */
export class WaitlistTransitionError extends ConflictError {
  constructor(from: WaitlistStatus, to: WaitlistStatus) {
    const why =
      NEXT[from].length === 0
        ? `This entry is already ${from}; it cannot change any more`
        : `A ${from} entry can become ${NEXT[from].join(' or ')}, not ${to}` +
          (from === WaitlistStatus.Pending && to === WaitlistStatus.Registered ? ' (contact the patient first)' : '');
    super(why, [{ field: 'status', message: why }]);
  }
}

export interface NewWaitlistEntry {
  firstName: string;
  lastName: string;
  phone: string;
  email?: string | null;
  notes?: string | null;
  details?: WaitlistDetails | null;
  source: WaitlistSource;
  vapiCallId?: string | null;
}

/**
 * New-patient waitlist (SPEC §3, §9): entries from callers (voice registrations) and from staff,
 * the status workflow, and the registration details, encrypted at rest and decrypted only for
 * an entry's detail.
 */
@Injectable()
export class WaitlistService {
  private readonly entries: ClinicScopedRepository<WaitlistEntry>;

  constructor(
    @InjectRepository(WaitlistEntry) repository: Repository<WaitlistEntry>,
    private readonly clinics: ClinicsService,
    private readonly box: SecretBox,
  ) {
    this.entries = new ClinicScopedRepository(repository);
  }

  /** Newest first, optionally by status. */
  async list(actor: AuthUser | undefined, clinicId: string, query: ListWaitlistQueryDto): Promise<Page<WaitlistEntry>> {
    await this.clinics.assertReachable(actor, clinicId);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const qb = pageQuery(this.entries.createQueryBuilder(clinicId, 'w'), NEWEST_FIRST, query.cursor, limit);
    if (query.status) qb.andWhere('w.status = :status', { status: query.status });
    qb.addSelect(timestampKeySql('w.created_at'), 'cursor_created_at');
    const { entities, raw } = await qb.getRawAndEntities<{ cursor_created_at: string }>();
    const rows = entities.map((entry, index) => ({ entry, createdAt: raw[index].cursor_created_at }));
    return toPage(rows, limit, (row) => ({ keys: [row.createdAt], id: row.entry.id }), (row) => row.entry);
  }

  /** One entry with its decrypted details (the clinic's staff only; never logged). */
  async get(actor: AuthUser | undefined, clinicId: string, entryId: string): Promise<{ entry: WaitlistEntry; details: WaitlistDetails | null }> {
    await this.clinics.assertReachable(actor, clinicId);
    const entry = await this.entries.findOneByOrFail(clinicId, { id: entryId }, 'Waitlist entry');
    return { entry, details: this.reveal(entry) };
  }

  /** Staff add a patient by hand (source `console`). */
  async create(actor: AuthUser | undefined, clinicId: string, input: CreateWaitlistEntryDto) {
    await this.clinics.assertReachable(actor, clinicId);
    const phone = toE164(input.phone);
    // the DTO refused anything else with the request's other problems; a caller in code gets the same words
    if (!phone) throw invalidFields([{ field: 'phone', message: phoneMessage(fieldLabel('phone').label) }]);
    const id = await this.add(clinicId, { ...input, phone, source: WaitlistSource.Console });
    return this.get(actor, clinicId, id);
  }

  /** Moves the entry along the workflow (stamping contactedAt / registeredAt) and/or replaces its notes. */
  async update(actor: AuthUser | undefined, clinicId: string, entryId: string, input: UpdateWaitlistEntryDto) {
    await this.clinics.assertReachable(actor, clinicId);
    const entry = await this.entries.findOneByOrFail(clinicId, { id: entryId }, 'Waitlist entry');
    const changes: Partial<WaitlistEntry> = {};
    if (input.status !== undefined && input.status !== entry.status) {
      if (!NEXT[entry.status].includes(input.status)) throw new WaitlistTransitionError(entry.status, input.status);
      changes.status = input.status;
      if (input.status === WaitlistStatus.Contacted) changes.contactedAt = new Date();
      if (input.status === WaitlistStatus.Registered) changes.registeredAt = new Date();
    }
    if (input.notes !== undefined) changes.notes = input.notes;
    if (Object.keys(changes).length) {
      // the status in the WHERE: of two staff moving the same entry at once, the second gets a 409
      const where = changes.status ? { id: entryId, status: entry.status } : { id: entryId };
      const updated = await this.entries.update(clinicId, where, changes);
      if (!updated.affected) throw new ConflictError('The entry was changed by someone else; reload it and try again');
    }
    return this.get(actor, clinicId, entryId);
  }

  // ---- for the voice webhook (no access check: it acts for the clinic it resolved) ----

  /** A new pending entry with its details encrypted and bound to its id; answers the id. */
  async add(clinicId: string, entry: NewWaitlistEntry): Promise<string> {
    const id = randomUUID();
    await this.entries.insert(clinicId, {
      id,
      firstName: entry.firstName,
      lastName: entry.lastName,
      phone: entry.phone,
      email: entry.email ?? null,
      notes: entry.notes ?? null,
      status: WaitlistStatus.Pending,
      source: entry.source,
      vapiCallId: entry.vapiCallId ?? null,
      detailsEnc: entry.details ? this.box.encrypt(JSON.stringify(entry.details), waitlistDetailsContext(id)) : null,
    });
    return id;
  }

  /** Voice registrations kept with details since `since` (the clinic's `maxNewPatientsPerWeek`). */
  countVoiceRegistrationsSince(clinicId: string, since: Date): Promise<number> {
    return this.entries.countBy(clinicId, { source: WaitlistSource.Voice, detailsEnc: MoreThan(''), createdAt: MoreThan(since) });
  }

  private reveal(entry: WaitlistEntry): WaitlistDetails | null {
    if (!entry.detailsEnc) return null;
    return JSON.parse(this.box.decrypt(entry.detailsEnc, waitlistDetailsContext(entry.id))) as WaitlistDetails;
  }
}
