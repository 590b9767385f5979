import { EmrError } from '../emr/emr-errors.js';
import { addDays, toClinicIso } from './clinic-time.js';
import { mapBounded } from './bounded.js';
import { matchProviders } from './provider-names.js';
import { ProviderDays, type Candidate, type SearchSession } from './provider-day.js';
import { ineligibility, type ProviderRules } from './provider-rules.js';
import { InvalidSchedulingArgumentsError, NotAcceptingError } from './scheduling-errors.js';
import type { SearchWindow } from './search-filters.js';
import type { EarliestRequest, EarliestResult, SlotOffer } from './scheduling.types.js';
import { nextAtAnotherTime, searchDays } from './slot-search.js';

type FallbackPolicy = 'best_available' | 'same_specialty' | 'ask_patient' | 'waitlist_only';
const POLICIES: readonly FallbackPolicy[] = ['best_available', 'same_specialty', 'ask_patient', 'waitlist_only'];

/**
 * The earliest bookable slot for a caller, with up to two alternatives (SPEC §5): the provider the
 * caller asked for, else the clinic's default provider, then the fallback policy; with neither,
 * every eligible provider. EMR reads happen in `ProviderDays` (once each) under the deadline.
 */
export async function findEarliestIn(session: SearchSession, request: EarliestRequest, deadline: number): Promise<EarliestResult> {
  const { ctx, patient } = session;
  if (patient.newPatient && !ctx.config.acceptingNewPatients) throw new NotAcceptingError('The clinic is not accepting new patients right now.');
  const eligible = ctx.providers.filter((r) => ineligibility(r, patient.newPatient, request.visitMode) === null);
  const asked = askedProvider(request, ctx.providers, eligible);
  const primary = asked ?? defaultProvider(ctx.config.defaultProviderId, eligible);
  const finder = new Finder(session, deadline);

  if (!primary) {
    if (eligible.length === 0 && patient.newPatient && ctx.providers.some((r) => ineligibility(r, false, request.visitMode) === null)) {
      throw new NotAcceptingError('No provider is accepting new patients right now.');
    }
    return finder.earliestOf(eligible.map((r) => finder.days(r)), false, undefined, `earliest of ${eligible.length} eligible providers`);
  }

  const policy = fallbackPolicy(ctx.config.providerFallbackBehavior);
  const fallback = finder.fallbackDays(primary, eligible, policy);
  const blocked = ineligibility(primary, patient.newPatient, request.visitMode);
  if (!blocked) {
    const own = await finder.earliestOf([finder.days(primary)], false, policy === 'waitlist_only' ? [] : fallback, asked ? 'the provider asked for' : 'the clinic’s default provider');
    if (own.outcome === 'found' || own.partial) return own;
  }
  if (policy === 'waitlist_only') return finder.result('waitlist', null, [], [], true);
  const result =
    policy === 'ask_patient'
      ? await finder.choices(fallback)
      : await finder.earliestOf(fallback, true, undefined, `fallback (${policy}): ${blocked ? `${primary.name} is ${blocked.replace(/_/g, ' ')}` : `${primary.name} had nothing`}`);
  if (result.outcome === 'none' && blocked === 'not_accepting') throw new NotAcceptingError(`${primary.name} is not accepting new patients.`);
  return result;
}

/**
 * Every provider `findEarliestIn` may look at for this request, whether the caller turns out to be
 * a new patient or not (the chart is read in the same wave as the providers' appointments): the
 * asked or default provider and its fallbacks, or every eligible provider. An invalid request
 * reads nobody (the search refuses it).
 */
export function searchableProviders(ctx: SearchSession['ctx'], request: EarliestRequest): ProviderRules[] {
  const out = new Set<ProviderRules>();
  for (const newPatient of [false, true]) {
    const eligible = ctx.providers.filter((r) => ineligibility(r, newPatient, request.visitMode) === null);
    let asked: ProviderRules | null;
    try {
      asked = askedProvider(request, ctx.providers, eligible);
    } catch {
      return [];
    }
    const primary = asked ?? defaultProvider(ctx.config.defaultProviderId, eligible);
    if (!primary) {
      for (const r of eligible) out.add(r);
      continue;
    }
    if (ineligibility(primary, newPatient, request.visitMode) === null) out.add(primary);
    const policy = fallbackPolicy(ctx.config.providerFallbackBehavior);
    if (policy !== 'waitlist_only') for (const r of fallbackRules(primary, eligible, policy, ctx.config.maxFallbackProviders)) out.add(r);
  }
  return ctx.providers.filter((r) => out.has(r));
}

