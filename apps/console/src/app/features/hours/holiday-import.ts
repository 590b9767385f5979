/** `statutory:CA-BC` → `Statutory (BC)`; `manual` → `Added by hand`. */
export function holidaySourceLabel(source: string): string {
  const statutory = /^statutory:CA-([A-Z]{2})$/.exec(source);
  if (statutory) return `Statutory (${statutory[1]})`;
  return source === 'manual' ? 'Added by hand' : source;
}

export function importSummary(year: number, added: number, skipped: number): string {
  const holidays = (n: number) => `${n} statutory ${n === 1 ? 'holiday' : 'holidays'}`;
  const kept = skipped ? `; ${skipped} ${skipped === 1 ? 'date was' : 'dates were'} already listed and kept as ${skipped === 1 ? 'it was' : 'they were'}` : '';
  return `Added ${added ? holidays(added) : 'no holidays'} for ${year}${kept}.`;
}
