import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { ClinicConfigEvents } from '../clinics/clinic-config-events.js';
import { ClinicConfig, type AppointmentStatusesPull, type ScheduleTemplateCodesPull } from '../clinics/clinic-config.entity.js';
import { DomainError } from '../common/errors/domain-error.js';
import { ClinicScopedRepository } from '../database/clinic-scoped.repository.js';
import { ProviderStatus } from '../database/enums.js';
import { ClinicProvider } from '../providers/clinic-provider.entity.js';
import { deadlineIn } from './emr-resilience.js';
import { EmrAdapterFactory } from './emr-adapter.factory.js';
import { OSCAR_DEFAULT_STATUSES, providerFields, syncedStatus } from './oscar-defaults.js';

export interface ConnectionTestResult {
  verified: boolean;
  /** OSCAR's SOAP services report no version: null unless the EMR says */
  oscarVersion: string | null;
  /** the EMR server's GMT offset in minutes (e.g. -420), null when not reached */
  serverTimeOffsetMinutes: number | null;
  /** the clinic zone's GMT offset now, for comparison */
  clinicTimeOffsetMinutes: number | null;
  lastVerifiedAt: string | null;
  /** plain words for the clinic manager when not verified */
  problem?: string;
  /** things that work but deserve a look (e.g. the server clock in another zone) */
  warnings: string[];
}

export interface ProviderSyncResult {
  /** providers in the EMR (system accounts left out) */
  total: number;
  created: number;
  updated: number;
  /** rows whose provider no longer exists in the EMR, now inactive (never deleted) */
  deactivated: number;
  syncedAt: string;
}

export interface ConfigPullResult {
  scheduleCodes: number;
  bookableScheduleCodes: string[];
  appointmentStatuses: number;
  statusesSource: 'oscar-defaults';
  sites: number;
  notes: string[];
  pulledAt: string;
}

const TEST_BUDGET_MS = 10_000;
const ADMIN_BUDGET_MS = 20_000;

/** The EMR operations of the console: connection test, provider sync, config pull. */
@Injectable()
export class EmrService {
  private readonly configs: ClinicScopedRepository<ClinicConfig>;
  private readonly providers: ClinicScopedRepository<ClinicProvider>;
  private readonly logger = new Logger('EmrService');

  constructor(
    private readonly factory: EmrAdapterFactory,
    @InjectRepository(ClinicConfig) configRepository: Repository<ClinicConfig>,
    @InjectRepository(ClinicProvider) providerRepository: Repository<ClinicProvider>,
    private readonly events: ClinicConfigEvents,
  ) {
    this.configs = new ClinicScopedRepository(configRepository);
    this.providers = new ClinicScopedRepository(providerRepository);
  }

  /**
   * Reaches the EMR without credentials (SystemInfo), then with them (the provider list), and
   * records the outcome on the clinic's config. Never throws for an EMR problem: it says it.
   */
  async testConnection(clinicId: string): Promise<ConnectionTestResult> {
    const previous = await this.configs.findOneBy(clinicId, {});
    const warnings: string[] = [];
    try {
      const adapter = await this.factory.forClinic(clinicId);
      const deadline = deadlineIn(TEST_BUDGET_MS);
      const info = await adapter.getSystemInfo({ deadline });
      await adapter.listProviders({ deadline });
      if (info.serverGmtOffsetMinutes !== info.clinicGmtOffsetMinutes) {
        warnings.push(
          `The EMR server's clock runs at UTC${formatOffset(info.serverGmtOffsetMinutes)} while the clinic is at UTC${formatOffset(info.clinicGmtOffsetMinutes)}: ` +
            'times are converted by wall clock, but the server’s time zone should be set to the clinic’s.',
        );
      }
      if (Math.abs(info.clockSkewSeconds) > 120) warnings.push(`The EMR server's clock is ${Math.round(info.clockSkewSeconds / 60)} minutes off.`);
      const now = new Date();
      await this.configs.update(clinicId, {}, { oscarConnectionVerified: true, oscarLastVerifiedAt: now, oscarVersion: info.version });
      this.factory.connectionVerified(clinicId);
      return {
        verified: true,
        oscarVersion: info.version,
        serverTimeOffsetMinutes: info.serverGmtOffsetMinutes,
        clinicTimeOffsetMinutes: info.clinicGmtOffsetMinutes,
        lastVerifiedAt: now.toISOString(),
        warnings,
      };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      this.logger.warn({ clinicId, code: error.code, err: error }, 'EMR connection test failed');
      if (previous) await this.configs.update(clinicId, {}, { oscarConnectionVerified: false });
      return {
        verified: false,
        oscarVersion: previous?.oscarVersion ?? null,
        serverTimeOffsetMinutes: null,
        clinicTimeOffsetMinutes: null,
        lastVerifiedAt: previous?.oscarLastVerifiedAt?.toISOString() ?? null,
        problem: error.message,
        warnings,
      };
    }
  }

