import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn, type Relation } from 'typeorm';
import { Clinic } from './clinic.entity.js';

/** Shapes of the OSCAR config pull (seed 000). */
export interface ScheduleTemplateCodesPull {
  codes: { code: string; description: string; duration: number; bookinglimit: number; confirm: string; bookable: boolean }[];
  pulledAt: string;
}
export interface AppointmentStatusesPull {
  statuses: { code: string; description: string; active: boolean }[];
  pulledAt: string;
}
export interface ClinicSitesPull {
  sites: { id: string; name: string; address: string; phone: string; active: boolean }[];
  pulledAt: string;
}
/** `{"<visit reason>": {"code": "B", "durationMin": 15}}` */
export type AppointmentTypeMappings = Record<string, { code: string; durationMin?: number }>;

/**
 * Per-clinic configuration (seed 000 `ClinicConfig`), one row per clinic, keyed by the clinic.
 * Every `*Enc` column and `vapiWebhookSecret` hold AES-256-GCM ciphertext with a key-id prefix
 * (SPEC §3) and never leave the API unmasked.
 */
@Entity({ name: 'clinic_config' })
export class ClinicConfig {
  @PrimaryColumn({ type: 'uuid' })
  clinicId: string;

  @ManyToOne(() => Clinic, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'clinic_id' })
  clinic?: Relation<Clinic>;

  // ---- EMR connection ----
  /** oscar-universal | oscar-pro | telus-health | juno */
  @Column({ type: 'text', default: 'oscar-universal' })
  emrType: string;
  @Column({ type: 'text', nullable: true })
  oscarUrl: string | null;
  @Column({ type: 'text', nullable: true })
  oscarConsumerKey: string | null;
  @Column({ type: 'text', nullable: true })
  oscarConsumerSecretEnc: string | null;
  @Column({ type: 'text', nullable: true })
  oscarTokenKey: string | null;
  @Column({ type: 'text', nullable: true })
  oscarTokenSecretEnc: string | null;
  @Column({ type: 'boolean', default: false })
  oscarConnectionVerified: boolean;
  @Column({ type: 'timestamptz', nullable: true })
  oscarLastVerifiedAt: Date | null;
  @Column({ type: 'text', nullable: true })
  oscarVersion: string | null;
  @Column({ type: 'timestamptz', nullable: true })
  oscarLastSync: Date | null;
  @Column({ type: 'text', nullable: true })
  oscarSoapUsername: string | null;
  @Column({ type: 'text', nullable: true })
  oscarSoapPasswordEnc: string | null;
  @Column({ type: 'boolean', default: true })
  oscarTlsVerify: boolean;
  @Column({ type: 'integer', nullable: true })
  oscarAdmissionProgramId: number | null;
  @Column({ type: 'timestamptz', nullable: true })
  oscarOauthTokenExpiresAt: Date | null;
  @Column({ type: 'boolean', default: false })
  oscarPreferRest: boolean;

  // ---- registration ----
  @Column({ type: 'boolean', default: true })
  acceptingNewPatients: boolean;
  @Column({ type: 'boolean', default: true })
  waitlistEnabled: boolean;
  @Column({ type: 'integer', nullable: true })
  maxNewPatientsPerWeek: number | null;

  // ---- scheduling ----
  @Column({ type: 'integer', default: 15 })
  appointmentDuration: number;
  @Column({ type: 'integer', default: 5 })
  bufferTime: number;
  @Column({ type: 'integer', default: 30 })
  maxAdvanceBookingDays: number;
  @Column({ type: 'integer', default: 2 })
  minAdvanceBookingHours: number;
  /** how long a search's top offer is held for the caller (SPEC §5), minutes */
  @Column({ type: 'integer', default: 3 })
  offerHoldMinutes: number;

  // ---- voice / Vapi ----
  @Column({ type: 'text', default: 'en' })
  defaultLanguage: string;
  @Column({ type: 'text', array: true, default: () => `'{en,zh}'` })
  supportedLanguages: string[];
  @Column({ type: 'text', nullable: true, unique: true })
  vapiAssistantId: string | null;
  @Column({ type: 'text', nullable: true })
  vapiSquadId: string | null;
  /** ciphertext, despite the seed's name */
  @Column({ type: 'text', nullable: true })
  vapiWebhookSecret: string | null;
  @Column({ type: 'boolean', default: false })
  vapiConnectionVerified: boolean;
  @Column({ type: 'timestamptz', nullable: true })
  vapiLastVerifiedAt: Date | null;
  @Column({ type: 'boolean', default: true })
  voiceAgentEnabled: boolean;
  /**
   * Addition (not in seed 000): Vapi's id of the clinic's phone number, so the webhook's clinic
   * resolution can map `call.phoneNumberId` without asking Vapi's API (BYO numbers arrive without
   * `phoneNumber.number`). One clinic per number id.
   */
  @Column({ type: 'text', nullable: true, unique: true })
  vapiPhoneNumberId: string | null;

  // ---- privacy officer (PIPEDA 4.1.1) ----
  @Column({ type: 'text', nullable: true })
  privacyOfficerName: string | null;
  @Column({ type: 'text', nullable: true })
  privacyOfficerEmail: string | null;
  @Column({ type: 'text', nullable: true })
  privacyOfficerPhone: string | null;

  // ---- data retention (PIPEDA 4.5); null = system default (90 / 365 days) ----
  @Column({ type: 'integer', nullable: true })
  transcriptRetentionDays: number | null;
  @Column({ type: 'integer', nullable: true })
  callLogRetentionDays: number | null;

  // ---- BAA / DPA (PIPEDA 4.1.3) ----
  @Column({ type: 'boolean', default: false })
  baaVapiSigned: boolean;
  @Column({ type: 'timestamptz', nullable: true })
  baaVapiSignedAt: Date | null;
  @Column({ type: 'boolean', default: false })
  baaHostingSigned: boolean;
  @Column({ type: 'timestamptz', nullable: true })
  baaHostingSignedAt: Date | null;

  // ---- clinical control ----
  @Column({ type: 'text', nullable: true })
  customGreeting: string | null;
  @Column({ type: 'text', nullable: true })
  customGreetingZh: string | null;
  @Column({ type: 'text', nullable: true })
  transferPhoneNumber: string | null;
  @Column({ type: 'text', nullable: true })
  defaultProviderId: string | null;
  @Column({ type: 'text', nullable: true })
  preferredPharmacy: string | null;
  @Column({ type: 'text', nullable: true })
  preferredPharmacyAddr: string | null;
  @Column({ type: 'text', nullable: true })
  preferredPharmacyFax: string | null;
  @Column({ type: 'jsonb', nullable: true })
  appointmentTypeMappings: AppointmentTypeMappings | null;

  // ---- OSCAR config pull ----
  @Column({ type: 'jsonb', nullable: true })
  scheduleTemplateCodes: ScheduleTemplateCodesPull | null;
  @Column({ type: 'jsonb', nullable: true })
  appointmentStatuses: AppointmentStatusesPull | null;
  @Column({ type: 'jsonb', nullable: true })
  clinicSites: ClinicSitesPull | null;
  @Column({ type: 'text', array: true, default: () => `'{}'` })
  bookableScheduleCodes: string[];
  @Column({ type: 'text', array: true, default: () => `'{}'` })
  blockedScheduleCodes: string[];
  @Column({ type: 'timestamptz', nullable: true })
  oscarConfigPulledAt: Date | null;

  // ---- v3.1 voice booking (clinic level of defaults → clinic → provider) ----
  @Column({ type: 'boolean', default: false })
  askReasonBeforeSearch: boolean;
  @Column({ type: 'text', default: 'B' })
  defaultAppointmentTypeCode: string;
  @Column({ type: 'integer', default: 15 })
  defaultSlotDuration: number;
  /** in_person | virtual | both */
  @Column({ type: 'text', default: 'both' })
  defaultVisitMode: string;
  @Column({ type: 'text', array: true, default: () => `'{checkup,follow_up,sick_visit,consultation}'` })
  enabledVisitReasons: string[];
  /** best_available | same_specialty | ask_patient | waitlist_only */
  @Column({ type: 'text', default: 'best_available' })
  providerFallbackBehavior: string;
  @Column({ type: 'integer', default: 3 })
  maxFallbackProviders: number;
  @Column({ type: 'integer', default: 14 })
  fallbackSearchWindowDays: number;
  @Column({ type: 'boolean', default: true })
  allowSameDayBooking: boolean;
  @Column({ type: 'boolean', default: false })
  allowWeekendBooking: boolean;
  @Column({ type: 'boolean', default: true })
  requireDOBVerification: boolean;
  @Column({ type: 'integer', default: 1 })
  maxApptsPerPatientPerDay: number;
  @Column({ type: 'integer', default: 24 })
  cancellationMinNoticeHours: number;
  @Column({ type: 'boolean', default: true })
  newPatientRequiresLongerSlot: boolean;
  @Column({ type: 'integer', default: 30 })
  newPatientMinDuration: number;

  // ---- SMS service (Telnyx credentials are platform-level, in the environment) ----
  @Column({ type: 'boolean', default: false })
  smsEnabled: boolean;
  @Column({ type: 'text', nullable: true })
  smsSenderNumber: string | null;
  @Column({ type: 'text', nullable: true })
  smsTemplateBookEn: string | null;
  @Column({ type: 'text', nullable: true })
  smsTemplateBookZh: string | null;
  @Column({ type: 'text', nullable: true })
  smsTemplateCancelEn: string | null;
  @Column({ type: 'text', nullable: true })
  smsTemplateCancelZh: string | null;
  @Column({ type: 'text', nullable: true })
  smsTemplateRescheduleEn: string | null;
  @Column({ type: 'text', nullable: true })
  smsTemplateRescheduleZh: string | null;
  @Column({ type: 'boolean', default: false })
  smsInboundWebhookEnabled: boolean;

  // ---- fax inbox ----
  /** the clinic's inbound fax number (E.164): Telnyx's `fax.received` is routed by it */
  @Column({ type: 'text', nullable: true, unique: true })
  faxNumber: string | null;
  /** days a verified fax stays in the inbox before it is archived; null = 30 */
  @Column({ type: 'integer', nullable: true })
  faxArchiveDays: number | null;
  /** days a fax document is kept at all; null = 365 */
  @Column({ type: 'integer', nullable: true })
  faxRetentionDays: number | null;
  /** a match at or above this confidence is made without staff review; null = 0.9 */
  @Column({ type: 'double precision', nullable: true })
  faxAutoMatchThreshold: number | null;
  /** outside AI vendor the clinic allows fax documents to be sent to (anthropic | openai | google); null = offline only */
  @Column({ type: 'text', nullable: true })
  faxExtractionVendor: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
