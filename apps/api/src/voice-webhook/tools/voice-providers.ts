import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { ClinicScopedRepository } from '../../database/clinic-scoped.repository.js';
import { ProviderStatus } from '../../database/enums.js';
import { ClinicProvider } from '../../providers/clinic-provider.entity.js';
import { voiceName } from '../../scheduling/provider-names.js';

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

/** The clinic's providers as the agent names them (read-only; the providers module owns the rows). */
@Injectable()
export class VoiceProviders {
  private readonly rows: ClinicScopedRepository<ClinicProvider>;

  constructor(@InjectRepository(ClinicProvider) repository: Repository<ClinicProvider>) {
    this.rows = new ClinicScopedRepository(repository);
  }

  async all(clinicId: string): Promise<VoiceProvider[]> {
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
