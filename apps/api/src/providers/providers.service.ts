import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { ClinicConfigEvents } from '../clinics/clinic-config-events.js';
import { ClinicConfigService } from '../clinics/clinic-config.service.js';
import { ClinicsService } from '../clinics/clinics.service.js';
import type { AuthUser } from '../common/auth/auth-user.js';
import { DEFAULT_PAGE_SIZE, pageQuery, toPage, type ListOrder } from '../common/pagination/cursor.js';
import { ClinicScopedRepository } from '../database/clinic-scoped.repository.js';
import type { ClinicConfig } from '../clinics/clinic-config.entity.js';
import { ClinicProvider } from './clinic-provider.entity.js';
import type { ListProvidersQueryDto, UpdateProviderDto } from './dto/provider.dto.js';

const EDITABLE = [
  'voiceBookable',
  'acceptingNewPatients',
  'displayName',
  'languages',
  'visitMode',
  'maxAdvanceBookingDays',
  'scheduleCodeConfig',
  'appointmentTypeOverrides',
  'status',
] as const;

const BY_NAME: ListOrder = { keys: [['p.lastName', 'text'], ['p.firstName', 'text']], id: 'p.id' };

/** A clinic's providers (rows come from the OSCAR sync) and their voice-booking overrides. */
@Injectable()
export class ProvidersService {
  private readonly providers: ClinicScopedRepository<ClinicProvider>;

  constructor(
    @InjectRepository(ClinicProvider) repository: Repository<ClinicProvider>,
    private readonly clinics: ClinicsService,
    private readonly clinicConfig: ClinicConfigService,
    private readonly events: ClinicConfigEvents,
  ) {
    this.providers = new ClinicScopedRepository(repository);
  }

  /** Ordered by last name, first name; filters `status` and `voiceBookable`. */
  async list(actor: AuthUser | undefined, clinicId: string, query: ListProvidersQueryDto) {
    await this.clinics.assertReachable(actor, clinicId);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const qb = pageQuery(this.providers.createQueryBuilder(clinicId, 'p'), BY_NAME, query.cursor, limit);
    if (query.status) qb.andWhere('p.status = :status', { status: query.status });
    if (query.voiceBookable !== undefined) qb.andWhere('p.voiceBookable = :voiceBookable', { voiceBookable: query.voiceBookable });
    return toPage(await qb.getMany(), limit, (p) => ({ keys: [p.lastName, p.firstName], id: p.id }));
  }

  async get(actor: AuthUser | undefined, clinicId: string, providerId: string): Promise<ClinicProvider> {
    await this.clinics.assertReachable(actor, clinicId);
    return this.providers.findOneByOrFail(clinicId, { id: providerId }, 'Provider');
  }

  /** Changes only the fields sent; the clinic's manager may change every field this route takes. Announced on ClinicConfigEvents. */
  async update(actor: AuthUser | undefined, clinicId: string, providerId: string, input: UpdateProviderDto): Promise<ClinicProvider> {
    const provider = await this.get(actor, clinicId, providerId);
    const patch: Partial<ClinicProvider> = {};
    for (const field of EDITABLE) {
      if (input[field] !== undefined) (patch as Record<string, unknown>)[field] = input[field];
    }
    if (Object.keys(patch).length === 0) return provider;
    await this.providers.update(clinicId, { id: providerId }, patch);
    this.events.dataChanged(clinicId, 'providers');
    return this.providers.findOneByOrFail(clinicId, { id: providerId }, 'Provider');
  }

  /** The provider with the clinic config it inherits from (SPEC §5). */
  async withClinicConfig(
    actor: AuthUser | undefined,
    clinicId: string,
    providerId: string,
  ): Promise<{ provider: ClinicProvider; clinicConfig: ClinicConfig }> {
    const provider = await this.get(actor, clinicId, providerId);
    return { provider, clinicConfig: await this.clinicConfig.read(clinicId) };
  }
}
