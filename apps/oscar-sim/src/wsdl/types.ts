import { type ComplexTypeDef, type EnumTypeDef, many, opt, req, transferType } from './model.js';

/** Transfer objects of org.oscarehr.ws.transfer_objects, as the live WSDLs show them. */
const appointmentFields = [
  opt('appointmentEndDateTime', 'dateTime'),
  opt('appointmentStartDateTime', 'dateTime'),
  opt('billing', 'string'),
  opt('bookingSource', 'tns:bookingSource'),
  opt('createDateTime', 'dateTime'),
  opt('creator', 'string'),
  req('demographicNo', 'int'),
  opt('id', 'int'),
  opt('lastUpdateUser', 'string'),
  opt('location', 'string'),
  opt('name', 'string'),
  opt('notes', 'string'),
  req('programId', 'int'),
  opt('providerNo', 'string'),
  opt('reason', 'string'),
  opt('remarks', 'string'),
  opt('resources', 'string'),
  opt('status', 'string'),
  opt('style', 'string'),
  opt('type', 'string'),
  opt('updateDateTime', 'dateTime'),
  opt('urgency', 'string'),
];

const demographicCommon = [
  'address', 'alias', 'anonymous', 'chartNo', 'children', 'citizenship', 'city', 'dateOfBirth',
  'displayName', 'email', 'familyDoctor', 'firstName', 'hcType', 'hin', 'lastName', 'lastUpdateUser',
  'links', 'monthOfBirth', 'myOscarUserName', 'officialLanguage', 'patientStatus', 'pcnIndicator',
  'phone', 'phone2', 'postal', 'previousAddress', 'providerNo', 'province', 'rosterStatus',
  'rosterTerminationReason', 'sex', 'sexDesc', 'sin', 'sourceOfIncome', 'spokenLanguage', 'title',
  'ver', 'yearOfBirth',
].map((n) => opt(n, 'string'));

const demographicDates = [
  'dateJoined', 'effDate', 'endDate', 'hcRenewDate', 'lastUpdateDate', 'patientStatusDate',
  'rosterDate', 'rosterTerminationDate',
].map((n) => opt(n, 'dateTime'));

const demographicInts = ['activeCount', 'demographicNo', 'headRecord', 'hsAlertCount'].map((n) => opt(n, 'int'));

const providerFields = [
  ...['address', 'billingNo', 'comments', 'email', 'firstName', 'hsoNo', 'lastName', 'ohipNo', 'phone',
    'practitionerNo', 'practitionerNoType', 'providerActivity', 'providerNo', 'providerType', 'rmaNo', 'sex',
    'specialty', 'status', 'team', 'title', 'workPhone'].map((n) => opt(n, 'string')),
  opt('dob', 'dateTime'),
  opt('signedConfidentiality', 'dateTime'),
];

export const complexTypes: readonly ComplexTypeDef[] = [
  transferType('appointmentTransfer', appointmentFields),
  transferType('appointmentArchiveTransfer', [...appointmentFields, opt('appointmentId', 'int')]),
  transferType('appointmentTypeTransfer', [
    req('duration', 'int'), opt('id', 'int'), opt('location', 'string'), opt('name', 'string'),
    opt('notes', 'string'), opt('reason', 'string'), opt('resources', 'string'),
  ]),
  transferType('scheduleTemplateCodeTransfer', [
    req('bookinglimit', 'int'), opt('code', 'unsignedShort'), opt('color', 'string'), opt('confirm', 'string'),
    opt('description', 'string'), opt('duration', 'string'), opt('id', 'int'),
  ]),
  transferType('dayWorkScheduleTransfer', [
    req('holiday', 'boolean'), opt('timeSlotDurationMin', 'int'),
    many('timeSlots', 'tns:calendarScheduleCodePairTransfer', true),
  ]),
  transferType('calendarScheduleCodePairTransfer', [opt('date', 'dateTime'), opt('scheduleCode', 'unsignedShort')]),
  transferType('demographicTransfer', [...demographicCommon, ...demographicDates, ...demographicInts]),
  transferType('demographicTransfer2', [
    ...demographicCommon, ...demographicDates, ...demographicInts,
    opt('consentToUseEmailForCare', 'boolean'), opt('countryOfOrigin', 'string'), opt('middleNames', 'string'),
    opt('newsletter', 'string'), opt('residentialAddress', 'string'), opt('residentialCity', 'string'),
    opt('residentialPostal', 'string'), opt('residentialProvince', 'string'), opt('rosterEnrolledTo', 'string'),
  ]),
  transferType('phrVerificationTransfer', [
    opt('archived', 'boolean'), opt('comments', 'string'), opt('createdDate', 'dateTime'),
    opt('demographicNo', 'int'), opt('id', 'int'), opt('parentGuardian', 'boolean'), opt('photoId', 'boolean'),
    opt('phrUserName', 'string'), opt('verificationBy', 'string'), opt('verificationDate', 'dateTime'),
    opt('verificationLevel', 'string'),
  ]),
  transferType('providerTransfer', providerFields),
  transferType('providerPropertyTransfer', [opt('id', 'int'), opt('name', 'string'), opt('value', 'string')]),
  transferType('loginResultTransfer', [opt('securityId', 'int'), opt('securityTokenKey', 'string')]),
  transferType('loginResultTransfer2', [
    opt('provider', 'tns:providerTransfer'), opt('securityId', 'int'), opt('securityTokenKey', 'string'),
  ]),
  // A declared exception (not a transfer object, so not `final`).
  { name: 'NotAuthorisedException', fields: [opt('message', 'string')], final: false },
];

export const enumTypes: readonly EnumTypeDef[] = [
  { name: 'bookingSource', values: ['OSCAR', 'MYOSCAR_SELF_BOOKING'] },
  { name: 'gender', values: ['M', 'F', 'T', 'O', 'U'] },
];

const complexByName = new Map(complexTypes.map((t) => [t.name, t]));
const enumByName = new Map(enumTypes.map((t) => [t.name, t]));

export function findComplexType(name: string): ComplexTypeDef | undefined {
  return complexByName.get(name);
}

export function findEnumType(name: string): EnumTypeDef | undefined {
  return enumByName.get(name);
}
