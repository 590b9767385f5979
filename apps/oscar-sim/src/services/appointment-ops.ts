import { DateTime } from 'luxon';
import { GENERIC_SERVER_FAULT, serverFault } from '../soap/fault.js';
import type { XsObject } from '../soap/unmarshal.js';
import type { StoredAppointment } from '../state/sim-state.js';
import { serverDay } from '../time/xs-datetime.js';
import { type CallContext, type ServiceHandlers, requireLogin } from './handler.js';
import { type CopiedFields, copyTransfer, toAppointmentTransfer, toArchiveTransfer } from './appointment-mapping.js';
import { page } from './demographic-search.js';

const rows = (ctx: CallContext): StoredAppointment[] => [...ctx.state.appointments.values()];
const asDate = (v: unknown): DateTime | null => (v instanceof DateTime ? v : null);
const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
const bool = (v: unknown): boolean => v === true;

/**
 * The transfer object of each row, made once per row (rows are replaced, never edited, when an
 * appointment changes): the marshaller then writes a row it has written before from memory
 * (`marshal.ts`), as a month-long list is asked for again and again.
 */
const transferMemo = new WeakMap<StoredAppointment, Map<string, Record<string, unknown>>>();

function transferOf(row: StoredAppointment, useGmt: boolean, zone: string): Record<string, unknown> {
  let byForm = transferMemo.get(row);
  if (!byForm) transferMemo.set(row, (byForm = new Map()));
  const form = `${useGmt} ${zone}`;
  let transfer = byForm.get(form);
  if (!transfer) byForm.set(form, (transfer = Object.freeze(toAppointmentTransfer(row, useGmt, zone))));
  return transfer;
}

function transfers(list: StoredAppointment[], useGmt: boolean, ctx: CallContext): unknown[] {
  return list.map((row) => transferOf(row, useGmt, ctx.state.zone));
}

/** The day a dateTime parameter falls on in the server zone; a missing date is a NullPointerException. */
function dayOf(v: unknown, ctx: CallContext): string {
  const dt = asDate(v);
  if (!dt) throw serverFault(GENERIC_SERVER_FAULT);
  return serverDay(dt, ctx.state.zone);
}

function byStart(a: StoredAppointment, b: StoredAppointment): number {
  return a.startTime < b.startTime ? -1 : a.startTime > b.startTime ? 1 : a.id - b.id;
}

function forProvider(args: XsObject, ctx: CallContext, useGmt: boolean): unknown[] {
  const day = dayOf(args.arg1, ctx);
  const list = rows(ctx)
    .filter((a) => a.providerNo === args.arg0 && a.date === day && a.status !== 'C')
    .sort(byStart);
  return transfers(list, useGmt, ctx);
}

/** date >= start day and date < end day, whole days in the server zone; all statuses; unordered. */
function forDateRange(args: XsObject, ctx: CallContext, useGmt: boolean): unknown[] {
  const from = dayOf(args.arg0, ctx);
  const to = dayOf(args.arg1, ctx);
  const list = rows(ctx).filter((a) => a.providerNo === args.arg2 && a.date >= from && a.date < to);
  return transfers(list, useGmt, ctx);
}

/** Newest date first; within a day in table order (the query sorts by date only). */
function forPatient(args: XsObject, ctx: CallContext, useGmt: boolean): unknown[] {
  const list = rows(ctx)
    .filter((a) => a.demographicNo === args.arg0)
    .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  return transfers(page(list, num(args.arg1), num(args.arg2)), useGmt, ctx);
}

function getOne(args: XsObject, ctx: CallContext, useGmt: boolean): unknown {
  const row = typeof args.arg0 === 'number' ? ctx.state.appointments.get(args.arg0) : undefined;
  return row ? toAppointmentTransfer(row, useGmt, ctx.state.zone) : null;
}

const updatedAfter = (after: DateTime | null) => (a: StoredAppointment) =>
  !after || a.updateDateTime.toMillis() > after.toMillis();

