import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { assertClinicId } from '../database/clinic-scoped.repository.js';
import type { BookedInterval } from './bookable-starts.js';
import type { ClaimKind } from './scheduling-claim.entity.js';
import type { SlotOffer } from './scheduling.types.js';

/** Looks at what is held, then claims the free ones in order: this many looks before an offer goes out unheld, */
const HOLD_ROUNDS = 8;
/** and this many claims lost to other callers between two looks. */
const HOLD_TRIES_PER_LOOK = 8;

/** How long a landed booking still blocks its slots for searches working from slightly older reads. */
export const BOOKED_MARK_MS = 120_000;

/** One schedule slot a booking takes. */
export interface ClaimedSlot {
  providerNo: string;
  start: Date;
  end: Date;
}

export type PatientDayClaim = 'claimed' | 'busy' | 'reread';

/** The slots an offer occupies (its start, then one per slot length, buffer included). */
export function offerSlots(offer: Pick<SlotOffer, 'providerId' | 'startTime' | 'slotMinutes' | 'slots'>): ClaimedSlot[] {
  // slots are absolute minutes (clinic-time.ts): plain epoch arithmetic, no zone needed — a search
  // holds the first free of a whole day's ranked starts, so this runs for every one of them
  const first = Date.parse(offer.startTime);
  const slotMs = offer.slotMinutes * 60_000;
  const out: ClaimedSlot[] = [];
  for (let i = 0; i < Math.max(1, offer.slots); i++) {
    const start = first + i * slotMs;
    out.push({ providerNo: offer.providerId, start: new Date(start), end: new Date(start + slotMs) });
  }
  return out;
}

export function slotKey(slot: ClaimedSlot): string {
  return `slot:${slot.providerNo}:${slot.start.toISOString()}`;
}

function patientDayKey(demographicNo: number, date: string): string {
  return `patient-day:${demographicNo}:${date}`;
}

class ClaimRefused extends Error {}

/**
 * Offer holds and booking claims (`scheduling_claims`, docs/decisions.md): all-or-nothing claims
 * of every slot a booking occupies, taken with one INSERT … ON CONFLICT in a short transaction —
 * an unexpired claim of another call refuses at once, nobody waits on a lock holding a pooled
 * connection, and every replica sees the same rows. Times are the database's clock.
 */
/**
 * Offer holds are committed without waiting for the WAL flush (`synchronous_commit = off` for that
 * statement's transaction only, `set_config(…, true)` inside the statement): every other session
 * sees them at once, as with any commit; only a crash of PostgreSQL itself may forget the last
 * fraction of a second of them — a hold lasts minutes and guards nothing a booking does not check
 * again, while the flush cost a search 10–100 ms on a busy disk. Booking claims and their settling
 * keep the flush.
 */

@Injectable()
export class SchedulingClaims {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Slots other calls hold or are booking (or booked a moment ago), by provider. */
  async heldByOthers(clinicId: string, callId: string): Promise<Map<string, BookedInterval[]>> {
    assertClinicId(clinicId);
    const rows: { provider_no: string; starts_at: Date; ends_at: Date }[] = await this.dataSource.query(
      `SELECT provider_no, starts_at, ends_at FROM scheduling_claims
        WHERE clinic_id = $1 AND provider_no IS NOT NULL AND expires_at > now() AND call_id <> $2`,
      [clinicId, callId],
    );
    const out = new Map<string, BookedInterval[]>();
    for (const r of rows) {
      const list = out.get(r.provider_no) ?? [];
      list.push({ id: -1, start: new Date(r.starts_at).toISOString(), end: new Date(r.ends_at).toISOString(), cancelled: false, noShow: false });
      out.set(r.provider_no, list);
    }
    return out;
  }

  /**
   * Holds an offer for the call (its earlier offer hold ends): the first of `offers` whose slots
   * nobody else holds. Returns the held offer, or null when every one is taken.
   */
  async holdFirst(clinicId: string, callId: string, offers: readonly SlotOffer[], holdMs: number): Promise<SlotOffer | null> {
    assertClinicId(clinicId);
    const slotsOf = offers.map((offer) => offerSlots(offer));
    // the search skipped what was held when it began: the top offer is most often free, so it is claimed without a look first
    if (offers[0] && (await this.holdOffer(clinicId, callId, slotsOf[0] as ClaimedSlot[], holdMs))) return offers[0];
    // callers racing for the same starts: skip what is held now, claim the first free one, look again if beaten to it
    let attempts = 1;
    for (let round = 0; round < HOLD_ROUNDS; round++) {
      const held = await this.heldKeys(clinicId, callId, slotsOf.flat().map(slotKey));
      const free = offers.map((_, i) => i).filter((i) => (slotsOf[i] as ClaimedSlot[]).every((slot) => !held.has(slotKey(slot))));
      if (free.length === 0) return null;
      for (const i of free) {
        // the call's earlier offer hold ends in the same transaction that makes the new one
        if (await this.holdOffer(clinicId, callId, slotsOf[i] as ClaimedSlot[], holdMs)) return offers[i] as SlotOffer;
        // beaten to it: try the next free one; after a few, look again at what is held
        if (++attempts % HOLD_TRIES_PER_LOOK === 0) break;
      }
    }
    await this.releaseOffers(clinicId, callId);
    return null;
  }

