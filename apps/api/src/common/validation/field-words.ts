/**
 * The words a person reads when a request field is refused. The API keeps its field keys
 * (`errors[].field`, SPEC §12) and says in `errors[].message` what to change, naming the field as
 * the console's forms label it. One label per field key: the API names a thing the same way in
 * every request (`phone` is a phone number wherever it appears).
 *
 * A validator given its own `message` keeps it (it is already a sentence for a person); every
 * other one is said here from its kind and its arguments (`max` 3650 → "at most 3650 days").
 */

/** A field's label; for numbers, the unit they count in and how a bound reads ("Keep transcripts for" at most 3650 days). */
export interface FieldLabel {
  label: string;
  unit?: string;
  bound?: string;
}

const L = (label: string, unit?: string, bound?: string): FieldLabel => ({ label, ...(unit ? { unit } : {}), ...(bound ? { bound } : {}) });

export const FIELD_LABELS: Readonly<Record<string, FieldLabel>> = {
  // people and clinics
  name: L('Name'),
  firstName: L('First name'),
  lastName: L('Last name'),
  email: L('Email'),
  phone: L('Phone number'),
  phones: L('Other phone numbers'),
  vapiPhone: L('Receptionist number'),
  address: L('Street address'),
  city: L('City'),
  province: L('Province'),
  postalCode: L('Postal code'),
  timezone: L('Time zone'),
  slug: L('Slug'),
  status: L('Status'),
  role: L('Role'),
  clinicId: L('Clinic'),
  isActive: L('Active'),
  password: L('Password'),
  currentPassword: L('Current password'),
  newPassword: L('New password'),
  code: L('Code'),
  notes: L('Notes'),
  // waitlist details
  details: L('Registration details'),
  dateOfBirth: L('Date of birth'),
  gender: L('Gender'),
  healthCardType: L('Health card province'),
  healthCardNumber: L('Health card number'),
  language: L('Preferred language'),
  // hours and holidays
  items: L('Opening hours'),
  dayOfWeek: L('Day of the week'),
  openTime: L('Opening time'),
  closeTime: L('Closing time'),
  isClosed: L('Closed'),
  date: L('Date'),
  from: L('From date'),
  to: L('To date'),
  year: L('Year'),
  // configuration sections
  emr: L('EMR settings'),
  registration: L('Registration settings'),
  scheduling: L('Scheduling settings'),
  voice: L('Voice settings'),
  privacyOfficer: L('Privacy officer settings'),
  retention: L('Retention settings'),
  agreements: L('Agreements'),
  clinicalControl: L('Clinical settings'),
  oscarConfig: L('OSCAR settings'),
  voiceBooking: L('Booking rules'),
  sms: L('Text message settings'),
  fax: L('Fax settings'),
  // configuration fields
  emrType: L('EMR type'),
  oscarUrl: L('OSCAR address'),
  oscarConsumerKey: L('Consumer key'),
  oscarConsumerSecret: L('Consumer secret'),
  oscarTokenKey: L('Token key'),
  oscarTokenSecret: L('Token secret'),
  oscarSoapUsername: L('SOAP user name'),
  oscarSoapPassword: L('SOAP password'),
  oscarTlsVerify: L('Verify the EMR’s certificate'),
  oscarAdmissionProgramId: L('Admission program id'),
  oscarPreferRest: L('Prefer REST'),
  acceptingNewPatients: L('Accepting new patients'),
  waitlistEnabled: L('Waitlist'),
  maxNewPatientsPerWeek: L('New patients per week', 'patients'),
  appointmentDuration: L('Appointment length', 'minutes'),
  bufferTime: L('Buffer between appointments', 'minutes'),
  maxAdvanceBookingDays: L('Book up to', 'days ahead', 'Patients can book'),
  minAdvanceBookingHours: L('Minimum notice to book', 'hours'),
  offerHoldMinutes: L('Hold an offered time', 'minutes', 'Hold an offered time for'),
  defaultLanguage: L('Default language'),
  supportedLanguages: L('Languages'),
  voiceAgentEnabled: L('Voice agent'),
  vapiAssistantId: L('Assistant id'),
  vapiSquadId: L('Squad id'),
  vapiPhoneNumberId: L('Phone number id'),
  vapiWebhookSecret: L('Webhook secret'),
  privacyOfficerName: L('Privacy officer'),
  privacyOfficerEmail: L('Privacy officer’s email'),
  privacyOfficerPhone: L('Privacy officer’s phone'),
  transcriptRetentionDays: L('Keep transcripts', 'days', 'Keep transcripts for'),
  callLogRetentionDays: L('Keep call logs', 'days', 'Keep call logs for'),
  baaVapiSigned: L('Vapi agreement signed'),
  baaVapiSignedAt: L('Vapi agreement signed on'),
  baaHostingSigned: L('Hosting agreement signed'),
  baaHostingSignedAt: L('Hosting agreement signed on'),
  customGreeting: L('Greeting (English)'),
  customGreetingZh: L('Greeting (Chinese)'),
  transferPhoneNumber: L('Transfer calls to'),
  defaultProviderId: L('Default provider'),
  preferredPharmacy: L('Preferred pharmacy'),
  preferredPharmacyAddr: L('Pharmacy address'),
  preferredPharmacyFax: L('Pharmacy fax'),
  appointmentTypeMappings: L('Visit reasons and appointment types'),
  bookableScheduleCodes: L('Bookable schedule codes'),
  blockedScheduleCodes: L('Blocked schedule codes'),
  askReasonBeforeSearch: L('Ask the reason first'),
  defaultAppointmentTypeCode: L('Default appointment type'),
  defaultSlotDuration: L('Default slot length', 'minutes'),
  defaultVisitMode: L('Default visit mode'),
  enabledVisitReasons: L('Visit reasons'),
  providerFallbackBehavior: L('When the asked provider has no time'),
  maxFallbackProviders: L('Other providers offered', 'providers'),
  fallbackSearchWindowDays: L('Days searched for other providers', 'days'),
  allowSameDayBooking: L('Same-day booking'),
  allowWeekendBooking: L('Weekend booking'),
  requireDOBVerification: L('Date of birth check'),
  maxApptsPerPatientPerDay: L('Appointments per patient per day', 'appointments'),
  cancellationMinNoticeHours: L('Minimum notice to cancel or move', 'hours'),
  newPatientRequiresLongerSlot: L('Longer first visit'),
  newPatientMinDuration: L('First visit at least', 'minutes'),
  smsEnabled: L('Text messages'),
  smsSenderNumber: L('Sender number'),
  smsTemplateBookEn: L('Booking text (English)'),
  smsTemplateBookZh: L('Booking text (Chinese)'),
  smsTemplateCancelEn: L('Cancellation text (English)'),
  smsTemplateCancelZh: L('Cancellation text (Chinese)'),
  smsTemplateRescheduleEn: L('Rescheduling text (English)'),
  smsTemplateRescheduleZh: L('Rescheduling text (Chinese)'),
  smsInboundWebhookEnabled: L('Replies by text'),
  faxNumber: L('Fax number'),
  faxArchiveDays: L('Archive verified faxes after', 'days', 'Archive verified faxes after'),
  faxRetentionDays: L('Keep faxes', 'days', 'Keep faxes for'),
  faxAutoMatchThreshold: L('Match without review from'),
  faxExtractionVendor: L('Outside reader'),
  // lists, tickets, providers
  q: L('Search'),
  limit: L('Page size'),
  cursor: L('Page'),
  format: L('Format'),
  title: L('Title'),
  description: L('Description'),
  priority: L('Priority'),
  assigneeId: L('Assignee'),
  content: L('Message'),
  providerId: L('Provider'),
  voiceBookable: L('Bookable by voice'),
};

