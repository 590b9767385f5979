import {
  AddToWaitlistArgs,
  CancelAppointmentArgs,
  CheckAppointmentsArgs,
  CreateAppointmentArgs,
  FindEarliestAppointmentArgs,
  LogCallMetadataArgs,
  NoArgs,
  RegisterNewPatientArgs,
  SearchPatientArgs,
  SearchPatientByPhoneArgs,
  TransferCallArgs,
  UpdateAppointmentArgs,
  type ToolArgs,
} from './dto/tool-args.dto.js';

export type ToolName =
  | 'get_clinic_info'
  | 'search_patient_by_phone'
  | 'search_patient'
  | 'get_providers'
  | 'find_earliest_appointment'
  | 'check_appointments'
  | 'create_appointment'
  | 'update_appointment'
  | 'cancel_appointment'
  | 'register_new_patient'
  | 'add_to_waitlist'
  | 'log_call_metadata'
  | 'transfer_call';

export interface ToolSpec {
  name: ToolName;
  description: string;
  /** what the agent says while the tool runs (seed 003 request-start phrases) */
  requestStart: string;
  args: new () => ToolArgs;
  /** changes something: keeps a receipt by (call id, toolCallId) */
  mutating: boolean;
  /**
   * reads the charts bound to the call (identity binding): the call's metadata is read afresh for
   * it (another replica may have just verified the caller). So it is for the CHART_TOOLS (to see
   * whether the call is over), unless no tool of the delivery needs it: then a tool sees only the
   * call's language (`ToolContext.meta` is null), so a tool that checks chart access without this
   * flag may refuse every chart.
   */
  bindsIdentity: boolean;
}

/** The tools of SPEC §4.1, in the order an assistant meets them. */
export const TOOLS: readonly ToolSpec[] = [
  { name: 'get_clinic_info', args: NoArgs, bindsIdentity: false, mutating: false, requestStart: '', description: 'Clinic name, greeting, languages, whether it is open now and today’s hours, whether it accepts new patients, has a waitlist, and can transfer to staff. Call it first, on the first turn.' },
  { name: 'search_patient_by_phone', args: SearchPatientByPhoneArgs, bindsIdentity: true, mutating: false, requestStart: 'One moment while I look you up.', description: 'Finds the caller’s file by the number they are calling from (the server uses the real caller ID; the phone argument is ignored). One file: ask "is that you, {firstName}?". next=ask_dob: ask the date of birth and call again with dateOfBirth. Not found: offer registration, or search_patient by name and date of birth.' },
  { name: 'search_patient', args: SearchPatientArgs, bindsIdentity: false, mutating: false, requestStart: 'Let me pull up your file.', description: 'Finds and verifies the caller’s file by first name, last name and date of birth (all three needed). Not found: transfer with reason record_not_found.' },
  { name: 'get_providers', args: NoArgs, bindsIdentity: false, mutating: false, requestStart: 'Let me check who is available.', description: 'The providers who take bookings by phone: providerId, providerName (how to say it), specialty, languages.' },
  { name: 'find_earliest_appointment', args: FindEarliestAppointmentArgs, bindsIdentity: true, mutating: false, requestStart: 'Let me check what’s available.', description: 'The earliest bookable slot for the caller (providerId, providerName, startTime, endTime, appointmentType at the top level) and up to two alternatives. Call it with no filters first; add filters when the caller refines. Past dates count as today.' },
  { name: 'check_appointments', args: CheckAppointmentsArgs, bindsIdentity: true, mutating: false, requestStart: 'Let me look that up.', description: 'The caller’s upcoming appointments (appointmentId, startTime, providerName); read the first three. With findAvailable, also the earliest bookable slot. Needs a verified date of birth when the clinic requires it (code NEEDS_DOB).' },
  { name: 'create_appointment', args: CreateAppointmentArgs, bindsIdentity: true, mutating: true, requestStart: 'Let me book that for you.', description: 'Books the offered slot for the caller. Pass providerId, startTime and appointmentType exactly as offered. Never say "booked" before it answers. SLOT_TAKEN: offer alternatives[0].' },
  { name: 'update_appointment', args: UpdateAppointmentArgs, bindsIdentity: true, mutating: true, requestStart: 'Let me move that for you.', description: 'Moves one of the caller’s appointments to a new offered time (and provider). Never say "moved" before it answers.' },
  { name: 'cancel_appointment', args: CancelAppointmentArgs, bindsIdentity: true, mutating: true, requestStart: 'Let me cancel that for you.', description: 'Cancels one of the caller’s appointments after they confirmed. Never say "cancelled" before it answers.' },
  { name: 'register_new_patient', args: RegisterNewPatientArgs, bindsIdentity: false, mutating: true, requestStart: 'Let me take down your details.', description: 'Registers a new patient after reading the details back: clinic staff complete the chart (the EMR cannot create charts by phone). INVALID_HEALTH_NUMBER: ask for the number again. NOT_ACCEPTING: follow next (offer_waitlist or transfer).' },
  { name: 'add_to_waitlist', args: AddToWaitlistArgs, bindsIdentity: false, mutating: true, requestStart: 'Let me add you to the waitlist.', description: 'Puts the caller on the clinic’s new-patient waitlist (phone defaults to the caller ID).' },
  { name: 'log_call_metadata', args: LogCallMetadataArgs, bindsIdentity: true, mutating: true, requestStart: '', description: 'Records how the call went (callOutcome, intent, demographicId, appointmentId, smsConsent) before it ends. Silent.' },
  { name: 'transfer_call', args: TransferCallArgs, bindsIdentity: false, mutating: true, requestStart: 'Let me connect you with our staff.', description: 'Records why the caller is being transferred to staff; then use the transferCall tool. NO_TRANSFER_NUMBER: apologise and keep helping.' },
];

/**
 * Tools that read or change a chart (the patient's file and appointments in the EMR). Once the
 * call's end-of-call report has arrived they answer NOT_PERMITTED; the others still record (their
 * notes land in the call log) or answer facts about the clinic.
 */
export const CHART_TOOLS: ReadonlySet<ToolName> = new Set<ToolName>([
  'search_patient_by_phone',
  'search_patient',
  'find_earliest_appointment',
  'check_appointments',
  'create_appointment',
  'update_appointment',
  'cancel_appointment',
]);

export function toolSpec(name: string): ToolSpec | undefined {
  return TOOLS.find((t) => t.name === name);
}
