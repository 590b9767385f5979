import { DateTime } from 'luxon';
import type { SimDemographic, SimProvider } from '../data/data-file.js';
import type { SimState } from '../state/sim-state.js';

/** providerTransfer: optional strings; null fields are omitted on the wire. */
export function toProviderTransfer(p: SimProvider): Record<string, unknown> {
  return {
    providerNo: p.providerNo,
    firstName: p.firstName,
    lastName: p.lastName,
    specialty: p.specialty,
    status: p.status ?? '1',
    providerType: p.providerType ?? 'doctor',
    sex: p.sex,
    title: p.title,
    phone: p.phone,
    workPhone: p.workPhone,
    email: p.email,
    practitionerNo: p.practitionerNo,
    ohipNo: p.ohipNo,
    billingNo: p.billingNo,
    team: p.team,
    address: p.address,
    comments: p.comments,
  };
}

const SEX_DESC: Record<string, string> = { M: 'Male', F: 'Female', T: 'Transgender', O: 'Other', U: 'Undefined' };

/** demographicTransfer: birth date split into year / month / day strings, "LAST, FIRST" display name. */
export function toDemographicTransfer(d: SimDemographic, state: SimState): Record<string, unknown> {
  const [year, month, day] = d.dateOfBirth.split('-');
  return {
    demographicNo: d.demographicNo,
    firstName: d.firstName,
    lastName: d.lastName,
    displayName: `${d.lastName}, ${d.firstName}`,
    yearOfBirth: year,
    monthOfBirth: month,
    dateOfBirth: day,
    sex: d.sex,
    sexDesc: SEX_DESC[d.sex],
    hin: d.hin,
    ver: d.ver,
    hcType: d.hcType,
    phone: d.phone,
    phone2: d.phone2,
    address: d.address,
    city: d.city,
    province: d.province,
    postal: d.postal,
    email: d.email,
    patientStatus: d.patientStatus ?? 'AC',
    providerNo: d.providerNo,
    chartNo: d.chartNo,
    alias: d.alias,
    title: d.title,
    spokenLanguage: d.spokenLanguage,
    officialLanguage: d.officialLanguage,
    activeCount: 1,
    hsAlertCount: 0,
    lastUpdateDate: lastUpdateDate(state),
  };
}

/** Every chart of a data file was last updated at server-local midnight 30 days before "today". */
export function lastUpdateDate(state: SimState): DateTime {
  return DateTime.fromISO(state.today, { zone: state.zone }).minus({ days: 30 });
}
