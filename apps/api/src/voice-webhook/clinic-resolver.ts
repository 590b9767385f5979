import { Injectable } from '@nestjs/common';
import type { VapiEnvelope } from './vapi-payload.js';
import { VapiPhoneNumbers } from './vapi-phone-numbers.js';
import { VoiceClinicDirectory, type VoiceClinic } from './voice-clinic-directory.js';

export type ResolvedBy = 'override' | 'dialled_number' | 'phone_number_id' | 'vapi_api';

/**
 * Which clinic a Vapi message is for (seed 003 "Clinic Resolution", SPEC §4):
 * 1. an explicit override (`message.metadata.clinicId`, assistant or `call.assistantOverrides` metadata);
 * 2. the number dialled (`call.phoneNumber.number`, `message.phoneNumber.number`) → `clinics.vapi_phone`;
 * 3. `phoneNumberId` → `clinic_config.vapi_phone_number_id` (our own mapping: no network);
 * 4. `phoneNumberId` → the number through Vapi's API (cached 1 h; fails fast) → `clinics.vapi_phone`.
 * An override naming no clinic is ignored and the chain goes on.
 */
@Injectable()
export class ClinicResolver {
  constructor(
    private readonly directory: VoiceClinicDirectory,
    private readonly vapiNumbers: VapiPhoneNumbers,
  ) {}

  async resolve(envelope: VapiEnvelope, deadline: number): Promise<{ clinic: VoiceClinic; by: ResolvedBy } | null> {
    const found = async (id: string | null, by: ResolvedBy) => {
      const clinic = id ? await this.directory.byId(id) : null;
      return clinic ? { clinic, by } : null;
    };
    if (envelope.clinicOverride) {
      const hit = await found(envelope.clinicOverride, 'override');
      if (hit) return hit;
    }
    if (envelope.dialledE164) {
      const hit = await found(await this.directory.idByVapiPhone(envelope.dialledE164), 'dialled_number');
      if (hit) return hit;
    }
    if (envelope.phoneNumberId) {
      const hit = await found(await this.directory.idByPhoneNumberId(envelope.phoneNumberId), 'phone_number_id');
      if (hit) return hit;
      const number = await this.vapiNumbers.numberOf(envelope.phoneNumberId, deadline);
      if (number && number !== envelope.dialledE164) return found(await this.directory.idByVapiPhone(number), 'vapi_api');
    }
    return null;
  }
}
