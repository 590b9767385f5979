import { Injectable } from '@nestjs/common';
import { say, spokenList } from '../speech.js';
import type { ToolContext } from '../tool-context.js';
import { resultAnswer, type ToolAnswer } from '../tool-reply.js';
import { ClinicCalendar } from './clinic-calendar.js';
import { clinicMinute } from './clinic-minute.js';
import { VoiceProviders } from './voice-providers.js';

/**
 * `get_clinic_info` and `get_providers`: facts from our own database only (no EMR on the first
 * turn), read through the webhook's clinic caches (config, hours and holidays, providers).
 */
@Injectable()
export class ClinicInfoTools {
  constructor(
    private readonly calendar: ClinicCalendar,
    private readonly providers: VoiceProviders,
  ) {}

  async getClinicInfo(ctx: ToolContext): Promise<ToolAnswer> {
    const { clinic, lang } = ctx;
    const config = clinic.config;
    const now = clinicMinute(clinic.timezone);
    const { hours: row, holiday } = await this.calendar.day(clinic.id, now);
    const open = !!row && !row.isClosed && !holiday && !!row.openTime && !!row.closeTime;
    const hhmm = now.hhmm;
    const openNow = open && hhmm >= (row!.openTime as string) && hhmm < (row!.closeTime as string);
    // the clinic's own greeting in the caller's language, else ours in that language (never the English one to a Mandarin caller)
    const greeting = (lang === 'zh' ? config.customGreetingZh : config.customGreeting)?.trim() || null;
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
