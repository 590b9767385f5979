import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { EmrAdapterFactory } from '../../emr/emr-adapter.factory.js';
import type { EmrAppointment } from '../../emr/emr-adapter.js';
import { SchedulingService } from '../../scheduling/scheduling.service.js';
import type { EarliestResult } from '../../scheduling/scheduling.types.js';
import type { CheckAppointmentsArgs, FindEarliestAppointmentArgs } from '../dto/tool-args.dto.js';
import { say, spokenList, spokenTime } from '../speech.js';
import { assertChartAccess, callChart, type ToolContext } from '../tool-context.js';
import { offerFacts } from '../tool-errors.js';
import { resultAnswer, type ToolAnswer } from '../tool-reply.js';
import { VoiceProviders } from './voice-providers.js';

/** Appointments read out at most. */
const SPOKEN_APPOINTMENTS = 3;
const LISTED_APPOINTMENTS = 10;

/** `find_earliest_appointment` and `check_appointments`: reads only (they simply run again when retried). */
@Injectable()
export class AppointmentSearchTools {
  constructor(
    private readonly scheduling: SchedulingService,
    private readonly emr: EmrAdapterFactory,
    private readonly providers: VoiceProviders,
  ) {}

  async findEarliest(ctx: ToolContext, args: FindEarliestAppointmentArgs): Promise<ToolAnswer> {
    const demographicId = callChart(ctx);
    const { language: _language, ...filters } = args;
    const result = await this.scheduling.findEarliest(ctx.clinic.id, { ...filters, demographicId }, { deadline: ctx.deadline, callId: ctx.callId });
    return resultAnswer({ demographicId, ...this.offerReply(ctx, result) });
  }

  async checkAppointments(ctx: ToolContext, args: CheckAppointmentsArgs): Promise<ToolAnswer> {
    assertChartAccess(ctx, args.demographicId, 'appointments');
    const zone = ctx.clinic.timezone;
    const today = DateTime.now().setZone(zone).startOf('day');
    const from = clampedDay(args.startDate, zone, today);
    const to = args.endDate ? clampedDay(args.endDate, zone, today).endOf('day') : today.plus({ months: 6 }).endOf('day');
    const adapter = await this.emr.forClinic(ctx.clinic.id);
    const [all, names] = await Promise.all([
      adapter.getAppointmentsForPatient(args.demographicId, { deadline: ctx.deadline, limit: 100 }),
      this.providers.names(ctx.clinic.id),
    ]);
    const now = Date.now();
    const upcoming = all
      .filter((a) => !a.cancelled && !a.noShow && a.demographicNo === args.demographicId)
      .filter((a) => inRange(a, from, to) && Date.parse(a.end) > now)
      .sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
    const appointments = upcoming.slice(0, LISTED_APPOINTMENTS).map((a) => ({
      appointmentId: a.id,
      demographicId: a.demographicNo,
      providerId: a.providerNo,
      providerName: (a.providerNo && names.get(a.providerNo)) || null,
      startTime: DateTime.fromISO(a.start, { setZone: true }).setZone(zone).toISO({ suppressMilliseconds: true }),
      endTime: DateTime.fromISO(a.end, { setZone: true }).setZone(zone).toISO({ suppressMilliseconds: true }),
      appointmentType: a.type,
    }));
    const spoken = appointments.slice(0, SPOKEN_APPOINTMENTS).map((a) => {
      const when = spokenTime(a.startTime as string, zone, ctx.lang);
      return a.providerName ? `${when} ${ctx.lang === 'zh' ? '' : 'with '}${a.providerName}` : when;
    });
    const available = args.findAvailable
      ? this.offerReply(ctx, await this.scheduling.findEarliest(ctx.clinic.id, { demographicId: args.demographicId }, { deadline: ctx.deadline, callId: ctx.callId }))
      : undefined;
    const sentence =
      appointments.length === 0
        ? say(ctx.lang, 'noAppointments')
        : appointments.length === 1
          ? say(ctx.lang, 'oneAppointment', { list: spoken[0] })
          : say(ctx.lang, 'appointments', { count: upcoming.length, list: spokenList(spoken, ctx.lang) });
    return resultAnswer({ found: appointments.length > 0, count: upcoming.length, appointments, ...(available ? { available } : {}), say: sentence });
  }

  /** An earliest-slot result as the agent hears it. */
  private offerReply(ctx: ToolContext, result: EarliestResult) {
    const { lang, clinic } = ctx;
    const alternatives = result.alternatives.map(offerFacts);
    if (result.outcome === 'found' && result.offer) {
      const when = spokenTime(result.offer.startTime, clinic.timezone, lang);
      return { found: true, ...offerFacts(result.offer), alternatives, newPatient: result.newPatient, say: say(lang, 'offer', { when, provider: result.offer.providerName }) };
    }
    if (result.outcome === 'ask_patient' && result.choices.length) {
      const [first] = result.choices;
      const when = spokenTime(first.startTime, clinic.timezone, lang);
      return { found: false, askPatient: true, alternatives: result.choices.slice(0, 3).map(offerFacts), say: say(lang, 'choices', { when, provider: first.providerName }) };
    }
    if (result.outcome === 'waitlist' || (result.newPatient && clinic.config.waitlistEnabled && result.outcome === 'none')) {
      return { found: false, alternatives, say: say(lang, 'offerWaitlist'), next: 'offer_waitlist' as const };
    }
    return { found: false, alternatives, say: say(lang, 'noOpenings'), next: 'search_again' as const };
  }
}

/** A caller's date (or date-time) as the clinic's day; past days count as today. */
function clampedDay(text: string | undefined, zone: string, today: DateTime): DateTime {
  const day = text ? DateTime.fromISO(text.slice(0, 10), { zone }).startOf('day') : today;
  return !day.isValid || day < today ? today : day;
}

function inRange(a: EmrAppointment, from: DateTime, to: DateTime): boolean {
  const start = Date.parse(a.start);
  return start >= from.toMillis() && start <= to.toMillis();
}
