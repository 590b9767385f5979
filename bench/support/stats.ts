/** Small statistics and the report line format of bench/README.md. */

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** Nearest-rank percentile (p in 0…100) of the values; NaN when there are none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1];
}

/** A number for a report: whole numbers as they are, else no decimal above 100, one below (two below 1). */
export function fmt(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (Number.isInteger(value)) return String(value);
  const abs = Math.abs(value);
  return abs >= 100 ? value.toFixed(0) : abs >= 1 ? value.toFixed(1) : value.toFixed(2);
}

/**
 * One figure as bench/README.md asks: `<name>: <value> <unit> (<ratio>× baseline <baseline name>)`,
 * then whatever else is worth knowing (target, counts) after a `·`.
 */
export function figure(name: string, value: number, unit: string, baseline: { name: string; value: number }, ...notes: string[]): string {
  const ratio = value / baseline.value;
  const line = `${name}: ${fmt(value)} ${unit} (${fmt(ratio)}× baseline ${baseline.name})`;
  return [line, ...notes.filter(Boolean)].join(' · ');
}

/** Writes a line of the report straight to the terminal (not through vitest's console capture). */
export function say(line = ''): void {
  process.stdout.write(`${line}\n`);
}
