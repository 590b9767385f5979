import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { toE164 } from '../../../../libs/shared/src/phone.js';
import { ClinicScopedRepository } from '../database/clinic-scoped.repository.js';
import type { EmrCallOptions, EmrPatient } from './emr-adapter.js';
import { EmrAdapterFactory } from './emr-adapter.factory.js';
import { PatientPhoneCache } from './patient-phone-cache.entity.js';

/** A cached number is confirmed by a fresh search once a day, so a chart added since (a shared phone) is noticed. */
export const PHONE_CACHE_REVERIFY_MS = 24 * 60 * 60 * 1000;

export interface PhoneLookup {
  /** the caller's number as E.164, null when it could not be read */
  phoneE164: string | null;
  /** every chart on the number (several = a shared phone: nobody is named before a date of birth) */
  patients: EmrPatient[];
  /** `cache`: resolved by reading the cached chart, no search */
  source: 'cache' | 'emr' | 'none';
}

/**
 * Caller number → OSCAR chart, per clinic, keyed by E.164. A repeat caller is resolved by reading
 * the cached chart (one `getDemographic`, no search); a cached chart whose phone no longer matches
 * is dropped and searched again; a number shared by several charts is never cached.
 */
@Injectable()
export class PatientPhoneCacheService {
  private readonly rows: ClinicScopedRepository<PatientPhoneCache>;
  private readonly logger = new Logger('PatientPhoneCache');

  constructor(
    private readonly factory: EmrAdapterFactory,
    @InjectRepository(PatientPhoneCache) repository: Repository<PatientPhoneCache>,
  ) {
    this.rows = new ClinicScopedRepository(repository);
  }

  async findByPhone(clinicId: string, phone: string, call?: EmrCallOptions): Promise<PhoneLookup> {
    const phoneE164 = toE164(phone);
    if (!phoneE164) return { phoneE164: null, patients: [], source: 'none' };
    const adapter = await this.factory.forClinic(clinicId);
    const row = await this.rows.findOneBy(clinicId, { phoneE164 });
    if (row && Date.now() - row.lastSeen.getTime() < PHONE_CACHE_REVERIFY_MS) {
      const patient = await adapter.getPatient(row.demographicNo, call);
      if (patient && hasPhone(patient, phoneE164)) return { phoneE164, patients: [patient], source: 'cache' };
      this.logger.log({ clinicId, reason: patient ? 'phone changed' : 'chart gone' }, 'stale phone cache entry corrected');
    }
    const patients = await adapter.findPatientsByPhone(phoneE164, call);
    if (patients.length === 1) await this.remember(clinicId, phoneE164, patients[0].demographicNo);
    else if (row) await this.rows.delete(clinicId, { phoneE164 });
    return { phoneE164, patients, source: 'emr' };
  }

  /** Forget a number (e.g. the caller said the named chart is not theirs). */
  async forget(clinicId: string, phone: string): Promise<void> {
    const phoneE164 = toE164(phone);
    if (phoneE164) await this.rows.delete(clinicId, { phoneE164 });
  }

  private async remember(clinicId: string, phoneE164: string, demographicNo: number): Promise<void> {
    // the name is not kept: the chart is read on every hit anyway (minimum necessary)
    await this.rows.upsert(clinicId, { phoneE164, demographicNo, patientName: null, lastSeen: new Date() }, ['clinicId', 'phoneE164']);
  }
}

function hasPhone(patient: EmrPatient, phoneE164: string): boolean {
  return patient.phoneE164 === phoneE164 || patient.phone2E164 === phoneE164;
}
