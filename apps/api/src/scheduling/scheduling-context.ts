import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { MoreThanOrEqual, type Repository } from 'typeorm';
import { ClinicConfigService } from '../clinics/clinic-config.service.js';
import { ClinicHoliday } from '../clinics/clinic-holiday.entity.js';
import { ClinicHours } from '../clinics/clinic-hours.entity.js';
import { Clinic } from '../clinics/clinic.entity.js';
import type { ClinicConfig } from '../clinics/clinic-config.entity.js';
import type { ClinicStatus } from '../database/enums.js';
import { NotFoundInClinicError } from '../common/errors/domain-error.js';
import { assertClinicId, ClinicScopedRepository } from '../database/clinic-scoped.repository.js';
import { ClinicProvider } from '../providers/clinic-provider.entity.js';
import { openingHours, type OpeningHours } from './booking-window.js';
import { isValidZone } from './clinic-time.js';
import type { ScheduleCodeInfo } from './day-slots.js';
import { providerRules, type ProviderRules } from './provider-rules.js';
import { InvalidSchedulingArgumentsError } from './scheduling-errors.js';

/** Everything about a clinic a scheduling call needs from our own database, read in one go. */
export interface SchedulingContext {
  clinicId: string;
  status: ClinicStatus;
  zone: string;
  config: ClinicConfig;
  hours: ReadonlyMap<number, OpeningHours>;
  /** the clinic's holidays from today on (ISO dates) */
  holidays: ReadonlySet<string>;
  /** every provider of the clinic with an OSCAR number, with its effective rules, by name */
  providers: ProviderRules[];
  /** the codes pulled from OSCAR, or null when never pulled */
  pulledCodes: ScheduleCodeInfo[] | null;
}

/**
 * Reads the clinic, its config, hours, holidays and providers through clinic-scoped repositories
 * (the providers and clinics modules export no list-for-the-system method; the rows are only read).
 */
@Injectable()
export class SchedulingContextReader {
  private readonly hours: ClinicScopedRepository<ClinicHours>;
  private readonly holidays: ClinicScopedRepository<ClinicHoliday>;
  private readonly providers: ClinicScopedRepository<ClinicProvider>;

  constructor(
    @InjectRepository(Clinic) private readonly clinics: Repository<Clinic>,
    @InjectRepository(ClinicHours) hours: Repository<ClinicHours>,
    @InjectRepository(ClinicHoliday) holidays: Repository<ClinicHoliday>,
    @InjectRepository(ClinicProvider) providers: Repository<ClinicProvider>,
    private readonly clinicConfig: ClinicConfigService,
  ) {
    this.hours = new ClinicScopedRepository(hours);
    this.holidays = new ClinicScopedRepository(holidays);
    this.providers = new ClinicScopedRepository(providers);
  }

  /** `fromDate`: the clinic's today (older holidays are not read). */
  async load(clinicId: string, fromDate?: string): Promise<SchedulingContext> {
    assertClinicId(clinicId);
    const [clinic, config, hours, holidays, providers] = await Promise.all([
      this.clinics.findOneBy({ id: clinicId }),
      this.clinicConfig.read(clinicId),
      this.hours.find(clinicId),
      this.holidays.find(clinicId, fromDate ? { where: { date: MoreThanOrEqual(fromDate) } } : {}),
      this.providers.find(clinicId, { order: { lastName: 'ASC', firstName: 'ASC' } }),
    ]);
    if (!clinic) throw new NotFoundInClinicError('Clinic');
    if (!isValidZone(clinic.timezone)) throw new InvalidSchedulingArgumentsError('The clinic’s time zone is not set up correctly.');
    const pulled = config.scheduleTemplateCodes?.codes;
    return {
      clinicId,
      status: clinic.status,
      zone: clinic.timezone,
      config,
      hours: openingHours(hours),
      holidays: new Set(holidays.map((h) => h.date)),
      providers: providers.filter((p) => p.oscarProviderId).map((p) => providerRules(config, p)),
      pulledCodes: pulled?.length
        ? pulled.map((c) => ({ code: c.code, durationMinutes: c.duration || null, bookingLimit: c.bookinglimit }))
        : null,
    };
  }
}
