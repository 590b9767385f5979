import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import type { Repository } from 'typeorm';
import { ClinicHoliday } from '../../clinics/clinic-holiday.entity.js';
import { ClinicHours } from '../../clinics/clinic-hours.entity.js';
import { ClinicScopedRepository } from '../../database/clinic-scoped.repository.js';
import { say, spokenList } from '../speech.js';
import type { ToolContext } from '../tool-context.js';
import { resultAnswer, type ToolAnswer } from '../tool-reply.js';
import { VoiceProviders } from './voice-providers.js';

/** `get_clinic_info` and `get_providers`: facts from our own database only (no EMR on the first turn). */
@Injectable()
export class ClinicInfoTools {
  private readonly hours: ClinicScopedRepository<ClinicHours>;
  private readonly holidays: ClinicScopedRepository<ClinicHoliday>;

  constructor(
    @InjectRepository(ClinicHours) hours: Repository<ClinicHours>,
    @InjectRepository(ClinicHoliday) holidays: Repository<ClinicHoliday>,
    private readonly providers: VoiceProviders,
  ) {
    this.hours = new ClinicScopedRepository(hours);
    this.holidays = new ClinicScopedRepository(holidays);
  }

  async getClinicInfo(ctx: ToolContext): Promise<ToolAnswer> {
    const { clinic, lang } = ctx;
    const config = clinic.config;
    const now = DateTime.now().setZone(clinic.timezone);
    const today = now.toISODate() as string;
    const [row, holiday] = await Promise.all([
      this.hours.findOneBy(clinic.id, { dayOfWeek: now.weekday % 7 }),
      this.holidays.findOneBy(clinic.id, { date: today }),
    ]);
    const open = !!row && !row.isClosed && !holiday && !!row.openTime && !!row.closeTime;
    const hhmm = now.toFormat('HH:mm');
    const openNow = open && hhmm >= (row!.openTime as string) && hhmm < (row!.closeTime as string);
    const greeting = (lang === 'zh' ? config.customGreetingZh || config.customGreeting : config.customGreeting)?.trim() || null;
    return resultAnswer({
      clinicName: clinic.name,
      greeting,
      languages: config.supportedLanguages,
      defaultLanguage: config.defaultLanguage,
      openNow,
      todayHours: open ? { open: row!.openTime, close: row!.closeTime } : null,
      closedToday: !open,
      holidayToday: holiday?.name ?? null,
      acceptingNewPatients: config.acceptingNewPatients,
      waitlistEnabled: config.waitlistEnabled,
      transferAvailable: !!config.transferPhoneNumber,
      say: greeting ?? say(lang, 'greeting', { name: clinic.name }),
    });
  }

  async getProviders(ctx: ToolContext): Promise<ToolAnswer> {
    const providers = await this.providers.bookable(ctx.clinic.id);
    return resultAnswer({
      providers: providers.map(({ providerId, providerName, specialty, languages, acceptingNewPatients }) => ({ providerId, providerName, specialty, languages, acceptingNewPatients })),
      say: providers.length
        ? say(ctx.lang, 'providers', { list: spokenList(providers.slice(0, 6).map((p) => p.providerName), ctx.lang) })
        : say(ctx.lang, 'noProviders'),
      next: providers.length ? 'none' : 'transfer',
    });
  }
}
