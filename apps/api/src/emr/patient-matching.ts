/**
 * Name comparison for identity checks. OSCAR's name search is a prefix LIKE ("SMITH" also finds
 * "SMITHERS"), so the adapter confirms every hit on the client: last names equal, first names equal
 * or the chart's starting with what the caller said, ignoring case, accents, spaces, hyphens and
 * apostrophes.
 */

function fold(name: string | null | undefined): string {
  return (name ?? '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/** A name fit for OSCAR's `LAST,FIRST` search: no comma, no LIKE wildcards, trimmed. */
export function searchableName(name: string): string {
  return name.replace(/[,%_]/g, ' ').replace(/\s+/g, ' ').trim();
}

export function sameName(chart: string | null | undefined, spoken: string, prefixOk = false): boolean {
  const a = fold(chart);
  const b = fold(spoken);
  if (!a || !b) return false;
  return prefixOk ? a === b || a.startsWith(b) : a === b;
}