function fallbackPolicy(value: string): FallbackPolicy {
  return POLICIES.includes(value as FallbackPolicy) ? (value as FallbackPolicy) : 'best_available';
}

/** Other eligible providers for the fallback policy, at most `maxFallbackProviders`: the same specialty first. */
function fallbackRules(primary: ProviderRules, eligible: readonly ProviderRules[], policy: FallbackPolicy, max: number): ProviderRules[] {
  const specialty = (r: ProviderRules) => r.provider.specialty?.trim().toLowerCase() ?? null;
  const same = (r: ProviderRules) => specialty(primary) !== null && specialty(r) === specialty(primary);
  const others = eligible.filter((r) => r !== primary);
  const chosen = policy === 'same_specialty' ? others.filter(same) : [...others.filter(same), ...others.filter((r) => !same(r))];
  return chosen.slice(0, Math.max(0, max));
}

/** The caller's provider, by OSCAR number or by a spoken name; INVALID_ARGUMENTS when unknown or ambiguous. */
function askedProvider(request: EarliestRequest, all: readonly ProviderRules[], eligible: readonly ProviderRules[]): ProviderRules | null {
  const id = request.providerId?.trim();
  if (id) {
    const hit = all.find((r) => r.providerNo === id);
    if (!hit) throw new InvalidSchedulingArgumentsError('There is no provider with that number at this clinic.', 'providerId');
    return hit;
  }
  const name = request.providerName?.trim();
  if (!name) return null;
  const voiceBookable = all.filter((r) => r.voiceBookable);
  let hits = matchProviders(name, voiceBookable.map((r) => r.provider)).map((p) => voiceBookable.find((r) => r.provider === p) as ProviderRules);
  if (hits.length > 1) hits = hits.filter((r) => eligible.includes(r)).length === 1 ? hits.filter((r) => eligible.includes(r)) : hits;
  if (hits.length === 0) throw new InvalidSchedulingArgumentsError('No provider at this clinic goes by that name.', 'providerName');
  if (hits.length > 1) throw new InvalidSchedulingArgumentsError(`More than one provider goes by that name: ${hits.map((r) => r.name).join(' or ')}.`, 'providerName');
  return hits[0] as ProviderRules;
}

/** `defaultProviderId` may hold our provider id or the OSCAR number. */
function defaultProvider(id: string | null, eligible: readonly ProviderRules[]): ProviderRules | null {
  if (!id?.trim()) return null;
  return eligible.find((r) => r.provider.id === id.trim() || r.providerNo === id.trim()) ?? null;
}

/** Offers of the offer's day kept in order, so a held top offer can give way to the next one. */
const RANKED = 200;

class Finder {
  private partial = false;
  private ranked: Candidate[] = [];
  private readonly why = new Map<Candidate, string>();
  private searchedTo: string;

  constructor(
    private readonly session: SearchSession,
    private readonly deadline: number,
  ) {
    this.searchedTo = session.window.from;
  }

  days(rules: ProviderRules, lastDate?: string): ProviderDays {
    return new ProviderDays(this.session, rules, { lastDate });
  }

  /** Other eligible providers for the fallback policy, bounded by `maxFallbackProviders` and `fallbackSearchWindowDays`. */
  fallbackDays(primary: ProviderRules, eligible: readonly ProviderRules[], policy: FallbackPolicy): ProviderDays[] {
    const { config } = this.session.ctx;
    const last = addDays(this.session.window.from, Math.max(0, config.fallbackSearchWindowDays));
    return fallbackRules(primary, eligible, policy, config.maxFallbackProviders).map((r) => this.days(r, last));
  }

