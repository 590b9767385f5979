import type { AppointmentTypeMapping } from '../providers/effective-config.js';

/**
 * Visit reason → OSCAR appointment type code and duration (SPEC §5, seed 003: `B`
 * general/checkup, `2` follow-up, `3` complaint, `P` prescription). Appointment type codes are not
 * schedule template codes.
 */

export interface AppointmentTypeRules {
  /** visit reason → type, provider overrides merged over the clinic's mappings and the system defaults */
  mappings: Readonly<Record<string, AppointmentTypeMapping>>;
  /** the provider's own `appointmentTypeOverrides` (searched first when a type code is given) */
  providerOverrides: Readonly<Record<string, AppointmentTypeMapping>> | null;
  /** the clinic's own `appointmentTypeMappings` */
  clinicMappings: Readonly<Record<string, AppointmentTypeMapping>> | null;
  enabledVisitReasons: readonly string[];
  defaultAppointmentTypeCode: string;
  /** `appointmentDuration` */
  defaultDurationMinutes: number;
}

export interface ResolvedAppointmentType {
  code: string;
  durationMinutes: number;
  /** the visit reason key the reason matched, if any */
  reasonKey: string | null;
}

/** Words a caller uses → the reason keys they may mean, in order of preference. */
const REASON_KEYWORDS: readonly { words: readonly string[]; keys: readonly string[] }[] = [
  { words: ['follow up', 'followup', 'follow-up', 'results', 'recheck'], keys: ['follow_up', 'followup'] },
  { words: ['prescription', 'refill', 'renewal', 'renew', 'medication'], keys: ['prescription'] },
  { words: ['consult', 'consultation', 'referral'], keys: ['consultation'] },
  { words: ['sick', 'complaint', 'symptom', 'pain', 'fever', 'cough', 'rash', 'infection', 'ill'], keys: ['sick_visit', 'complaint'] },
  { words: ['checkup', 'check up', 'check-up', 'general', 'physical', 'annual', 'routine'], keys: ['checkup', 'general'] },
];

/** `"Follow-up visit"` → `follow_up_visit` */
export function reasonKeyOf(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().trim().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
}

/**
 * The visit reason key a free-text reason means: an exact key first (a mapping or an enabled
 * reason), else the first keyword group it contains (whole words) whose key the clinic knows.
 */
export function matchVisitReason(reason: string | null | undefined, rules: Pick<AppointmentTypeRules, 'mappings' | 'enabledVisitReasons'>): string | null {
  if (!reason?.trim()) return null;
  const known = new Set([...Object.keys(rules.mappings), ...rules.enabledVisitReasons].map(reasonKeyOf));
  const key = reasonKeyOf(reason);
  if (known.has(key)) return key;
  const padded = ` ${reason.toLowerCase().replace(/[^a-z0-9-]+/g, ' ')} `;
  for (const group of REASON_KEYWORDS) {
    if (!group.words.some((word) => padded.includes(` ${word} `) || padded.includes(` ${word}s `))) continue;
    const found = group.keys.find((k) => known.has(k));
    if (found) return found;
  }
  return null;
}

function mappingFor(key: string, mappings: Readonly<Record<string, AppointmentTypeMapping>>): AppointmentTypeMapping | undefined {
  for (const [k, mapping] of Object.entries(mappings)) if (reasonKeyOf(k) === key) return mapping;
  return undefined;
}

/** The duration configured for a type code: provider override → clinic mapping → none. */
function durationOfCode(code: string, rules: AppointmentTypeRules): number | null {
  for (const layer of [rules.providerOverrides, rules.clinicMappings, rules.mappings]) {
    const hit = Object.values(layer ?? {}).find((m) => m.code === code && positive(m.durationMin));
    if (hit) return hit.durationMin as number;
  }
  return null;
}

/**
 * The caller's type code wins; else the reason's mapping; else `defaultAppointmentTypeCode`.
 * Duration: the type's own (provider override → clinic mapping), else `appointmentDuration`.
 */
export function resolveAppointmentType(
  input: { appointmentType?: string | null; reason?: string | null },
  rules: AppointmentTypeRules,
): ResolvedAppointmentType {
  const given = input.appointmentType?.trim();
  if (given) {
    return { code: given, durationMinutes: durationOfCode(given, rules) ?? rules.defaultDurationMinutes, reasonKey: matchVisitReason(input.reason, rules) };
  }
  const reasonKey = matchVisitReason(input.reason, rules);
  const mapping = reasonKey ? mappingFor(reasonKey, rules.mappings) : undefined;
  if (mapping?.code) {
    const duration = positive(mapping.durationMin) ? (mapping.durationMin as number) : durationOfCode(mapping.code, rules);
    return { code: mapping.code, durationMinutes: duration ?? rules.defaultDurationMinutes, reasonKey };
  }
  const code = rules.defaultAppointmentTypeCode;
  return { code, durationMinutes: durationOfCode(code, rules) ?? rules.defaultDurationMinutes, reasonKey };
}

function positive(value: number | null | undefined): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}
