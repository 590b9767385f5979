import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Subscription } from 'rxjs';
import type { Repository } from 'typeorm';
import { ClinicConfigEvents } from '../clinics/clinic-config-events.js';
import { ClinicConfig } from '../clinics/clinic-config.entity.js';
import { Clinic } from '../clinics/clinic.entity.js';
import { ClinicStatus } from '../database/enums.js';

/** The clinic as the webhook needs it on every delivery. Secrets stay ciphertext. */
export interface VoiceClinic {
  id: string;
  name: string;
  status: ClinicStatus;
  timezone: string;
  config: ClinicConfig;
}

/** Changes of a clinic or its config are heard in-process (ClinicConfigEvents); other replicas' changes age out. */
export const CLINIC_CACHE_TTL_MS = 15_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

interface Cached<T> {
  value: T;
  expires: number;
}

/**
 * Clinic lookups of the webhook's hot path (the caller is waiting): by id, by the number Vapi
 * answers (`clinics.vapi_phone`) and by Vapi's phone-number id (`clinic_config.vapi_phone_number_id`),
 * cached briefly and dropped when the clinic's config changes.
 */
@Injectable()
export class VoiceClinicDirectory implements OnModuleDestroy {
  private readonly clinics = new Map<string, Cached<VoiceClinic | null>>();
  private readonly keys = new Map<string, Cached<string | null>>();
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
    // a changed phone-number id may now name another clinic
    this.keys.clear();
  }

  async byId(clinicId: string): Promise<VoiceClinic | null> {
    if (!UUID.test(clinicId)) return null;
    return this.cached(this.clinics, clinicId, async () => {
      const [clinic, config] = await Promise.all([
        this.clinicRepository.findOneBy({ id: clinicId }),
        this.configRepository.findOneBy({ clinicId }),
      ]);
      if (!clinic || !config) return null;
      return { id: clinic.id, name: clinic.name, status: clinic.status, timezone: clinic.timezone, config };
    });
  }

  idByVapiPhone(e164: string): Promise<string | null> {
    return this.cached(this.keys, `phone:${e164}`, async () => (await this.clinicRepository.findOne({ where: { vapiPhone: e164 }, select: { id: true } }))?.id ?? null);
  }

  idByPhoneNumberId(phoneNumberId: string): Promise<string | null> {
    return this.cached(this.keys, `pnid:${phoneNumberId}`, async () =>
      (await this.configRepository.findOne({ where: { vapiPhoneNumberId: phoneNumberId }, select: { clinicId: true } }))?.clinicId ?? null,
    );
  }

  private async cached<T>(map: Map<string, Cached<T>>, key: string, load: () => Promise<T>): Promise<T> {
    const hit = map.get(key);
    if (hit && hit.expires > Date.now()) return hit.value;
    const value = await load();
    map.set(key, { value, expires: Date.now() + CLINIC_CACHE_TTL_MS });
    if (map.size > 5_000) map.delete(map.keys().next().value as string);
    return value;
  }
}
