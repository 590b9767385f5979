/**
 * Providers as the voice agent names them, and finding one from what a caller said ("Dr. Chen",
 * "Amy", "doctor chenn"): accents, case, titles and punctuation ignored, small slips forgiven.
 */

export interface NamedProvider {
  firstName: string;
  lastName: string;
  title: string | null;
  displayName: string | null;
}

const TITLES = new Set(['the', 'a', 'with', 'see', 'dr', 'doctor', 'doc', 'nurse', 'np', 'practitioner', 'mr', 'mrs', 'ms', 'miss', 'prof', 'professor']);

/** `displayName`, else title + last name ("Dr. Chen"), else first + last name. */
export function voiceName(provider: NamedProvider): string {
  if (provider.displayName?.trim()) return provider.displayName.trim();
  const title = provider.title?.trim();
  return title ? `${title} ${provider.lastName}`.trim() : `${provider.firstName} ${provider.lastName}`.trim();
}

function tokens(text: string | null | undefined): string[] {
  return (text ?? '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .split(/[^a-z0-9]+/)
    .filter((t) => t && !TITLES.has(t));
}

/** Levenshtein distance, bounded: stops counting past `max`. */
export function editDistance(a: string, b: string, max = 3): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      best = Math.min(best, row[j] as number);
    }
    if (best > max) return max + 1;
    prev = row;
  }
  return prev[b.length] as number;
}

/** 3 exact, 2 a slip (one edit in 4+ letters, two in 8+), 0 no match. */
function tokenScore(spoken: string, known: string): number {
  if (spoken === known) return 3;
  const allowed = known.length >= 8 ? 2 : known.length >= 4 ? 1 : 0;
  return allowed > 0 && editDistance(spoken, known, allowed) <= allowed ? 2 : 0;
}

/** How well what was said names the provider: every spoken word must match one of its names; 0 = not this one. */
export function nameScore(spoken: string, provider: NamedProvider): number {
  const said = tokens(spoken);
  if (said.length === 0) return 0;
  const known = [...new Set([...tokens(provider.firstName), ...tokens(provider.lastName), ...tokens(provider.displayName)])];
  let total = 0;
  for (const word of said) {
    const best = Math.max(0, ...known.map((k) => tokenScore(word, k)));
    if (best === 0) return 0;
    total += best;
  }
  // naming the last name counts more than a first name alone
  const last = tokens(provider.lastName);
  if (said.some((w) => last.some((l) => tokenScore(w, l) > 0))) total += 1;
  return total;
}

/**
 * The providers that best match what was said (several when they tie, e.g. two doctors Chen and
 * only "Dr. Chen" said); empty when none matches.
 */
export function matchProviders<P extends NamedProvider>(spoken: string, providers: readonly P[]): P[] {
  let best = 0;
  let hits: P[] = [];
  for (const provider of providers) {
    const score = nameScore(spoken, provider);
    if (score === 0 || score < best) continue;
    if (score > best) {
      best = score;
      hits = [];
    }
    hits.push(provider);
  }
  return hits;
}
