import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { Brackets, DataSource, type EntityManager, type Repository } from 'typeorm';
import { isPlatformAdmin, type AuthUser } from '../common/auth/auth-user.js';
import { ConflictError, NotFoundInClinicError } from '../common/errors/domain-error.js';
import { DEFAULT_PAGE_SIZE, pageQuery, toPage, type ListOrder, type Page } from '../common/pagination/cursor.js';
import { ClinicScopedRepository } from '../database/clinic-scoped.repository.js';
import { uniqueViolation } from '../database/db-errors.js';
import { ClinicStatus } from '../database/enums.js';
import { ClinicConfigEvents } from './clinic-config-events.js';
import { ClinicConfig } from './clinic-config.entity.js';
import { ClinicHours } from './clinic-hours.entity.js';
import { Clinic } from './clinic.entity.js';
import { AdminOnlyFieldsError, assertClinicReach, assertPlatformAdmin, requireActor } from './clinic-access.js';
import { DEFAULT_CLINIC_HOURS, slugify } from './clinic-defaults.js';
import type { CreateClinicDto, ListClinicsQueryDto, UpdateClinicDto } from './dto/clinic.dto.js';
import { OnboardingProgress } from './onboarding-progress.entity.js';
import { clinicStatusMoveRefusal } from '../../../../libs/shared/src/clinic-lifecycle.js';

/** Clinic fields only a platform admin may change. */
export const ADMIN_ONLY_CLINIC_FIELDS = ['slug', 'vapiPhone', 'status'] as const;

/** Clinics are listed by name. */
const BY_NAME: ListOrder = { keys: [['c.name', 'text']], id: 'c.id' };

const CLINIC_FIELDS = ['name', 'phone', 'phones', 'address', 'city', 'province', 'postalCode', 'timezone', ...ADMIN_ONLY_CLINIC_FIELDS] as const;

/** Provisioning and editing clinics. Clinics are never deleted (status `inactive`). */
@Injectable()
export class ClinicsService {
  constructor(
    @InjectRepository(Clinic) private readonly clinics: Repository<Clinic>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: ClinicConfigEvents,
  ) {}

