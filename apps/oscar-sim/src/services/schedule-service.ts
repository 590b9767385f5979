import { DateTime } from 'luxon';
import { GENERIC_SERVER_FAULT, serverFault } from '../soap/fault.js';
import { serverDay } from '../time/xs-datetime.js';
import type { ServiceHandlers } from './handler.js';
import { appointmentHandlers } from './appointment-ops.js';

/** ScheduleWs: template codes, appointment types, day schedules, plus the appointment operations. */
export const scheduleHandlers: ServiceHandlers = {
  ...appointmentHandlers,
  getScheduleTemplateCodes: (_args, ctx) => ctx.state.scheduleCodes.map((c) => ({
    id: c.id,
    code: c.code,
    description: c.description,
    duration: c.duration === null || c.duration === undefined ? null : String(c.duration),
    bookinglimit: c.bookinglimit,
    confirm: c.confirm,
    color: c.color,
  })),
  getAppointmentTypes: (_args, ctx) => ctx.state.appointmentTypes.map((t) => ({
    id: t.id, name: t.name, duration: t.duration, location: t.location, notes: t.notes, reason: t.reason,
    resources: t.resources,
  })),
  /**
   * The provider's active scheduledate for the server-local day → its template's timecode, one
   * character per slot from local midnight, `_` slots left out. Absent when not scheduled; a
   * holiday keeps its slots; a missing template gives only the holiday flag.
   */
  getDayWorkSchedule: (args, ctx) => {
    if (!(args.arg1 instanceof DateTime)) throw serverFault(GENERIC_SERVER_FAULT);
    const { state } = ctx;
    const day = serverDay(args.arg1, state.zone);
    const scheduled = state.scheduledTemplate(String(args.arg0 ?? ''), day);
    if (!scheduled) return null;
    const holiday = state.holidays.has(day);
    const template = scheduled.template;
    if (!template) return { holiday };
    const slotMinutes = 1440 / template.timecode.length;
    const midnight = DateTime.fromISO(day, { zone: state.zone });
    const timeSlots = [...template.timecode].flatMap((code, i) =>
      code === '_' ? [] : [{ date: midnight.plus({ minutes: i * slotMinutes }), scheduleCode: code }]);
    return { holiday, timeSlotDurationMin: slotMinutes, timeSlots };
  },
  testTimeZone_1492_05_12_18_26_32: (args, ctx) => {
    const dt = DateTime.fromObject({ year: 1492, month: 5, day: 12, hour: 18, minute: 26, second: 32 }, { zone: ctx.state.zone });
    return args.arg0 === true ? dt.toUTC() : dt;
  },
};
