import { Injectable, Optional, SetMetadata, StreamableFile, type CallHandler, type ExecutionContext, type NestInterceptor, type OnModuleDestroy } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request } from 'express';
import { DateTime } from 'luxon';
import { from, mergeMap, type Observable, type Subscription } from 'rxjs';
import type { DataSource } from 'typeorm';
import { ClinicConfigEvents } from '../../clinics/clinic-config-events.js';
import { ExpiringCache } from '../cache/expiring-cache.js';

/** An instant as the API's entities write it: ISO 8601 in UTC. */
const UTC_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** a clinic's zone changes rarely; a change event drops it at once, and this bounds a missed event */
const ZONE_TTL_MS = 60_000;

type Zones = ReadonlyMap<string, string>;

/**
 * Instants in responses at the clinic's own offset (STYLE: the API sends instants with their
 * offset, the console does no time-zone arithmetic): `2026-11-20T18:04:00.000Z` from a Vancouver
 * clinic goes out as `2026-11-20T10:04:00.000-08:00` — the same instant, as the clinic's staff
 * live it. Which zone: the nearest enclosing object's own `timezone` (a clinic's record), else
 * its `clinicId`'s, else the route's `:clinicId`'s; anything about no clinic stays in UTC. The
 * clinic's zone name is in its own record (`timezone`). Files and streams pass untouched.
 */
const AS_WRITTEN = 'instants:as-written';

/**
 * A controller (or route) whose answers keep their instants as written: the webhooks of Vapi and
 * Telnyx answer machines in their own contracts, on the hot path, not people.
 */
export const InstantsAsWritten = () => SetMetadata(AS_WRITTEN, true);

@Injectable()
export class ClinicInstantsInterceptor implements NestInterceptor, OnModuleDestroy {
  private readonly zones = new ExpiringCache<string | null>({ ttlMs: ZONE_TTL_MS, maxEntries: 5_000 });
  private readonly subscription?: Subscription;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reflector: Reflector,
    /** a clinic's change (its time zone among them) is seen by the next response, on every replica */
    @Optional() events?: ClinicConfigEvents,
  ) {
    this.subscription = events?.changed$.subscribe(({ clinicId }) => this.zones.delete(clinicId));
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    if (this.reflector.getAllAndOverride<boolean>(AS_WRITTEN, [context.getHandler(), context.getClass()])) return next.handle();
    const routeClinic = context.switchToHttp().getRequest<Request>().params?.['clinicId'];
    return next.handle().pipe(mergeMap((body: unknown) => from(this.atClinicOffsets(body, typeof routeClinic === 'string' ? routeClinic : undefined))));
  }

  private async atClinicOffsets(body: unknown, routeClinic: string | undefined): Promise<unknown> {
    if (body === null || typeof body !== 'object' || !walkable(body)) return body;
    const ids = new Set<string>();
    if (routeClinic && UUID.test(routeClinic)) ids.add(routeClinic);
    // nothing names a clinic or carries its zone (a platform admin's own data): answered as written
    if (!collectClinicIds(body, ids, 0) && ids.size === 0) return body;
    const zones = new Map<string, string>();
    await Promise.all(
      [...ids].map(async (id) => {
        const zone = await this.zones.get(id, () => this.zoneOf(id)).catch(() => null);
        if (zone) zones.set(id, zone);
      }),
    );
    return rewrite(body, routeClinic ? zones.get(routeClinic) : undefined, zones, 0);
  }

  private async zoneOf(clinicId: string): Promise<string | null> {
    const rows: { timezone: string }[] = await this.dataSource.query('SELECT timezone FROM clinics WHERE id = $1', [clinicId]);
    return rows[0]?.timezone ?? null;
  }
}

/** Deep enough for every response the API writes; deeper data is left as it is. */
const MAX_DEPTH = 12;

function walkable(value: object): boolean {
  if (value instanceof StreamableFile || Buffer.isBuffer(value) || ArrayBuffer.isView(value)) return false;
  const candidate = value as { pipe?: unknown; toJSON?: unknown };
  return typeof candidate.pipe !== 'function' && (value instanceof Date || typeof candidate.toJSON !== 'function');
}

/** Adds every `clinicId` found to `ids`; true when some object carries its own `timezone`. */
function collectClinicIds(value: unknown, ids: Set<string>, depth: number): boolean {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object' || value instanceof Date || !walkable(value)) return false;
  let zoned = false;
  if (Array.isArray(value)) {
    for (const item of value) zoned = collectClinicIds(item, ids, depth + 1) || zoned;
    return zoned;
  }
  const { clinicId, timezone } = value as { clinicId?: unknown; timezone?: unknown };
  if (typeof clinicId === 'string' && UUID.test(clinicId)) ids.add(clinicId);
  zoned = typeof timezone === 'string';
  for (const item of Object.values(value)) zoned = collectClinicIds(item, ids, depth + 1) || zoned;
  return zoned;
}

function rewrite(value: unknown, zone: string | undefined, zones: Zones, depth: number): unknown {
  if (typeof value === 'string') return zone && UTC_INSTANT.test(value) ? atZone(value, zone) : value;
  if (value instanceof Date) return zone && !Number.isNaN(value.getTime()) ? atZone(value.toISOString(), zone) : value;
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object' || !walkable(value)) return value;
  if (Array.isArray(value)) return value.map((item) => rewrite(item, zone, zones, depth + 1));
  const { clinicId, timezone } = value as { clinicId?: unknown; timezone?: unknown };
  // a clinic's own record carries its zone; anything else belongs to the clinic it names
  const own = (typeof timezone === 'string' && isZone(timezone) ? timezone : undefined) ?? (typeof clinicId === 'string' ? zones.get(clinicId) : undefined) ?? zone;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = rewrite(item, own, zones, depth + 1);
  return out;
}

/** An IANA zone luxon knows (remembered: a clinic list repeats a few zones). */
const knownZones = new Map<string, boolean>();
function isZone(name: string): boolean {
  let known = knownZones.get(name);
  if (known === undefined) {
    known = DateTime.now().setZone(name).isValid;
    if (knownZones.size < 1_000) knownZones.set(name, known);
  }
  return known;
}

function atZone(iso: string, zone: string): string {
  const at = DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone);
  return at.isValid ? (at.toISO({ includeOffset: true }) ?? iso) : iso;
}
