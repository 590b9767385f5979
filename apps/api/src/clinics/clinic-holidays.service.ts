import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';
import type { AuthUser } from '../common/auth/auth-user.js';
import { ConflictError, invalidFields } from '../common/errors/domain-error.js';
import { DEFAULT_PAGE_SIZE, pageQuery, toPage, type ListOrder } from '../common/pagination/cursor.js';
import { ClinicScopedRepository } from '../database/clinic-scoped.repository.js';
import { uniqueViolation } from '../database/db-errors.js';
import { ClinicConfigEvents } from './clinic-config-events.js';
import { ClinicHoliday } from './clinic-holiday.entity.js';
import { ClinicsService } from './clinics.service.js';
import type { CreateClinicHolidayDto, ListClinicHolidaysQueryDto } from './dto/clinic-holiday.dto.js';
import { statutoryHolidays, statutorySource } from './statutory-holidays.js';

const BY_DATE: ListOrder = { keys: [['h.date', 'date']], id: 'h.id' };

/** Days a clinic is closed. Past holidays are kept (history); one per date. Changes are announced on ClinicConfigEvents. */
@Injectable()
export class ClinicHolidaysService {
  private readonly holidays: ClinicScopedRepository<ClinicHoliday>;

  constructor(
    @InjectRepository(ClinicHoliday) repository: Repository<ClinicHoliday>,
    private readonly clinics: ClinicsService,
    private readonly events: ClinicConfigEvents,
  ) {
    this.holidays = new ClinicScopedRepository(repository);
  }

  /** Ordered by date, optionally between `from` and `to` (inclusive). */
  async list(actor: AuthUser | undefined, clinicId: string, query: ListClinicHolidaysQueryDto) {
    await this.clinics.assertReachable(actor, clinicId);
    if (query.from && query.to && query.from > query.to) {
      throw invalidFields([{ field: 'from', message: 'The From date must not be after the To date' }]);
    }
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const qb = pageQuery(this.holidays.createQueryBuilder(clinicId, 'h'), BY_DATE, query.cursor, limit);
    if (query.from) qb.andWhere('h.date >= :from', { from: query.from });
    if (query.to) qb.andWhere('h.date <= :to', { to: query.to });
    return toPage(await qb.getMany(), limit, (h) => ({ keys: [h.date], id: h.id }));
  }

  async create(actor: AuthUser | undefined, clinicId: string, input: CreateClinicHolidayDto): Promise<ClinicHoliday> {
    await this.clinics.assertReachable(actor, clinicId);
    try {
      const holiday = await this.holidays.save(clinicId, this.holidays.create(clinicId, { date: input.date, name: input.name }));
      this.events.dataChanged(clinicId, 'holidays');
      return holiday;
    } catch (error) {
      if (uniqueViolation(error) === 'uq_clinic_holidays_clinic_id_date') {
        throw new ConflictError(`There is already a holiday on ${input.date}`, [
          { field: 'date', message: 'the clinic already has a holiday on this date' },
        ]);
      }
      throw error;
    }
  }

  /**
   * Adds the statutory holidays of the clinic's province for `year` (date-holidays' calendar). A
   * date the clinic already has a holiday on — imported before, or added by hand — is left as it
   * is, so importing again adds nothing.
   */
  async importStatutory(actor: AuthUser | undefined, clinicId: string, year: number) {
    const clinic = await this.clinics.assertReachable(actor, clinicId);
    const holidays = await statutoryHolidays(clinic.province, year);
    if (!holidays) {
      throw invalidFields([{ field: 'year', message: `Statutory holidays are not known for the clinic's province (${clinic.province}); add them by hand` }]);
    }
    const source = statutorySource(clinic.province);
    const inserted = await this.holidays.insertNew(
      clinicId,
      holidays.map((h) => ({ date: h.date, name: h.name, source })),
    );
    if (inserted.length) this.events.dataChanged(clinicId, 'holidays');
    const ids = inserted.map((row) => row.id as string);
    const items = ids.length ? await this.holidays.find(clinicId, { where: { id: In(ids) }, order: { date: 'ASC' } }) : [];
    return { year, source, added: items.length, skipped: holidays.length - items.length, items };
  }

  async remove(actor: AuthUser | undefined, clinicId: string, holidayId: string): Promise<void> {
    await this.clinics.assertReachable(actor, clinicId);
    await this.holidays.findOneByOrFail(clinicId, { id: holidayId }, 'Holiday');
    await this.holidays.delete(clinicId, { id: holidayId });
    this.events.dataChanged(clinicId, 'holidays');
  }
}