  /** Admins list every clinic; a manager's list holds only their own. Ordered by name. */
  async list(actor: AuthUser | undefined, query: ListClinicsQueryDto): Promise<Page<Clinic>> {
    const user = requireActor(actor);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const qb = pageQuery(this.clinics.createQueryBuilder('c'), BY_NAME, query.cursor, limit);
    if (!isPlatformAdmin(user)) {
      if (!user.clinicId) return { items: [], nextCursor: null };
      qb.andWhere('c.id = :own', { own: user.clinicId });
    }
    if (query.status) qb.andWhere('c.status = :status', { status: query.status });
    if (query.q) {
      const like = `%${query.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
      qb.andWhere(new Brackets((w) => w.where('c.name ILIKE :like', { like }).orWhere('c.slug ILIKE :like', { like })));
    }
    return toPage(await qb.getMany(), limit, (c) => ({ keys: [c.name], id: c.id }));
  }

  /**
   * The access check of every route under `/clinics/{clinicId}`: the actor may reach the clinic and
   * it exists (else 404, the same answer either way). Returns the clinic.
   */
  async assertReachable(actor: AuthUser | undefined, clinicId: string): Promise<Clinic> {
    assertClinicReach(actor, clinicId);
    return this.findOrFail(this.clinics, clinicId);
  }

  async get(actor: AuthUser | undefined, clinicId: string): Promise<Clinic> {
    assertClinicReach(actor, clinicId);
    return this.findOrFail(this.clinics, clinicId);
  }

  /**
   * A new clinic, `pending` until the admin activates it, with its config (column defaults), its
   * onboarding checklist and Mon–Fri 09:00–17:00 hours, all in one transaction.
   */
  async create(actor: AuthUser | undefined, input: CreateClinicDto): Promise<Clinic> {
    assertPlatformAdmin(actor, 'provision clinics');
    const slug = input.slug ?? (await this.freeSlug(slugify(input.name)));
    try {
      const created = await this.dataSource.transaction(async (manager) => {
        const clinic = await manager.getRepository(Clinic).save(
          manager.getRepository(Clinic).create({
            name: input.name,
            slug,
            phone: input.phone ?? null,
            phones: input.phones ?? [],
            vapiPhone: input.vapiPhone ?? null,
            address: input.address ?? null,
            city: input.city ?? null,
            province: input.province ?? 'BC',
            postalCode: input.postalCode ?? null,
            timezone: input.timezone ?? 'America/Vancouver',
            status: ClinicStatus.Pending,
          }),
        );
        await this.createDependents(manager, clinic.id);
        return clinic;
      });
      // a lookup of its number made before it existed may be cached as "no clinic"
      this.events.clinicChanged(created.id, ['created']);
      return created;
    } catch (error) {
      throw this.conflictOf(error, { slug, vapiPhone: input.vapiPhone ?? null }) ?? error;
    }
  }

  /**
   * A manager may change name, contact and address fields; slug, vapiPhone and status are the
   * admin's (403 naming them). Status moves only as the lifecycle allows (libs/shared
   * clinic-lifecycle): a live clinic between active and inactive; a pending one goes live only
   * through activation (409 naming the rule otherwise).
   */
  async update(actor: AuthUser | undefined, clinicId: string, input: UpdateClinicDto): Promise<Clinic> {
    const user = assertClinicReach(actor, clinicId);
    const clinic = await this.findOrFail(this.clinics, clinicId);
    const changes: Partial<Clinic> = {};
    for (const field of CLINIC_FIELDS) {
      const value = input[field];
      if (value === undefined) continue;
      if (JSON.stringify(value) !== JSON.stringify(clinic[field])) (changes as Record<string, unknown>)[field] = value;
    }
    if (!isPlatformAdmin(user)) {
      const forbidden = ADMIN_ONLY_CLINIC_FIELDS.filter((field) => field in changes);
      if (forbidden.length) throw new AdminOnlyFieldsError([...forbidden]);
    }
    if (changes.status !== undefined) {
      const refusal = clinicStatusMoveRefusal(clinic.status, changes.status);
      if (refusal) throw new ConflictError(refusal, [{ field: 'status', message: refusal }]);
    }
    if (Object.keys(changes).length === 0) return clinic;
    try {
      // a status move is checked against the status read above: an activation in between wins
      const where = changes.status !== undefined ? { id: clinicId, status: clinic.status } : { id: clinicId };
      const updated = await this.clinics.update(where, changes);
      if (!updated.affected) throw new ConflictError('The clinic was changed by someone else; reload it and try again');
    } catch (error) {
      throw this.conflictOf(error, { slug: changes.slug, vapiPhone: changes.vapiPhone }) ?? error;
    }
    this.events.clinicChanged(clinicId, Object.keys(changes));
    return this.findOrFail(this.clinics, clinicId);
  }

  private async createDependents(manager: EntityManager, clinicId: string): Promise<void> {
    await manager.getRepository(ClinicConfig).insert({ clinicId });
    await manager.getRepository(OnboardingProgress).insert({ clinicId });
    await new ClinicScopedRepository(manager.getRepository(ClinicHours)).insert(clinicId, DEFAULT_CLINIC_HOURS.map((h) => ({ ...h })));
  }

  /** `base`, else `base-2`, `base-3`, … (a generated slug never fails on a namesake clinic). */
  private async freeSlug(base: string): Promise<string> {
    const taken = new Set(
      (
        await this.clinics
          .createQueryBuilder('c')
          .select('c.slug', 'slug')
          .where('c.slug = :base OR c.slug LIKE :pattern', { base, pattern: `${base}-%` })
          .getRawMany<{ slug: string }>()
      ).map((r) => r.slug),
    );
    if (!taken.has(base)) return base;
    let n = 2;
    while (taken.has(`${base}-${n}`)) n++;
    return `${base}-${n}`;
  }

  private conflictOf(error: unknown, values: { slug?: string; vapiPhone?: string | null }): ConflictError | undefined {
    const constraint = uniqueViolation(error);
    if (constraint === 'uq_clinics_slug') {
      return new ConflictError(`The slug "${values.slug}" is already used by another clinic`, [
        { field: 'slug', message: 'Another clinic already uses this slug' },
      ]);
    }
    if (constraint === 'uq_clinics_vapi_phone') {
      return new ConflictError(`The Vapi phone number ${values.vapiPhone} is already assigned to another clinic`, [
        { field: 'vapiPhone', message: 'This number already answers for another clinic' },
      ]);
    }
    return undefined;
  }

  private async findOrFail(repository: Repository<Clinic>, clinicId: string): Promise<Clinic> {
    const clinic = await repository.findOneBy({ id: clinicId });
    if (!clinic) throw new NotFoundInClinicError('Clinic');
    return clinic;
  }
}
