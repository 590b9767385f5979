import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, type Repository } from 'typeorm';
import type { AuthUser } from '../common/auth/auth-user.js';
import { invalidFields, type FieldError } from '../common/errors/domain-error.js';
import { ClinicScopedRepository } from '../database/clinic-scoped.repository.js';
import { ClinicConfigEvents } from './clinic-config-events.js';
import { ClinicHours } from './clinic-hours.entity.js';
import { ClinicsService } from './clinics.service.js';
import { OnboardingProgress } from './onboarding-progress.entity.js';
import { DAY_NAMES, type ClinicHoursDayDto } from './dto/clinic-hours.dto.js';

/** A clinic's weekly opening hours: seven rows, replaced together. */
@Injectable()
export class ClinicHoursService {
  private readonly hours: ClinicScopedRepository<ClinicHours>;

  constructor(
    @InjectRepository(ClinicHours) repository: Repository<ClinicHours>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clinics: ClinicsService,
    private readonly events: ClinicConfigEvents,
  ) {
    this.hours = new ClinicScopedRepository(repository);
  }

  /** Sunday first. A day without a row (clinics made before hours existed) reads as closed. */
  async get(actor: AuthUser | undefined, clinicId: string): Promise<Pick<ClinicHours, 'dayOfWeek' | 'openTime' | 'closeTime' | 'isClosed'>[]> {
    await this.clinics.assertReachable(actor, clinicId);
    return this.week(await this.hours.find(clinicId, { order: { dayOfWeek: 'ASC' } }));
  }

  /** Replaces the week in one transaction: each day once, HH:mm, open before close unless closed. Announced once committed. */
  async replace(actor: AuthUser | undefined, clinicId: string, days: ClinicHoursDayDto[]) {
    await this.clinics.assertReachable(actor, clinicId);
    const rows = validateWeek(days);
    await this.dataSource.transaction(async (manager) => {
      const hours = this.hours.withManager(manager);
      await hours.delete(clinicId, {});
      await hours.insert(clinicId, rows);
      // the onboarding checklist's "hours saved"
      await new ClinicScopedRepository(manager.getRepository(OnboardingProgress)).upsert(clinicId, { hoursDone: true }, ['clinicId']);
    });
    this.events.dataChanged(clinicId, 'hours');
    return this.week(rows);
  }

  private week(rows: Pick<ClinicHours, 'dayOfWeek' | 'openTime' | 'closeTime' | 'isClosed'>[]) {
    return [0, 1, 2, 3, 4, 5, 6].map(
      (dayOfWeek) => rows.find((r) => r.dayOfWeek === dayOfWeek) ?? { dayOfWeek, openTime: null, closeTime: null, isClosed: true },
    );
  }
}

/** The rows to store, or a 400 naming `items.<i>.<field>` for each problem. */
export function validateWeek(days: ClinicHoursDayDto[]): Pick<ClinicHours, 'dayOfWeek' | 'openTime' | 'closeTime' | 'isClosed'>[] {
  const errors: FieldError[] = [];
  const seen = new Map<number, number>();
  days.forEach((day, i) => {
    const first = seen.get(day.dayOfWeek);
    if (first !== undefined) {
      errors.push({ field: `items.${i}.dayOfWeek`, message: `${DAY_NAMES[day.dayOfWeek]} is listed twice (rows ${first + 1} and ${i + 1})` });
    }
    seen.set(day.dayOfWeek, i);
    if (!day.isClosed && day.openTime && day.closeTime && day.openTime >= day.closeTime) {
      errors.push({ field: `items.${i}.closeTime`, message: `Closing time must be after opening time on ${DAY_NAMES[day.dayOfWeek]}` });
    }
  });
  const missing = [0, 1, 2, 3, 4, 5, 6].filter((d) => !seen.has(d));
  if (missing.length) {
    errors.push({ field: 'items', message: `Every day must be listed once; missing ${missing.map((d) => DAY_NAMES[d]).join(', ')}` });
  }
  if (errors.length) throw invalidFields(errors);
  return days
    .map((d) => ({
      dayOfWeek: d.dayOfWeek,
      openTime: d.isClosed ? null : d.openTime,
      closeTime: d.isClosed ? null : d.closeTime,
      isClosed: d.isClosed,
    }))
    .sort((a, b) => a.dayOfWeek - b.dayOfWeek);
}
