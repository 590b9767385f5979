import { Injectable } from '@nestjs/common';
import type { EmrAdapter, EmrPatient } from '../emr/emr-adapter.js';
import { EmrAdapterFactory } from '../emr/emr-adapter.factory.js';
import { sameName } from '../emr/patient-matching.js';
import type { FaxFields } from './fax-extraction-rules.js';

export type FaxMatchMethod = 'phn_exact' | 'name_dob' | 'name_only';

export interface FaxCandidate {
  demographicId: string;
  method: FaxMatchMethod;
  confidence: number;
  /** display name of the chart (PHI: encrypted before it is stored) */
  name: string;
}

export interface FaxMatchResult {
  candidates: FaxCandidate[];
  /** the candidate to match without review, when the rules allow one */
  best: FaxCandidate | null;
}

export const DEFAULT_AUTO_MATCH_THRESHOLD = 0.9;
const MAX_CANDIDATES = 3;

/** "HARRIET JONES" as OSCAR keeps it → "Harriet Jones" (how staff write a name). */
export function chartDisplayName(p: Pick<EmrPatient, 'firstName' | 'lastName' | 'demographicNo'>): string {
  const name = [p.firstName, p.lastName].filter(Boolean).join(' ').toLowerCase().replace(/(^|[\s'-])(\p{L})/gu, (_all, sep: string, ch: string) => sep + ch.toUpperCase());
  return name || `Chart ${p.demographicNo}`;
}

/**
 * Confidence of a chart found by one method, given what else the document says:
 * - `phn_exact`: the health number is the chart's. 1.0 when the name or the date of birth agree
 *   too, 0.8 when neither does (a misread digit that still passes the check is rare but possible).
 * - `name_dob`: name and date of birth; 0.92 alone, split when several charts share both.
 * - `name_only`: the name alone, 0.55 at most and split between charts with the same name, so
 *   it never reaches the lowest threshold a clinic can set (0.6) and two patients of the same
 *   name are never matched without staff.
 */
export function scoreCandidates(fields: FaxFields, found: { phn: EmrPatient[]; nameDob: EmrPatient[]; name: EmrPatient[] }): FaxCandidate[] {
  const byId = new Map<number, FaxCandidate>();
  const keep = (p: EmrPatient, method: FaxMatchMethod, confidence: number) => {
    const current = byId.get(p.demographicNo);
    if (!current || current.confidence < confidence) byId.set(p.demographicNo, { demographicId: String(p.demographicNo), method, confidence: Math.round(confidence * 100) / 100, name: chartDisplayName(p) });
  };
  for (const p of found.phn) {
    const nameAgrees = !!fields.patientLastName && sameName(p.lastName, fields.patientLastName);
    const dobAgrees = !!fields.dateOfBirth && p.dateOfBirth === fields.dateOfBirth;
    keep(p, 'phn_exact', nameAgrees || dobAgrees ? 1 : 0.8);
  }
  for (const p of found.nameDob) keep(p, 'name_dob', 0.92 / found.nameDob.length);
  for (const p of found.name) keep(p, 'name_only', 0.55 / found.name.length);
  return [...byId.values()].sort((a, b) => b.confidence - a.confidence || Number(a.demographicId) - Number(b.demographicId)).slice(0, MAX_CANDIDATES);
}

/** The candidate to match without review: at or above the threshold, and clearly ahead of the next one. */
export function autoMatch(candidates: FaxCandidate[], threshold: number): FaxCandidate | null {
  const [first, second] = candidates;
  if (!first || first.confidence < threshold) return null;
  if (second && second.confidence >= first.confidence) return null;
  return first;
}

/**
 * Finds the chart a fax is about in the clinic's EMR (through the EMR adapter, so its breaker,
 * timeouts and retries apply): by health number, by name and date of birth, by name alone.
 */
@Injectable()
export class FaxMatcher {
  constructor(private readonly emr: EmrAdapterFactory) {}

  async match(clinicId: string, fields: FaxFields, threshold: number): Promise<FaxMatchResult> {
    const adapter = await this.emr.forClinic(clinicId);
    const found = await this.search(adapter, fields);
    const candidates = scoreCandidates(fields, found);
    return { candidates, best: autoMatch(candidates, threshold) };
  }

  private async search(adapter: EmrAdapter, fields: FaxFields) {
    const deadline = Date.now() + 20_000;
    const named = fields.patientFirstName && fields.patientLastName ? { firstName: fields.patientFirstName, lastName: fields.patientLastName } : null;
    const [phn, nameDob] = await Promise.all([
      fields.phn ? adapter.findPatientsByHealthNumber(fields.phn, { deadline }) : Promise.resolve([]),
      named && fields.dateOfBirth ? adapter.findPatientsByNameAndDob({ ...named, dateOfBirth: fields.dateOfBirth }, { deadline }) : Promise.resolve([]),
    ]);
    // the name alone only when nothing stronger found the patient
    const name = named && !phn.length && !nameDob.length ? await adapter.findPatientsByName(named, { deadline }) : [];
    return { phn, nameDob, name };
  }
}
