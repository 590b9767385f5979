import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Subscription } from 'rxjs';
import type { Repository } from 'typeorm';
import { ClinicConfigEvents } from '../../clinics/clinic-config-events.js';
import { ExpiringCache, HOT_PATH_REFRESH_AHEAD_MS } from '../../common/cache/expiring-cache.js';
import { ClinicScopedRepository } from '../../database/clinic-scoped.repository.js';
import { ProviderStatus } from '../../database/enums.js';
import { ClinicProvider } from '../../providers/clinic-provider.entity.js';
import { voiceName } from '../../scheduling/provider-names.js';
import { CLINIC_CACHE_TTL_MS } from '../voice-clinic-directory.js';

export interface VoiceProvider {
  /** OSCAR provider number */
  providerId: string;
  providerName: string;
  specialty: string | null;
  languages: string[];
  acceptingNewPatients: boolean;
  voiceBookable: boolean;
  active: boolean;
}

/**
 * The clinic's providers as the agent names them (read-only; the providers module owns the rows),
 * kept in memory per clinic until a provider change is announced (ClinicConfigEvents) or
 * CLINIC_CACHE_TTL_MS passes.
 */
@Injectable()
export class VoiceProviders implements OnModuleDestroy {
  private readonly rows: ClinicScopedRepository<ClinicProvider>;
  private readonly cache = new ExpiringCache<readonly VoiceProvider[]>({ ttlMs: CLINIC_CACHE_TTL_MS, refreshAheadMs: HOT_PATH_REFRESH_AHEAD_MS });
  private readonly subscription: Subscription;

  constructor(@InjectRepository(ClinicProvider) repository: Repository<ClinicProvider>, events: ClinicConfigEvents) {
    this.rows = new ClinicScopedRepository(repository);
    this.subscription = events.changed$.subscribe(({ clinicId }) => this.cache.delete(clinicId));
  }

  onModuleDestroy(): void {
    this.subscription.unsubscribe();
  }

  /** Ordered by last name, first name; only providers known to the EMR. */
  all(clinicId: string): Promise<readonly VoiceProvider[]> {
    return this.cache.get(clinicId, () => this.load(clinicId));
  }

  private async load(clinicId: string): Promise<readonly VoiceProvider[]> {
    const rows = await this.rows.find(clinicId, { order: { lastName: 'ASC', firstName: 'ASC' } });
    return rows
      .filter((p) => p.oscarProviderId)
      .map((p) => ({
        providerId: p.oscarProviderId as string,
        providerName: voiceName(p),
        specialty: p.specialty,
        languages: p.languages ?? [],
        acceptingNewPatients: p.acceptingNewPatients,
        voiceBookable: p.voiceBookable,
        active: p.status === ProviderStatus.Active,
      }));
  }

  /** Active providers who take bookings by phone. */
  async bookable(clinicId: string): Promise<VoiceProvider[]> {
    return (await this.all(clinicId)).filter((p) => p.active && p.voiceBookable);
  }

  /** OSCAR number → voice name, for reading appointments out. */
  async names(clinicId: string): Promise<Map<string, string>> {
    return new Map((await this.all(clinicId)).map((p) => [p.providerId, p.providerName]));
  }
}