  /** The earliest among `providers`, with an alternative at another time and one with another provider. */
  async earliestOf(providers: ProviderDays[], fellBack: boolean, otherProviders?: ProviderDays[], why = 'earliest'): Promise<EarliestResult> {
    const from = this.session.window.from;
    const to = providers.reduce((max, p) => (p.lastDate > max ? p.lastDate : max), from);
    const bound = { until: to };
    for (const p of providers) p.prepare(from, bound);
    const found = await searchDays(providers, from, to, { deadline: this.deadline });
    this.partial ||= found.partial;
    if (to > this.searchedTo) this.searchedTo = to;
    const offer = found.candidates[0];
    if (!offer) return this.result('none', null, [], [], fellBack);
    this.why.set(offer, why);
    this.ranked = found.candidates;
    const alternatives: Candidate[] = [];
    await this.tolerant(async () => {
      const own = providers.find((p) => p.rules === offer.rules) as ProviderDays;
      const later = await nextAtAnotherTime(own, offer, this.deadline);
      this.partial ||= later.partial;
      if (later.candidate) {
        this.why.set(later.candidate, 'alternative: the same provider at another time');
        alternatives.push(later.candidate);
      }
      const other = found.candidates.find((c) => c.rules !== offer.rules) ?? (await this.earliestOther(offer, otherProviders ?? providers));
      if (other) {
        this.why.set(other, 'alternative: another provider');
        alternatives.push(other);
      }
    });
    return this.result('found', offer, alternatives, [], fellBack);
  }

  /** `ask_patient`: each fallback provider's earliest, for the caller to choose from. */
  async choices(providers: ProviderDays[]): Promise<EarliestResult> {
    const from = this.session.window.from;
    const each = await mapBounded(providers, 2, (p) => searchDays([p], from, p.lastDate, { deadline: this.deadline }));
    this.partial ||= each.some((r) => r.partial);
    for (const p of providers) if (p.lastDate > this.searchedTo) this.searchedTo = p.lastDate;
    const choices = each.map((r) => r.candidates[0]).filter((c): c is Candidate => !!c);
    for (const c of choices) this.why.set(c, 'a choice for the caller (ask_patient)');
    return this.result(choices.length ? 'ask_patient' : 'none', null, [], choices, true);
  }

  result(outcome: EarliestResult['outcome'], offer: Candidate | null, alternatives: Candidate[], choices: Candidate[], fellBack: boolean): EarliestResult {
    const { window, patient } = this.session;
    const zone = this.session.ctx.zone;
    const filters = filterWords(window, patient.newPatient);
    const offerOf = (c: Candidate) => toOffer(c, zone, [this.why.get(c) ?? 'earliest', ...filters].join('; '));
    return {
      outcome,
      offer: offer ? offerOf(offer) : null,
      alternatives: alternatives.map(offerOf),
      choices: choices.map(offerOf),
      ranked: offer ? this.ranked.slice(0, RANKED).map(offerOf) : [],
      fellBack,
      newPatient: patient.newPatient,
      partial: this.partial,
      searchedFrom: window.from,
      searchedTo: this.searchedTo,
    };
  }

  private async earliestOther(offer: Candidate, pool: ProviderDays[]): Promise<Candidate | null> {
    const others = pool.filter((p) => p.rules !== offer.rules);
    if (others.length === 0) return null;
    const to = others.reduce((max, p) => (p.lastDate > max ? p.lastDate : max), offer.date);
    const found = await searchDays(others, this.session.window.from, to, { deadline: this.deadline });
    this.partial ||= found.partial;
    return found.candidates[0] ?? null;
  }

  /** Alternatives are extras: an EMR failure or timeout while looking for them keeps the offer. */
  private async tolerant(work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      if (!(error instanceof EmrError)) throw error;
      this.partial = true;
    }
  }
}

export function toOffer(c: Candidate, zone: string, why = 'earliest'): SlotOffer {
  return {
    providerId: c.rules.providerNo,
    providerName: c.rules.name,
    startTime: toClinicIso(c.start, zone),
    endTime: toClinicIso(c.end, zone),
    appointmentType: c.appointmentType,
    durationMinutes: c.durationMinutes,
    slotMinutes: c.slotMinutes,
    slots: c.slots,
    why,
  };
}

/** The caller's filters and the length rule, in a few words for the logs (never PHI). */
function filterWords(window: SearchWindow, newPatient: boolean): string[] {
  const out: string[] = [];
  if (newPatient) out.push('new-patient length');
  if (window.timeOfDay) out.push(`filter: ${window.timeOfDay}`);
  if (window.daysOfWeek) out.push(`filter: weekdays ${[...window.daysOfWeek].sort().join(',')}`);
  if (window.to) out.push(`filter: to ${window.to}`);
  if (window.notBefore) out.push('filter: from a time');
  if (window.excluded.size) out.push(`filter: ${window.excluded.size} time(s) turned down`);
  return out;
}
