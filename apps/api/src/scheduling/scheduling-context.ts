import { Injectable, Optional, type OnModuleDestroy } from '@nestjs/common';
import type { Subscription } from 'rxjs';
import { ExpiringCache, HOT_PATH_REFRESH_AHEAD_MS } from '../common/cache/expiring-cache.js';
import { ClinicConfigEvents } from '../clinics/clinic-config-events.js';
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
/** Another replica's change is seen within this long (this replica's at once: change events drop the entry). */
export const CONTEXT_TTL_MS = 15_000;

@Injectable()
export class SchedulingContextReader implements OnModuleDestroy {
  private readonly cache = new ExpiringCache<SchedulingContext>({ ttlMs: CONTEXT_TTL_MS, refreshAheadMs: HOT_PATH_REFRESH_AHEAD_MS });
  private readonly subscription?: Subscription;
  private readonly hours: ClinicScopedRepository<ClinicHours>;
  private readonly holidays: ClinicScopedRepository<ClinicHoliday>;
  private readonly providers: ClinicScopedRepository<ClinicProvider>;

  constructor(
    @InjectRepository(Clinic) private readonly clinics: Repository<Clinic>,
    @InjectRepository(ClinicHours) hours: Repository<ClinicHours>,
    @InjectRepository(ClinicHoliday) holidays: Repository<ClinicHoliday>,
    @InjectRepository(ClinicProvider) providers: Repository<ClinicProvider>,
    private readonly clinicConfig: ClinicConfigService,
    /** with the events (in the app), contexts are kept per clinic until the clinic, its config, hours, holidays or providers change */
    @Optional() events?: ClinicConfigEvents,
  ) {
    this.hours = new ClinicScopedRepository(hours);
    this.holidays = new ClinicScopedRepository(holidays);
    this.providers = new ClinicScopedRepository(providers);
    this.subscription = events?.changed$.subscribe(({ clinicId }) => this.cache.delete(clinicId));
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
  }

  /**
   * `fromDate`: the clinic's today (older holidays are not read). Every tool call of every caller
   * needs this: in the app it is read once per clinic and kept until a change event (or 15 s, for
   * another replica's change), instead of five queries per call.
   */
  load(clinicId: string, fromDate?: string): Promise<SchedulingContext> {
    assertClinicId(clinicId);
    if (!this.subscription) return this.read(clinicId, fromDate);
    // a context kept across midnight holds one past holiday more: harmless (past days are never searched)
    return this.cache.get(clinicId, () => this.read(clinicId, fromDate));
  }

  private async read(clinicId: string, fromDate?: string): Promise<SchedulingContext> {
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
