import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import type { AuthUser } from '../common/auth/auth-user.js';
import { MAX_PAGE_SIZE } from '../common/pagination/cursor.js';
import { ClinicsService } from '../clinics/clinics.service.js';
import type { Clinic } from '../clinics/clinic.entity.js';
import { OnboardingService } from '../clinics/onboarding.service.js';
import { UserRole } from '../database/enums.js';
import { DashboardRepository, type ClinicCounts, type ClinicWindow } from './dashboard.repository.js';
import type { DashboardClinicDto, DashboardDto, EmrHealthDto } from './dto/dashboard.dto.js';

const TOP_REASONS = 3;
/** onboarding states read at once (each is a few small queries) */
const ONBOARDING_READS_AT_ONCE = 4;

/**
 * The dashboard: for each clinic the actor may see (an admin: all of them; a manager: theirs),
 * today's and this week's calls at the clinic (its zone, weeks from Monday), bookings by voice,
 * transfers and why, the pending waitlist, open tickets, failed texts, EMR health and onboarding.
 */
@Injectable()
export class DashboardService {
  constructor(
    private readonly clinics: ClinicsService,
    private readonly onboarding: OnboardingService,
    private readonly repository: DashboardRepository,
  ) {}

  async summary(actor: AuthUser, now = new Date()): Promise<DashboardDto> {
    const clinics = await this.visibleClinics(actor);
    const windows = clinics.map((c) => clinicWindow(c, now));
    const [counts, reasons, onboarding] = await Promise.all([
      this.repository.counts(windows),
      this.repository.topTransferReasons(windows, TOP_REASONS),
      this.onboardingOf(actor, clinics),
    ]);
    return {
      generatedAt: now.toISOString(),
      items: clinics.map((clinic, i) => ({
        clinicId: clinic.id,
        name: clinic.name,
        status: clinic.status,
        timezone: clinic.timezone,
        ...figures(counts.get(clinic.id)!),
        topTransferReasons: reasons.get(clinic.id) ?? [],
        emr: emrHealth(counts.get(clinic.id)!),
        onboarding: onboarding[i],
      })),
      nextCursor: null,
    };
  }

  private async visibleClinics(actor: AuthUser): Promise<Clinic[]> {
    if (actor.role !== UserRole.PlatformAdmin) return actor.clinicId ? [await this.clinics.assertReachable(actor, actor.clinicId)] : [];
    const all: Clinic[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.clinics.list(actor, { limit: MAX_PAGE_SIZE, cursor });
      all.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return all;
  }

  private async onboardingOf(actor: AuthUser, clinics: Clinic[]): Promise<DashboardClinicDto['onboarding'][]> {
    const result: DashboardClinicDto['onboarding'][] = new Array(clinics.length);
    let next = 0;
    const worker = async () => {
      while (next < clinics.length) {
        const i = next++;
        const state = await this.onboarding.get(actor, clinics[i].id);
        const flags = Object.values(state.flags);
        result[i] = { flagsDone: flags.filter(Boolean).length, flagsTotal: flags.length, completedAt: state.completedAt };
      }
    };
    await Promise.all(Array.from({ length: Math.min(ONBOARDING_READS_AT_ONCE, clinics.length) }, worker));
    return result;
  }
}

/** The instants "today" and "this week" (ISO: from Monday) start at the clinic. */
export function clinicWindow(clinic: Pick<Clinic, 'id' | 'timezone'>, now: Date): ClinicWindow {
  const local = DateTime.fromJSDate(now, { zone: clinic.timezone });
  return { clinicId: clinic.id, todayStart: local.startOf('day').toJSDate(), weekStart: local.startOf('week').toJSDate() };
}

function figures(c: ClinicCounts) {
  return {
    callsToday: c.callsToday,
    callsThisWeek: c.callsThisWeek,
    bookingsByVoiceThisWeek: c.bookingsByVoiceThisWeek,
    transfersThisWeek: c.transfersThisWeek,
    waitlistPending: c.waitlistPending,
    openTickets: c.openTickets,
    textsFailedThisWeek: c.textsFailedThisWeek,
  };
}

function emrHealth(c: ClinicCounts): EmrHealthDto {
  return {
    state: !c.emrUrlSet ? 'not_configured' : c.emrVerified ? 'connected' : 'failing',
    lastVerifiedAt: c.emrLastVerifiedAt ? new Date(c.emrLastVerifiedAt).toISOString() : null,
    lastSyncAt: c.emrLastSyncAt ? new Date(c.emrLastSyncAt).toISOString() : null,
  };
}
