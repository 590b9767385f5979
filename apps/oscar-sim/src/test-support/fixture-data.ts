import type { SimDataFile } from '../data/data-file.js';
import { timecode } from '../data/demo/demo-clinic.js';

/** A Monday; BC has been on permanent UTC−7 since November 2026. */
export const FIXTURE_TODAY = '2027-03-01';

/** A small, fully known clinic for behaviour tests. */
export function fixtureData(): SimDataFile {
  return {
    timezone: 'America/Vancouver',
    logins: [
      { securityNo: 128, userName: 'oscardoc', password: 'mac2002', providerNo: '999998' },
      { securityNo: 129, userName: 'frontdesk', password: 'desk', providerNo: '201', demographicAccess: false },
      { securityNo: 130, userName: 'locum', password: 'old', providerNo: '201', expireDate: '2020-01-01' },
    ],
    scheduleTemplateCodes: [
      { code: '1', description: '15 min appointment', duration: 15, bookinglimit: 1, confirm: 'No', color: '#BFEFFF' },
      { code: 'P', description: 'Phone time', duration: 15, bookinglimit: 1, confirm: 'No' },
      { code: 'A', description: 'Academic', duration: '', bookinglimit: 0, confirm: 'No' },
      { code: 'C', description: 'Clinic', duration: 15, bookinglimit: 1 },
      { code: 'C', description: 'Counselling', duration: 30, bookinglimit: 1 },
    ],
    templates: [
      { name: 'std', slotMinutes: 15, timecode: timecode(15, [['09:00', '12:00', '1'], ['13:00', '14:00', 'P']]) },
      { name: 'long', slotMinutes: 60, timecode: timecode(60, [['08:00', '10:00', 'A']]) },
    ],
    providers: [
      { providerNo: '201', firstName: 'Amy', lastName: 'Zhou', specialty: 'Family Medicine', status: '1',
        week: { 1: 'std', 2: 'std', 3: 'std', 4: 'std', 5: 'std', 6: 'ghost' }, properties: { color: 'blue', room: '3' } },
      { providerNo: '202', firstName: 'Ben', lastName: 'Abbott', specialty: 'Pediatrics', status: '1', week: { 1: 'long' } },
      { providerNo: '203', firstName: 'Carl', lastName: 'Moss', status: '0' },
      { providerNo: '999998', firstName: 'doctor', lastName: 'oscardoc', status: '1' },
    ],
    holidays: [{ dayOffset: 2, name: 'Closed' }],
    demographics: [
      { demographicNo: 1, firstName: 'HARRIET', lastName: 'JONES', dateOfBirth: '1948-03-14', sex: 'F', phone: '604-555-0142', hin: '9698658215', hcType: 'BC', patientStatus: 'AC', city: 'Vancouver', province: 'BC', email: 'harriet@example.com' },
      { demographicNo: 2, firstName: 'MEI', lastName: 'WONG', dateOfBirth: '1980-07-22', sex: 'F', phone: '(604) 555-0187', phone2: '778-555-0131', patientStatus: 'AC', province: 'BC' },
      { demographicNo: 3, firstName: 'DAVID', lastName: 'WONG', dateOfBirth: '1978-11-02', sex: 'M', phone: '604-555-0187', patientStatus: 'AC', province: 'BC' },
      { demographicNo: 4, firstName: 'JASPREET', lastName: 'SIDHU', dateOfBirth: '1991-01-09', sex: 'F', phone: null, phone2: '236-555-0175', patientStatus: 'AC', province: 'BC' },
      { demographicNo: 5, firstName: 'ALICE', lastName: 'JONESTON', dateOfBirth: '1960-02-29', sex: 'F', phone: '250-555-0199', patientStatus: 'IN', province: 'BC' },
      { demographicNo: 6, firstName: 'PATRICK', lastName: "O'BRIEN", dateOfBirth: '1990-06-15', sex: 'M', phone: '416-555-0110', patientStatus: 'AC', city: 'Toronto', province: 'ON' },
    ],
    appointments: [
      { providerNo: '201', demographicNo: 1, dayOffset: 0, startTime: '09:00', durationMin: 15, status: 't', type: 'B', reason: 'Check-up' },
      { providerNo: '201', demographicNo: 2, dayOffset: 0, startTime: '09:30', durationMin: 15, status: 'C', type: 'B' },
      { providerNo: '201', demographicNo: 3, dayOffset: 1, startTime: '10:00', durationMin: 30, status: 't', type: '2' },
      { providerNo: '201', demographicNo: 1, dayOffset: -7, startTime: '11:00', durationMin: 15, status: 'B', type: '3' },
      { providerNo: '201', demographicNo: 1, dayOffset: 0, startTime: '08:45', durationMin: 15, status: 'N' },
    ],
    appointmentTypes: [{ name: 'Office Visit', duration: 15 }],
  };
}
