import type { DataSource } from 'typeorm';
import type { TestOscarSim } from '../../../../../libs/testing/src/oscar-sim.js';
import type { SimDataFile } from '../../../../../libs/testing/src/oscar-sim.js';
import { ClinicConfigEvents } from '../../clinics/clinic-config-events.js';
import { ClinicConfigService } from '../../clinics/clinic-config.service.js';
import { ClinicConfig } from '../../clinics/clinic-config.entity.js';
import { ClinicHoliday } from '../../clinics/clinic-holiday.entity.js';
import { ClinicHours } from '../../clinics/clinic-hours.entity.js';
import { Clinic } from '../../clinics/clinic.entity.js';
import { createSimClinic, emrServices, type EmrServices } from '../../emr/testing/emr-db-kit.js';
import type { EmrPolicyOptions } from '../../emr/emr-resilience.js';
import { ClinicProvider } from '../../providers/clinic-provider.entity.js';
import { ScheduleCacheService } from '../schedule-cache.service.js';
import { ScheduleCacheStore } from '../schedule-cache.store.js';
import { SchedulingClaims } from '../scheduling-claims.js';
import { SchedulingContextReader } from '../scheduling-context.js';
import { SchedulingService } from '../scheduling.service.js';

export interface SchedulingKit extends EmrServices {
  scheduling: SchedulingService;
  cache: ScheduleCacheService;
  cacheStore: ScheduleCacheStore;
  claims: SchedulingClaims;
}

/** SchedulingService and the EMR services on a test database, wired as the modules wire them, with a fixed clock. */
export function schedulingServices(dataSource: DataSource, now: Date, policy: Partial<EmrPolicyOptions> = {}): SchedulingKit {
  const emr = emrServices(dataSource, policy);
  const config = new ClinicConfigService(dataSource.getRepository(ClinicConfig), dataSource, emr.box, new ClinicConfigEvents());
  const contexts = new SchedulingContextReader(
    dataSource.getRepository(Clinic),
    dataSource.getRepository(ClinicHours),
    dataSource.getRepository(ClinicHoliday),
    dataSource.getRepository(ClinicProvider),
    config,
  );
  const cacheStore = new ScheduleCacheStore(dataSource);
  const claims = new SchedulingClaims(dataSource);
  const clock = () => now;
  return {
    ...emr,
    scheduling: new SchedulingService(contexts, emr.factory, claims, cacheStore, clock),
    cache: new ScheduleCacheService(contexts, emr.factory, cacheStore, dataSource, clock),
    cacheStore,
    claims,
  };
}

/** A clinic of its own on the simulator: hours Mon–Fri 09:00–17:00, providers synced, codes pulled. */
export async function createSchedulingClinic(
  dataSource: DataSource,
  kit: SchedulingKit,
  sim: TestOscarSim,
  config: Partial<ClinicConfig> = {},
  timezone = 'America/Vancouver',
): Promise<string> {
  const clinicId = await createSimClinic(dataSource, kit.box, sim, config, timezone);
  await dataSource.getRepository(ClinicHours).insert(
    [0, 1, 2, 3, 4, 5, 6].map((dayOfWeek) => {
      const open = dayOfWeek >= 1 && dayOfWeek <= 5;
      return { clinicId, dayOfWeek, openTime: open ? '09:00' : null, closeTime: open ? '17:00' : null, isClosed: !open };
    }),
  );
  await kit.emr.syncProviders(clinicId);
  await kit.emr.pullConfig(clinicId);
  return clinicId;
}

export interface ExpectedSlot {
  providerNo: string;
  dayOffset: number;
  /** HH:mm, clinic wall clock */
  start: string;
}

export interface ExpectationRules {
  providers: readonly string[];
  durationMin: number;
  bufferMin: number;
  /** minutes after today's midnight before which nothing may start (now + notice) */
  notBeforeMinutes: number;
  maxDays: number;
  open: number;
  close: number;
  /** the patient's days already booked (daily limit) */
  busyOffsets?: ReadonlySet<number>;
  /** ISO weekday of today */
  todayWeekday: number;
}

/**
 * The earliest slot computed straight from a simulator data file, independently of the engine:
 * weekday templates, the first entry of each code, bookings that are neither cancelled nor no-shows,
 * the data file's holidays, Mon–Fri hours; plain minute arithmetic (a zone without DST changes).
 */
export function expectedEarliest(data: SimDataFile, rules: ExpectationRules, skip?: (slot: ExpectedSlot) => boolean): ExpectedSlot | null {
  const limit = new Map<string, number>();
  for (const c of data.scheduleTemplateCodes) if (!limit.has(c.code)) limit.set(c.code, c.bookinglimit);
  const holidays = new Set((data.holidays ?? []).map((h) => h.dayOffset));
  for (let offset = 0; offset <= rules.maxDays; offset++) {
    const weekday = ((rules.todayWeekday - 1 + offset) % 7) + 1;
    if (weekday > 5 || holidays.has(offset) || rules.busyOffsets?.has(offset)) continue;
    let best: ExpectedSlot | null = null;
    let bestMinute = Infinity;
    for (const providerNo of rules.providers) {
      const provider = data.providers.find((p) => p.providerNo === providerNo);
      const template = data.templates.find((t) => t.name === provider?.week?.[String(weekday) as '1']);
      if (!template) continue;
      const slot = template.slotMinutes;
      const booked = (data.appointments ?? [])
        .filter((a) => a.providerNo === providerNo && a.dayOffset === offset && !/^[CN]/.test(a.status ?? 't'))
        .map((a) => ({ from: minutes(a.startTime), to: minutes(a.startTime) + a.durationMin }));
      const free = [...template.timecode].map((code, i) => {
        const cap = limit.get(code) ?? 0;
        const load = booked.filter((b) => b.from < (i + 1) * slot && b.to > i * slot).length;
        return code !== '_' && cap > 0 && load < cap;
      });
      const n = Math.max(Math.ceil(rules.durationMin / slot), Math.floor((rules.durationMin + rules.bufferMin) / slot));
      for (let i = 0; i + n <= free.length; i++) {
        const start = i * slot;
        if (start >= bestMinute) break;
        if (start < rules.open || start + rules.durationMin > rules.close) continue;
        if (offset === 0 && start < rules.notBeforeMinutes) continue;
        if (!free.slice(i, i + n).every(Boolean)) continue;
        const candidate = { providerNo, dayOffset: offset, start: hhmm(start) };
        if (skip?.(candidate)) continue;
        best = candidate;
        bestMinute = start;
        break;
      }
    }
    if (best) return best;
  }
  return null;
}

function minutes(text: string): number {
  return Number(text.slice(0, 2)) * 60 + Number(text.slice(3, 5));
}

function hhmm(total: number): string {
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}