  /** Which of these slot keys another call holds or is booking right now. */
  private async heldKeys(clinicId: string, callId: string, keys: readonly string[]): Promise<Set<string>> {
    const rows: { claim_key: string }[] = await this.dataSource.query(
      `SELECT claim_key FROM scheduling_claims WHERE clinic_id = $1 AND claim_key = ANY($2::text[]) AND expires_at > now() AND call_id <> $3`,
      [clinicId, [...new Set(keys)], callId],
    );
    return new Set(rows.map((r) => r.claim_key));
  }

  /**
   * Claims every slot for a booking in progress (the call's own hold on them turns into the claim):
   * all or nothing — false, and none claimed, when another call has one. Keys in one order, so two
   * claims never deadlock.
   */
  async claimBooking(clinicId: string, callId: string, slots: readonly ClaimedSlot[], forMs: number): Promise<boolean> {
    assertClinicId(clinicId);
    const sorted = sortedSlots(slots);
    try {
      await this.dataSource.transaction(async (manager: EntityManager) => {
        const rows: unknown[] = await manager.query(`${CLAIM_INSERT} ${CLAIM_UPSERT}`, claimParameters(clinicId, callId, 'booking', sorted, forMs));
        if (rows.length < sorted.length) throw new ClaimRefused();
      });
      return true;
    } catch (error) {
      if (error instanceof ClaimRefused) return false;
      throw error;
    }
  }

  /**
   * A patient's bookings of one day are checked against `maxApptsPerPatientPerDay` one at a time:
   * `busy` while another booking of theirs that day is in progress, `reread` when one landed after
   * `readStartedAt` (the chart's appointments must be read again), else `claimed`.
   */
  async claimPatientDay(clinicId: string, callId: string, demographicNo: number, date: string, readStartedAt: Date, forMs: number): Promise<PatientDayClaim> {
    assertClinicId(clinicId);
    const key = patientDayKey(demographicNo, date);
    const claimed: unknown[] = await this.dataSource.query(
      `INSERT INTO scheduling_claims (clinic_id, claim_key, call_id, kind, expires_at)
       VALUES ($1, $2, $3, 'booking', now() + $4 * interval '1 millisecond')
       ON CONFLICT (clinic_id, claim_key) DO UPDATE SET call_id = EXCLUDED.call_id, kind = 'booking', expires_at = EXCLUDED.expires_at, settled_at = NULL
        WHERE scheduling_claims.expires_at <= now()
           OR (scheduling_claims.kind = 'booked' AND scheduling_claims.settled_at < $5)
           OR (scheduling_claims.call_id = EXCLUDED.call_id AND scheduling_claims.kind <> 'booked')
       RETURNING claim_key`,
      [clinicId, key, callId, Math.round(forMs), readStartedAt.toISOString()],
    );
    if (claimed.length) return 'claimed';
    const [row] = (await this.dataSource.query('SELECT kind FROM scheduling_claims WHERE clinic_id = $1 AND claim_key = $2', [clinicId, key])) as { kind: ClaimKind }[];
    return row?.kind === 'booked' ? 'reread' : 'busy';
  }

  /** The booking landed: its slots stay blocked a short while; the patient-day check is free again for readers after now. */
  async settle(clinicId: string, callId: string, slots: readonly ClaimedSlot[], demographicNo: number, date: string): Promise<void> {
    assertClinicId(clinicId);
    await this.dataSource.query(
      `UPDATE scheduling_claims SET kind = 'booked', settled_at = now(), expires_at = now() + $4 * interval '1 millisecond'
        WHERE clinic_id = $1 AND call_id = $2 AND claim_key = ANY($3::text[])`,
      [clinicId, callId, [...slots.map(slotKey), patientDayKey(demographicNo, date)], BOOKED_MARK_MS],
    );
    await this.releaseOffers(clinicId, callId);
  }

