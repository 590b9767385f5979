import type { CreateClinicDto, Province } from '@voicedesk/api-client';
import { textOrNull } from '../../shared/forms/field-errors';

/** Canada's time zones, the ones a clinic is in; the API accepts any IANA zone. */
export const CANADIAN_TIME_ZONES: ReadonlyArray<{ zone: string; label: string }> = [
  { zone: 'America/Vancouver', label: 'Pacific (Vancouver)' },
  { zone: 'America/Edmonton', label: 'Mountain (Edmonton)' },
  { zone: 'America/Regina', label: 'Saskatchewan (Regina)' },
  { zone: 'America/Winnipeg', label: 'Central (Winnipeg)' },
  { zone: 'America/Toronto', label: 'Eastern (Toronto)' },
  { zone: 'America/Halifax', label: 'Atlantic (Halifax)' },
  { zone: 'America/St_Johns', label: 'Newfoundland (St. John’s)' },
  { zone: 'America/Whitehorse', label: 'Yukon (Whitehorse)' },
];

export const PROVINCES: readonly Province[] = ['AB', 'BC', 'MB', 'NB', 'NL', 'NS', 'NT', 'NU', 'ON', 'PE', 'QC', 'SK', 'YT'];

export interface ClinicFormValue {
  name: string;
  slug: string;
  timezone: string;
  province: Province | '';
  phone: string;
  vapiPhone: string;
  address: string;
  city: string;
  postalCode: string;
}

/**
 * The create body from the dialog's fields: blank optional fields are left out (the API then
 * generates the slug and keeps its defaults), text is trimmed, phone numbers are sent as typed
 * (the API normalises them to E.164 and names the field when it cannot).
 */
export function toCreateClinic(value: ClinicFormValue): CreateClinicDto {
  const body: CreateClinicDto = { name: value.name.trim(), timezone: value.timezone };
  const optional = { slug: value.slug, phone: value.phone, vapiPhone: value.vapiPhone, address: value.address, city: value.city, postalCode: value.postalCode };
  for (const [key, raw] of Object.entries(optional)) {
    const text = textOrNull(raw);
    if (text !== null) (body as Record<string, unknown>)[key] = text;
  }
  if (value.province) body.province = value.province;
  return body;
}
