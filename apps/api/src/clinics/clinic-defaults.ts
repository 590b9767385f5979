/** What a clinic provisioned through the API starts with (besides the column defaults of `clinic_config`). */

/** Monday–Friday 09:00–17:00, weekend closed; `dayOfWeek` 0 = Sunday. */
export const DEFAULT_CLINIC_HOURS: ReadonlyArray<{ dayOfWeek: number; openTime: string | null; closeTime: string | null; isClosed: boolean }> =
  [0, 1, 2, 3, 4, 5, 6].map((dayOfWeek) => {
    const weekday = dayOfWeek >= 1 && dayOfWeek <= 5;
    return { dayOfWeek, openTime: weekday ? '09:00' : null, closeTime: weekday ? '17:00' : null, isClosed: !weekday };
  });

/** A readable slug from a clinic name: "Clinique Saint-Jérôme" → `clinique-saint-jerome`. */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 56)
    .replace(/-+$/g, '');
  return slug || 'clinic';
}