function add(args: XsObject, ctx: CallContext): number {
  const transfer = args.arg0 as XsObject | null | undefined;
  if (!transfer) throw serverFault(GENERIC_SERVER_FAULT);
  const fields = copyTransfer(transfer, ctx.state.zone);
  if (!fields.date || !fields.startTime || !fields.endTime) {
    throw serverFault('could not insert: [org.oscarehr.common.model.Appointment]');
  }
  const now = ctx.state.now().startOf('second');
  const row = ctx.state.insertAppointment({
    ...(fields as CopiedFields),
    creator: requireLogin(ctx).userName,
    lastUpdateUser: null,
    createDateTime: now,
    updateDateTime: now,
  });
  return row.id;
}

function update(args: XsObject, ctx: CallContext): null {
  const transfer = args.arg0 as XsObject | null | undefined;
  if (!transfer) throw serverFault(GENERIC_SERVER_FAULT);
  if (typeof transfer.id !== 'number') throw serverFault('id to load is required for loading');
  const existing = ctx.state.appointments.get(transfer.id);
  if (!existing) throw serverFault('Target must not be null');
  const fields = copyTransfer(transfer, ctx.state.zone, existing);
  const now = ctx.state.now().startOf('second');
  ctx.state.archiveAppointment(existing, now);
  ctx.state.appointments.set(existing.id, { ...existing, ...fields, updateDateTime: now });
  return null;
}

export const appointmentHandlers: ServiceHandlers = {
  getAppointment: (args, ctx) => getOne(args, ctx, false),
  getAppointment2: (args, ctx) => getOne(args, ctx, bool(args.arg1)),
  getAppointmentsForProvider: (args, ctx) => forProvider(args, ctx, false),
  getAppointmentsForProvider2: (args, ctx) => forProvider(args, ctx, bool(args.arg2)),
  getAppointmentsForDateRangeAndProvider: (args, ctx) => forDateRange(args, ctx, false),
  getAppointmentsForDateRangeAndProvider2: (args, ctx) => forDateRange(args, ctx, bool(args.arg3)),
  getAppointmentsForPatient: (args, ctx) => forPatient(args, ctx, false),
  getAppointmentsForPatient2: (args, ctx) => forPatient(args, ctx, bool(args.arg3)),
  addAppointment: add,
  updateAppointment: update,
  getAppointmentsUpdatedAfterDate: (args, ctx) => {
    const list = rows(ctx).filter(updatedAfter(asDate(args.arg0)))
      .sort((a, b) => a.updateDateTime.toMillis() - b.updateDateTime.toMillis());
    return transfers(page(list, 0, num(args.arg1)), bool(args.arg2), ctx);
  },
  getAppointmentArchivesUpdatedAfterDate: (args, ctx) => {
    const after = asDate(args.arg0);
    const list = ctx.state.archive.filter((a) => !after || a.archivedAt.toMillis() > after.toMillis());
    return page(list, 0, num(args.arg1)).map((a) => toArchiveTransfer(a, bool(args.arg2), ctx.state.zone));
  },
  getAppointmentsByDemographicIdAfter: (args, ctx) => {
    const list = rows(ctx).filter((a) => a.demographicNo === args.demographicId)
      .filter(updatedAfter(asDate(args.lastUpdate)));
    return transfers(list, bool(args.useGMTTime), ctx);
  },
  getAppointmentsByProgramProviderDemographicDate: (args, ctx) => {
    const list = rows(ctx)
      .filter((a) => (args.arg1 == null || a.providerNo === args.arg1) && (args.arg2 == null || a.demographicNo === args.arg2))
      .filter(updatedAfter(asDate(args.arg3)));
    return transfers(page(list, 0, num(args.arg4)), bool(args.arg5), ctx);
  },
  getAllDemographicIdByProgramProvider: (args, ctx) => [
    ...new Set(rows(ctx).filter((a) => a.providerNo === args.arg1 && a.demographicNo > 0).map((a) => a.demographicNo)),
  ],
};
