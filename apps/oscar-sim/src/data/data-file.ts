/**
 * The simulator data file (SPEC §12). Dates are relative to "today" in `timezone` so a file
 * never goes stale. Fields beyond the SPEC's example are optional extensions, documented in
 * apps/oscar-sim/README.md.
 */
export interface SimDataFile {
  /** IANA zone of the simulated OSCAR server (its JVM zone) and of the clinic. */
  timezone: string;
  logins: SimLogin[];
  scheduleTemplateCodes: SimScheduleCode[];
  templates: SimTemplate[];
  providers: SimProvider[];
  holidays?: SimHoliday[];
  demographics: SimDemographic[];
  appointments?: SimAppointment[];
  appointmentTypes?: SimAppointmentType[];
}

export interface SimLogin {
  /** security.security_no: the WS-Security Username. */
  securityNo: number;
  /** The login name (login2 arg0). */
  userName: string;
  password: string;
  providerNo: string;
  /** Past expiry date (yyyy-MM-dd) → every call fails authentication. */
  expireDate?: string | null;
  /** false → demographic reads fault `missing required security object (_demographic)`. */
  demographicAccess?: boolean;
}

export interface SimScheduleCode {
  /** One character; printed as its character code. Need not be unique. */
  code: string;
  description: string;
  /** Minutes; OSCAR stores a string that may be "". */
  duration: number | string | null;
  bookinglimit: number;
  confirm?: string;
  color?: string;
}

export interface SimTemplate {
  name: string;
  slotMinutes: number;
  /** 1440 / slotMinutes characters from 00:00; '_' = no schedule. */
  timecode: string;
}

/** ISO weekday ("1" = Monday … "7" = Sunday) → template name. */
export type SimWeek = Partial<Record<'1' | '2' | '3' | '4' | '5' | '6' | '7', string>>;

export interface SimProvider {
  providerNo: string;
  firstName: string;
  lastName: string;
  specialty?: string;
  /** "1" active, "0" inactive. */
  status?: string;
  week?: SimWeek;
  providerType?: string;
  sex?: string;
  title?: string;
  phone?: string;
  workPhone?: string;
  email?: string;
  practitionerNo?: string;
  ohipNo?: string;
  billingNo?: string;
  team?: string;
  address?: string;
  comments?: string;
  /** getProviderProperties name → value. */
  properties?: Record<string, string>;
}

export interface SimHoliday {
  dayOffset: number;
  name: string;
}

export interface SimDemographic {
  demographicNo: number;
  firstName: string;
  lastName: string;
  /** yyyy-MM-dd */
  dateOfBirth: string;
  sex: string;
  phone?: string | null;
  phone2?: string | null;
  hin?: string | null;
  hcType?: string | null;
  ver?: string | null;
  patientStatus?: string;
  address?: string | null;
  city?: string | null;
  province?: string | null;
  postal?: string | null;
  email?: string | null;
  /** MRP provider number. */
  providerNo?: string | null;
  chartNo?: string | null;
  alias?: string | null;
  title?: string | null;
  spokenLanguage?: string | null;
  officialLanguage?: string | null;
}

export interface SimAppointment {
  providerNo: string;
  /** 0 = no patient (e.g. a meeting). */
  demographicNo: number;
  dayOffset: number;
  /** HH:mm */
  startTime: string;
  /** Stored like a UI booking: end = start + duration − 1 min. */
  durationMin: number;
  status?: string;
  type?: string | null;
  reason?: string | null;
  notes?: string | null;
  location?: string | null;
  remarks?: string | null;
  /** Defaults to the chart's "LAST,FIRST". */
  name?: string | null;
}

export interface SimAppointmentType {
  name: string;
  duration: number;
  location?: string;
  notes?: string;
  reason?: string;
  resources?: string;
}
