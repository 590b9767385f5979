import type { SimAppointmentType, SimLogin, SimProvider, SimScheduleCode, SimTemplate } from '../data-file.js';

export const DEMO_TIMEZONE = 'America/Vancouver';

/** oscardoc / mac2002, security 128, provider 999998: OSCAR's demo user. */
export const DEMO_LOGINS: SimLogin[] = [
  { securityNo: 128, userName: 'oscardoc', password: 'mac2002', providerNo: '999998' },
  { securityNo: 129, userName: 'frontdesk', password: 'frontdesk2024', providerNo: '999998', demographicAccess: false },
  { securityNo: 130, userName: 'locum', password: 'locum2019', providerNo: '108', expireDate: '2020-06-30' },
];

/** OSCAR's default codes plus a duplicated code, as a live site had (two 67 = 'C'). */
export const DEMO_SCHEDULE_CODES: SimScheduleCode[] = [
  { code: '1', description: '15 min appointment', duration: 15, bookinglimit: 1, confirm: 'No', color: '#BFEFFF' },
  { code: '2', description: '30 min appointment', duration: 30, bookinglimit: 1, confirm: 'No', color: '#87CEEB' },
  { code: '3', description: '45 min appointment', duration: 45, bookinglimit: 1, confirm: 'No', color: '#6495ED' },
  { code: '6', description: '60 min appointment', duration: 60, bookinglimit: 1, confirm: 'No', color: '#4169E1' },
  { code: 'A', description: 'Academic', duration: '', bookinglimit: 0, confirm: 'No', color: '#CCCCCC' },
  { code: 'V', description: 'Vacation', duration: '', bookinglimit: 0, confirm: 'No', color: '#FFFFCC' },
  { code: 'P', description: 'Phone time', duration: 15, bookinglimit: 1, confirm: 'No', color: '#D8BFD8' },
  { code: 's', description: 'Same Day', duration: 10, bookinglimit: 1, confirm: 'Day', color: '#FFA07A' },
  { code: 'C', description: 'Clinic', duration: 15, bookinglimit: 1, confirm: 'No', color: '#98FB98' },
  { code: 'C', description: 'Counselling', duration: 30, bookinglimit: 1, confirm: 'Wk', color: '#8FBC8F' },
];

type Block = readonly [from: string, to: string, code: string];

/** A timecode: one character per slot from 00:00, `_` outside the blocks. */
export function timecode(slotMinutes: number, blocks: readonly Block[]): string {
  const slots = Array.from({ length: 1440 / slotMinutes }, () => '_');
  const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  for (const [from, to, code] of blocks) {
    for (let m = minutes(from); m < minutes(to); m += slotMinutes) slots[m / slotMinutes] = code;
  }
  return slots.join('');
}

const template = (name: string, slotMinutes: number, blocks: readonly Block[]): SimTemplate =>
  ({ name, slotMinutes, timecode: timecode(slotMinutes, blocks) });

export const DEMO_TEMPLATES: SimTemplate[] = [
  template('chen-day', 15, [['09:00', '12:00', '1'], ['13:00', '16:00', '1'], ['16:00', '16:30', 's']]),
  template('patel-long', 15, [['08:00', '12:00', '1'], ['12:00', '12:30', 'P'], ['13:00', '18:00', '1']]),
  template('patel-half', 15, [['08:00', '12:00', '1']]),
  template('obrien-peds', 30, [['09:00', '12:00', '2'], ['13:00', '15:00', '2']]),
  template('tremblay-evening', 15, [['12:00', '16:00', '1'], ['16:30', '20:00', '1']]),
  template('tremblay-saturday', 15, [['09:00', '13:00', '1']]),
  template('nakamura-np', 10, [['08:30', '12:00', 's'], ['12:30', '15:30', '1']]),
  template('kim-consult', 60, [['09:00', '12:00', '6'], ['13:00', '16:00', '6']]),
  template('kim-academic', 30, [['09:00', '12:00', 'A'], ['13:00', '15:00', 'P']]),
  template('sharma-day', 15, [['09:00', '10:30', '3'], ['10:30', '12:00', '1'], ['13:00', '16:00', '1']]),
];

export const DEMO_PROVIDERS: SimProvider[] = [
  {
    providerNo: '101', firstName: 'Amy', lastName: 'Chen', specialty: 'Family Medicine', status: '1', sex: 'F',
    providerType: 'doctor', practitionerNo: '31427', workPhone: '604-555-0100',
    week: { 1: 'chen-day', 2: 'chen-day', 3: 'chen-day', 4: 'chen-day', 5: 'chen-day' },
    properties: { default_servicetype: 'Family Practice' },
  },
  {
    providerNo: '102', firstName: 'Raj', lastName: 'Patel', specialty: 'Family Medicine', status: '1', sex: 'M',
    providerType: 'doctor', practitionerNo: '28814', workPhone: '604-555-0100',
    week: { 1: 'patel-long', 3: 'patel-long', 4: 'patel-half', 5: 'patel-long' },
  },
  {
    providerNo: '103', firstName: 'Sarah', lastName: "O'Brien", specialty: 'Pediatrics', status: '1', sex: 'F',
    providerType: 'doctor', practitionerNo: '40251', week: { 1: 'obrien-peds', 2: 'obrien-peds', 4: 'obrien-peds' },
  },
  {
    providerNo: '104', firstName: 'Michel', lastName: 'Tremblay', specialty: 'Family Medicine', status: '1', sex: 'M',
    providerType: 'doctor', practitionerNo: '35570', comments: 'Evening and Saturday clinics',
    week: { 2: 'tremblay-evening', 4: 'tremblay-evening', 6: 'tremblay-saturday' },
  },
  {
    providerNo: '105', firstName: 'Grace', lastName: 'Nakamura', specialty: 'Nurse Practitioner', status: '1', sex: 'F',
    providerType: 'nurse', practitionerNo: '96012',
    week: { 1: 'nakamura-np', 2: 'nakamura-np', 3: 'nakamura-np', 4: 'nakamura-np' },
  },
  {
    providerNo: '106', firstName: 'David', lastName: 'Kim', specialty: 'Psychiatry', status: '1', sex: 'M',
    providerType: 'doctor', practitionerNo: '27733', week: { 1: 'kim-consult', 3: 'kim-consult', 5: 'kim-academic' },
  },
  {
    providerNo: '107', firstName: 'Priya', lastName: 'Sharma', specialty: 'Family Medicine', status: '1', sex: 'F',
    providerType: 'doctor', practitionerNo: '41198', week: { 3: 'sharma-day', 4: 'sharma-day', 5: 'sharma-day' },
  },
  {
    providerNo: '108', firstName: 'Robert', lastName: 'Wilson', specialty: 'Family Medicine', status: '0', sex: 'M',
    providerType: 'doctor', practitionerNo: '12904', comments: 'Retired',
  },
  // OSCAR's built-in system/demo provider: clients must filter it out.
  { providerNo: '999998', firstName: 'doctor', lastName: 'oscardoc', status: '1', providerType: 'doctor', sex: 'M' },
];

export const DEMO_APPOINTMENT_TYPES: SimAppointmentType[] = [
  { name: 'Office Visit', duration: 15, reason: 'General check-up' },
  { name: 'Follow-up', duration: 15 },
  { name: 'Complete Physical', duration: 45 },
  { name: 'Prescription Renewal', duration: 10 },
  { name: 'Phone Consult', duration: 15, location: 'Telephone' },
  { name: 'Counselling', duration: 60, resources: 'Room 4' },
];
