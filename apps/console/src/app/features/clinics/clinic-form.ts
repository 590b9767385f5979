import type { ClinicDto, ClinicStatus, CreateClinicDto, Province, UpdateClinicDto } from '@voicedesk/api-client';
import { textOrNull } from '../../shared/forms/field-errors';
import { phoneOrNull, showPhone } from '../../shared/phone';

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
    if (text !== null) (body as unknown as Record<string, unknown>)[key] = text;
  }
  if (value.province) body.province = value.province;
  return body;
}

/** The details form of an existing clinic. */
export function clinicFormValue(clinic: ClinicDto): ClinicFormValue & { status: ClinicStatus } {
  return {
    name: clinic.name,
    slug: clinic.slug,
    timezone: clinic.timezone,
    province: clinic.province as Province,
    phone: showPhone(clinic.phone),
    vapiPhone: showPhone(clinic.vapiPhone),
    address: clinic.address ?? '',
    city: clinic.city ?? '',
    postalCode: clinic.postalCode ?? '',
    status: clinic.status,
  };
}

/**
 * The PATCH body of the details form: a blank optional field clears it (null). Slug, receptionist
 * number and status are the platform admin's: a manager's body leaves them out (403 otherwise).
 */
export function toUpdateClinic(value: ClinicFormValue & { status: ClinicStatus }, isAdmin: boolean): UpdateClinicDto {
  const body: UpdateClinicDto = {
    name: value.name.trim(),
    timezone: value.timezone,
    phone: phoneOrNull(value.phone),
    address: textOrNull(value.address),
    city: textOrNull(value.city),
    postalCode: textOrNull(value.postalCode),
  };
  if (value.province) body.province = value.province;
  if (isAdmin) {
    body.vapiPhone = phoneOrNull(value.vapiPhone);
    body.status = value.status;
    const slug = textOrNull(value.slug);
    if (slug) body.slug = slug;
  }
  return body;
}