  /** A booking that did not happen gives its claims back (its patient-day claim too). */
  async release(clinicId: string, callId: string, slots: readonly ClaimedSlot[], demographicNo?: number, date?: string): Promise<void> {
    assertClinicId(clinicId);
    const keys = slots.map(slotKey);
    if (demographicNo !== undefined && date !== undefined) keys.push(patientDayKey(demographicNo, date));
    await this.dataSource.query(`DELETE FROM scheduling_claims WHERE clinic_id = $1 AND call_id = $2 AND kind <> 'booked' AND claim_key = ANY($3::text[])`, [clinicId, callId, keys]);
  }

  /** The call searched again, booked, or ended: its offer hold ends. */
  async releaseOffers(clinicId: string, callId: string): Promise<void> {
    assertClinicId(clinicId);
    await this.dataSource.query(
      `WITH async_commit AS (SELECT set_config('synchronous_commit', 'off', true) AS setting)
       DELETE FROM scheduling_claims WHERE clinic_id = $1 AND call_id = $2 AND kind = 'offer' AND EXISTS (SELECT 1 FROM async_commit)`,
      [clinicId, callId],
    );
  }

  /** Expired claims of every clinic, older than a minute (the janitor). */
  async purgeExpired(): Promise<number> {
    const [, count] = (await this.dataSource.query(`DELETE FROM scheduling_claims WHERE expires_at < now() - interval '1 minute'`)) as [unknown, number];
    return count ?? 0;
  }

  /**
   * An offer hold in one statement, one round trip to PostgreSQL (a search waits for it): the call's
   * earlier offer hold ends, and the slots are claimed unless another call holds one of them —
   * committed without the WAL flush (above). Two calls racing for overlapping slots can each get a
   * part; then the one left short gives its part back and looks elsewhere (no deadlock: keys in order).
   */
  private async holdOffer(clinicId: string, callId: string, slots: readonly ClaimedSlot[], forMs: number): Promise<boolean> {
    const sorted = sortedSlots(slots);
    const rows: unknown[] = await this.dataSource.query(
      `WITH async_commit AS (SELECT set_config('synchronous_commit', 'off', true) AS setting),
            earlier AS (
              DELETE FROM scheduling_claims
               WHERE clinic_id = $1 AND call_id = $2 AND kind = 'offer' AND claim_key <> ALL($5::text[])
            )
       ${CLAIM_INSERT}
          CROSS JOIN async_commit
        WHERE NOT EXISTS (
          SELECT 1 FROM scheduling_claims c
           WHERE c.clinic_id = $1 AND c.claim_key = ANY($5::text[]) AND c.expires_at > now() AND c.call_id <> $2)
       ${CLAIM_UPSERT}`,
      claimParameters(clinicId, callId, 'offer', sorted, forMs),
    );
    if (rows.length === sorted.length) return true;
    if (rows.length > 0) await this.releaseOffers(clinicId, callId);
    return false;
  }
}

/** The claim rows of `claimParameters`' slots ($5 keys, $6 providers, $7 starts, $8 ends; $3 kind, $4 ms). */
const CLAIM_INSERT = `INSERT INTO scheduling_claims (clinic_id, claim_key, call_id, kind, provider_no, starts_at, ends_at, expires_at)
  SELECT $1, t.k, $2, $3, t.p, t.s, t.e, now() + $4 * interval '1 millisecond'
    FROM unnest($5::text[], $6::text[], $7::timestamptz[], $8::timestamptz[]) AS t(k, p, s, e)`;
/** A slot already claimed is taken over only when its claim expired or is this call's own. */
const CLAIM_UPSERT = `ON CONFLICT (clinic_id, claim_key) DO UPDATE
     SET call_id = EXCLUDED.call_id, kind = EXCLUDED.kind, provider_no = EXCLUDED.provider_no, starts_at = EXCLUDED.starts_at,
         ends_at = EXCLUDED.ends_at, expires_at = EXCLUDED.expires_at, settled_at = NULL, created_at = now()
   WHERE scheduling_claims.expires_at <= now() OR scheduling_claims.call_id = EXCLUDED.call_id
  RETURNING claim_key`;

function sortedSlots(slots: readonly ClaimedSlot[]): ClaimedSlot[] {
  return [...slots].sort((a, b) => slotKey(a).localeCompare(slotKey(b)));
}

function claimParameters(clinicId: string, callId: string, kind: ClaimKind, sorted: readonly ClaimedSlot[], forMs: number): unknown[] {
  return [
    clinicId, callId, kind, Math.round(forMs),
    sorted.map(slotKey), sorted.map((s) => s.providerNo), sorted.map((s) => s.start.toISOString()), sorted.map((s) => s.end.toISOString()),
  ];
}
