import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Subscription } from 'rxjs';
import type { Repository } from 'typeorm';
import { ClinicConfigEvents } from '../clinics/clinic-config-events.js';
import { ClinicConfig } from '../clinics/clinic-config.entity.js';
import { Clinic } from '../clinics/clinic.entity.js';
import { ExpiringCache, HOT_PATH_REFRESH_AHEAD_MS } from '../common/cache/expiring-cache.js';
import { ClinicStatus } from '../database/enums.js';

/** The clinic as the webhook needs it on every delivery. Secrets stay ciphertext. */
export interface VoiceClinic {
  id: string;
  name: string;
  status: ClinicStatus;
  timezone: string;
  config: ClinicConfig;
}

/**
 * How long the webhook's clinic caches (clinic and config here; hours, holidays and providers in
 * ClinicCalendar and VoiceProviders) trust what they read. A change made through this replica is
 * announced on ClinicConfigEvents and seen by the very next call; this TTL only bounds how long a
 * change made through another replica goes unheard (docs/decisions.md "Webhook hot path").
 */
export const CLINIC_CACHE_TTL_MS = 15_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/**
 * Clinic lookups of the webhook's hot path (the caller is waiting): by id, by the number Vapi
 * answers (`clinics.vapi_phone`) and by Vapi's phone-number id (`clinic_config.vapi_phone_number_id`),
 * cached and dropped when the clinic or its config changes.
 */
@Injectable()
export class VoiceClinicDirectory implements OnModuleDestroy {
  private readonly clinics = new ExpiringCache<VoiceClinic | null>({ ttlMs: CLINIC_CACHE_TTL_MS, refreshAheadMs: HOT_PATH_REFRESH_AHEAD_MS });
  private readonly keys = new ExpiringCache<string | null>({ ttlMs: CLINIC_CACHE_TTL_MS, refreshAheadMs: HOT_PATH_REFRESH_AHEAD_MS });
  private readonly subscription: Subscription;

  constructor(
    @InjectRepository(Clinic) private readonly clinicRepository: Repository<Clinic>,
    @InjectRepository(ClinicConfig) private readonly configRepository: Repository<ClinicConfig>,
    events: ClinicConfigEvents,
  ) {
    this.subscription = events.changed$.subscribe(({ clinicId }) => this.invalidate(clinicId));
  }

  onModuleDestroy(): void {
    this.subscription.unsubscribe();
  }

  invalidate(clinicId: string): void {
    this.clinics.delete(clinicId);
    // a changed number or phone-number id may now name another clinic (or a new one)
    this.keys.clear();
  }

  byId(clinicId: string): Promise<VoiceClinic | null> {
    if (!UUID.test(clinicId)) return Promise.resolve(null);
    return this.clinics.get(clinicId, async () => {
      const [clinic, config] = await Promise.all([
        this.clinicRepository.findOneBy({ id: clinicId }),
        this.configRepository.findOneBy({ clinicId }),
      ]);
      if (!clinic || !config) return null;
      return { id: clinic.id, name: clinic.name, status: clinic.status, timezone: clinic.timezone, config };
    });
  }

  idByVapiPhone(e164: string): Promise<string | null> {
    return this.keys.get(`phone:${e164}`, async () => (await this.clinicRepository.findOne({ where: { vapiPhone: e164 }, select: { id: true } }))?.id ?? null);
  }

  idByPhoneNumberId(phoneNumberId: string): Promise<string | null> {
    return this.keys.get(`pnid:${phoneNumberId}`, async () =>
      (await this.configRepository.findOne({ where: { vapiPhoneNumberId: phoneNumberId }, select: { clinicId: true } }))?.clinicId ?? null,
    );
  }
}