/** "transcriptRetentionDays" → "Transcript retention days": a field no one labelled yet still reads as words. */
function wordsOf(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The label of a field key, dotted or not (`voice.defaultLanguage`, `items.3.closeTime`). */
export function fieldLabel(field: string): FieldLabel {
  const key = field.split('.').filter((part) => !/^\d+$/.test(part)).pop() ?? field;
  return FIELD_LABELS[key] ?? { label: wordsOf(key) };
}

/** How a phone number is asked for, in every place a phone number is refused. */
export const PHONE_EXAMPLE = '+1 604 555 0142';
export function phoneMessage(label: string): string {
  return `${label}: enter the number with its country code, e.g. ${PHONE_EXAMPLE}`;
}

/** What a constraint says, by its class-validator name; `constraints` are the decorator's arguments. */
type Words = (label: FieldLabel, constraints: readonly unknown[]) => string;

/** 3650 days, 1 day. */
const withUnit = (n: unknown, { unit }: FieldLabel) => (unit ? `${String(n)} ${n === 1 ? unit.replace(/^(\w+)s\b/, '$1') : unit}` : String(n));
const list = (values: unknown) => (Array.isArray(values) ? values.join(', ') : Object.values(values as object).join(', '));

export const CONSTRAINT_WORDS: Readonly<Record<string, Words>> = {
  isDefined: ({ label }) => `${label} is required`,
  isNotEmpty: ({ label }) => `${label} is required`,
  isString: ({ label }) => `${label} must be text`,
  maxLength: ({ label }, [n]) => `${label} can be at most ${String(n)} characters long`,
  minLength: ({ label }, [n]) => `${label} needs at least ${String(n)} characters`,
  isInt: ({ label }) => `${label} must be a whole number`,
  isNumber: ({ label }) => `${label} must be a number`,
  min: (label, [n]) => (label.bound ? `${label.bound} at least ${withUnit(n, label)}` : `${label.label} must be at least ${withUnit(n, label)}`),
  max: (label, [n]) => (label.bound ? `${label.bound} at most ${withUnit(n, label)}` : `${label.label} must be at most ${withUnit(n, label)}`),
  isBoolean: ({ label }) => `${label} must be on or off (true or false)`,
  isEmail: ({ label }) => `${label} must be an email address, e.g. amy.chen@clinic.example`,
  isEnum: ({ label }, [entity, values]) => `${label} must be one of: ${list(Array.isArray(values) ? values : entity)}`,
  isIn: ({ label }, [values]) => `${label} must be one of: ${list(values)}`,
  isUuid: ({ label }) => `${label} must be chosen from the list (an id)`,
  matches: ({ label }) => `${label} is not written the expected way`,
  isArray: ({ label }) => `${label} must be a list`,
  arrayMaxSize: ({ label }, [n]) => `${label} can hold at most ${String(n)} entries`,
  arrayMinSize: ({ label }, [n]) => `${label} needs at least ${String(n)} entries`,
  arrayUnique: ({ label }) => `${label} lists the same entry twice`,
  isObject: ({ label }) => `${label} must be an object`,
  nestedValidation: ({ label }) => `${label} must be an object`,
  isIso8601: ({ label }) => `${label} must be a date and time, e.g. 2026-11-23T17:45:00-08:00`,
  isPhone: ({ label }) => phoneMessage(label),
  isIanaZone: ({ label }) => `${label} must be a time zone such as America/Vancouver`,
  isSecretInput: ({ label }) => `${label} must be text of at most 500 characters, or empty to clear it`,
  isCalendarDate: ({ label }) => `${label} must be a real date written YYYY-MM-DD, e.g. 2026-12-25`,
};

/** The sentence for a constraint that has no message of its own. */
export function constraintMessage(field: string, constraint: string, constraints: readonly unknown[] = []): string {
  const label = fieldLabel(field);
  const words = CONSTRAINT_WORDS[constraint];
  return words ? words(label, constraints) : `${label.label} is not valid`;
}