  /**
   * Upserts `clinic_providers` by OSCAR provider number: new ones are added, known ones get the
   * EMR's names, specialty and status (local voice settings are kept), ones that vanished from the
   * EMR become inactive. Nothing is deleted; system accounts are skipped.
   */
  async syncProviders(clinicId: string): Promise<ProviderSyncResult> {
    const adapter = await this.factory.forClinic(clinicId);
    const emrProviders = await adapter.listProviders({ deadline: deadlineIn(ADMIN_BUDGET_MS) });
    const now = new Date();
    const existing = await this.providers.find(clinicId);
    const byOscarId = new Map(existing.filter((p) => p.oscarProviderId).map((p) => [p.oscarProviderId as string, p]));
    let created = 0;
    let updated = 0;
    for (const provider of emrProviders) {
      const row = byOscarId.get(provider.providerNo);
      const fields = providerFields(provider);
      if (row) {
        await this.providers.update(clinicId, { id: row.id }, { ...fields.always, status: syncedStatus(provider, row.status), lastSyncedAt: now });
        updated += 1;
      } else {
        await this.providers.insert(clinicId, {
          ...fields.always,
          ...fields.onCreate,
          status: syncedStatus(provider, undefined),
          oscarProviderId: provider.providerNo,
          lastSyncedAt: now,
        });
        created += 1;
      }
    }
    const inEmr = new Set(emrProviders.map((p) => p.providerNo));
    let deactivated = 0;
    for (const row of byOscarId.values()) {
      if (inEmr.has(row.oscarProviderId as string) || row.status === ProviderStatus.Inactive) continue;
      await this.providers.update(clinicId, { id: row.id }, { status: ProviderStatus.Inactive, lastSyncedAt: now });
      deactivated += 1;
    }
    await this.configs.update(clinicId, {}, { oscarLastSync: now });
    this.logger.log({ clinicId, total: emrProviders.length, created, updated, deactivated }, 'providers synced from the EMR');
    this.events.dataChanged(clinicId, 'providers');
    return { total: emrProviders.length, created, updated, deactivated, syncedAt: now.toISOString() };
  }

  /**
   * Pulls the schedule template codes into `clinic_config.schedule_template_codes`. OSCAR's SOAP
   * services expose no appointment statuses and no sites: OSCAR's default statuses are recorded
   * and sites are left empty, and the summary says so.
   */
  async pullConfig(clinicId: string): Promise<ConfigPullResult> {
    const config = await this.configs.findOneByOrFail(clinicId, {}, 'Clinic configuration');
    const adapter = await this.factory.forClinic(clinicId);
    const codes = await adapter.getScheduleTemplateCodes({ deadline: deadlineIn(ADMIN_BUDGET_MS) });
    const now = new Date();
    const pulledAt = now.toISOString();
    const bookable = (code: string, bookingLimit: number) =>
      config.bookableScheduleCodes.length
        ? config.bookableScheduleCodes.includes(code)
        : bookingLimit > 0 && !config.blockedScheduleCodes.includes(code);
    const scheduleTemplateCodes: ScheduleTemplateCodesPull = {
      codes: codes.map((c) => ({
        code: c.code,
        description: c.description ?? '',
        duration: c.durationMinutes ?? config.defaultSlotDuration,
        bookinglimit: c.bookingLimit,
        confirm: c.confirm ?? '',
        bookable: bookable(c.code, c.bookingLimit),
      })),
      pulledAt,
    };
    const appointmentStatuses: AppointmentStatusesPull = { statuses: OSCAR_DEFAULT_STATUSES.map((s) => ({ ...s })), pulledAt };
    await this.configs.update(clinicId, {}, {
      scheduleTemplateCodes,
      appointmentStatuses,
      clinicSites: { sites: [], pulledAt },
      oscarConfigPulledAt: now,
    } as Partial<ClinicConfig>);
    this.events.dataChanged(clinicId, 'schedule-codes');
    return {
      scheduleCodes: codes.length,
      bookableScheduleCodes: scheduleTemplateCodes.codes.filter((c) => c.bookable).map((c) => c.code),
      appointmentStatuses: appointmentStatuses.statuses.length,
      statusesSource: 'oscar-defaults',
      sites: 0,
      notes: [
        'OSCAR’s SOAP web services expose no appointment statuses: OSCAR’s default statuses were recorded.',
        'OSCAR’s SOAP web services expose no sites: the site list is left empty.',
      ],
      pulledAt,
    };
  }
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '−' : '+';
  const abs = Math.abs(minutes);
  const hh = Math.floor(abs / 60);
  const mm = abs % 60;
  return `${sign}${hh}${mm ? `:${String(mm).padStart(2, '0')}` : ''}`;
}
