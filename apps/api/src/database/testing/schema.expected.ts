/**
 * The schema the migrations must produce, written from seed 000 (field by field) plus the SPEC §3
 * deviations and additions (marked). Column notation: `<type>[!][ = <default>]` where `!` is
 * NOT NULL and the default is PostgreSQL's text of it without its `::type` cast.
 */
export const EXPECTED_ENUMS: Record<string, string[]> = {
  // seed 000's nine (user_role: `vitara_admin` is `platform_admin`, SPEC §3)
  user_role: ['platform_admin', 'clinic_manager'],
  clinic_status: ['active', 'inactive', 'pending'],
  provider_status: ['active', 'inactive', 'on_leave'],
  waitlist_status: ['pending', 'contacted', 'registered', 'declined'],
  call_intent: ['book', 'reschedule', 'cancel', 'register', 'inquiry', 'other'],
  call_outcome: ['booked', 'rescheduled', 'cancelled', 'registered', 'waitlisted', 'transferred', 'no_action'],
  // + needs_review (SPEC §12)
  fax_status: ['pending', 'processing', 'extracted', 'matched', 'verified', 'failed', 'archived', 'needs_review'],
  ticket_priority: ['low', 'medium', 'high', 'urgent'],
  ticket_status: ['open', 'in_progress', 'waiting', 'resolved', 'closed'],
  // additions
  audit_outcome: ['success', 'denied', 'failure', 'error'],
  tool_call_status: ['running', 'done'],
  waitlist_source: ['voice', 'console'],
  sms_direction: ['outbound', 'inbound'],
  sms_status: ['queued', 'sending', 'sent', 'delivered', 'failed', 'undeliverable', 'received'],
};

const id = 'uuid! = gen_random_uuid()';
const createdAt = 'timestamptz! = now()';
const updatedAt = 'timestamptz! = now()';

export const EXPECTED_COLUMNS: Record<string, Record<string, string>> = {
  clinics: {
    id, name: 'text!', slug: 'text!', phone: 'text', phones: "jsonb = '[]'", vapi_phone: 'text',
    address: 'text', city: 'text', province: "text! = 'BC'", postal_code: 'text',
    timezone: "text! = 'America/Vancouver'", status: "clinic_status! = 'active'",
    created_at: createdAt, updated_at: updatedAt,
  },
  clinic_config: {
    clinic_id: 'uuid!',
    // EMR connection
    emr_type: "text! = 'oscar-universal'", oscar_url: 'text', oscar_consumer_key: 'text',
    oscar_consumer_secret_enc: 'text', oscar_token_key: 'text', oscar_token_secret_enc: 'text',
    oscar_connection_verified: 'boolean! = false', oscar_last_verified_at: 'timestamptz', oscar_version: 'text',
    oscar_last_sync: 'timestamptz', oscar_soap_username: 'text', oscar_soap_password_enc: 'text',
    oscar_tls_verify: 'boolean! = true', oscar_admission_program_id: 'integer',
    oscar_oauth_token_expires_at: 'timestamptz', oscar_prefer_rest: 'boolean! = false',
    // registration
    accepting_new_patients: 'boolean! = true', waitlist_enabled: 'boolean! = true', max_new_patients_per_week: 'integer',
    // scheduling
    appointment_duration: 'integer! = 15', buffer_time: 'integer! = 5', max_advance_booking_days: 'integer! = 30',
    min_advance_booking_hours: 'integer! = 2',
    offer_hold_minutes: 'integer! = 3',
    // fax inbox (migration FaxInbox)
    fax_number: 'text', fax_archive_days: 'integer', fax_retention_days: 'integer', fax_auto_match_threshold: 'double precision',
    fax_extraction_vendor: 'text',
    // voice / Vapi (+ vapi_phone_number_id, an addition)
    default_language: "text! = 'en'", supported_languages: "text[]! = '{en,zh}'", vapi_assistant_id: 'text',
    vapi_squad_id: 'text', vapi_webhook_secret: 'text', vapi_connection_verified: 'boolean! = false',
    vapi_last_verified_at: 'timestamptz', voice_agent_enabled: 'boolean! = true', vapi_phone_number_id: 'text',
    // privacy officer, retention, BAA
    privacy_officer_name: 'text', privacy_officer_email: 'text', privacy_officer_phone: 'text',
    transcript_retention_days: 'integer', call_log_retention_days: 'integer',
    baa_vapi_signed: 'boolean! = false', baa_vapi_signed_at: 'timestamptz', baa_hosting_signed: 'boolean! = false',
    baa_hosting_signed_at: 'timestamptz',
    // clinical control
    custom_greeting: 'text', custom_greeting_zh: 'text', transfer_phone_number: 'text', default_provider_id: 'text',
    preferred_pharmacy: 'text', preferred_pharmacy_addr: 'text', preferred_pharmacy_fax: 'text',
    appointment_type_mappings: 'jsonb',
    // OSCAR config pull
    schedule_template_codes: 'jsonb', appointment_statuses: 'jsonb', clinic_sites: 'jsonb',
    bookable_schedule_codes: "text[]! = '{}'", blocked_schedule_codes: "text[]! = '{}'",
    oscar_config_pulled_at: 'timestamptz',
    // v3.1 voice booking
    ask_reason_before_search: 'boolean! = false', default_appointment_type_code: "text! = 'B'",
    default_slot_duration: 'integer! = 15', default_visit_mode: "text! = 'both'",
    enabled_visit_reasons: "text[]! = '{checkup,follow_up,sick_visit,consultation}'",
    provider_fallback_behavior: "text! = 'best_available'", max_fallback_providers: 'integer! = 3',
    fallback_search_window_days: 'integer! = 14', allow_same_day_booking: 'boolean! = true',
    allow_weekend_booking: 'boolean! = false', require_dob_verification: 'boolean! = true',
    max_appts_per_patient_per_day: 'integer! = 1', cancellation_min_notice_hours: 'integer! = 24',
    new_patient_requires_longer_slot: 'boolean! = true', new_patient_min_duration: 'integer! = 30',
    // SMS service: six template columns, not one JSON (SPEC §3)
    sms_enabled: 'boolean! = false', sms_sender_number: 'text', sms_template_book_en: 'text',
    sms_template_book_zh: 'text', sms_template_cancel_en: 'text', sms_template_cancel_zh: 'text',
    sms_template_reschedule_en: 'text', sms_template_reschedule_zh: 'text',
    sms_inbound_webhook_enabled: 'boolean! = false',
    updated_at: updatedAt,
  },
  clinic_hours: {
    id, clinic_id: 'uuid!', day_of_week: 'integer!', open_time: 'text', close_time: 'text',
    is_closed: 'boolean! = false',
  },
  clinic_holidays: { id, clinic_id: 'uuid!', date: 'date!', name: 'text', created_at: createdAt, source: "text! = 'manual'" },
  clinic_providers: {
    id, clinic_id: 'uuid!', first_name: 'text!', last_name: 'text!', title: "text! = 'Dr.'", display_name: 'text',
    specialty: 'text', email: 'text', phone: 'text', accepting_new_patients: 'boolean! = true',
    languages: "text[]! = '{English}'", status: "provider_status! = 'active'", appointment_types: "text[]! = '{}'",
    color: "text! = '#3B82F6'", oscar_provider_id: 'text', voice_bookable: 'boolean! = true',
    max_advance_booking_days: 'integer', last_synced_at: 'timestamptz', visit_mode: "text! = 'both'",
    accepts_walk_ins: 'boolean! = false', schedule_code_config: 'jsonb', appointment_type_overrides: 'jsonb',
    created_at: createdAt, updated_at: updatedAt,
  },
  waitlist: {
    id, clinic_id: 'uuid!', first_name: 'text!', last_name: 'text!', phone: 'text!', email: 'text', notes: 'text',
    status: "waitlist_status! = 'pending'", created_at: createdAt, contacted_at: 'timestamptz',
    registered_at: 'timestamptz',
    // additions: encrypted registration details (SPEC §3), source, originating call
    details_enc: 'text', source: "waitlist_source! = 'console'", vapi_call_id: 'text',
  },
  call_logs: {
    id, clinic_id: 'uuid!', vapi_call_id: 'text', caller_phone: 'text', demographic_id: 'integer', language: 'text',
    intent: 'call_intent', outcome: 'call_outcome', appointment_id: 'integer', duration_seconds: 'integer',
    cost: 'double precision', transcript: 'text', summary: 'text', transferred_to_staff: 'boolean! = false',
    transfer_reason: 'text', sms_consent: 'boolean', sms_sent_at: 'timestamptz', created_at: createdAt,
    // additions from the end-of-call report
    started_at: 'timestamptz', ended_at: 'timestamptz', ended_reason: 'text',
  },
  users: {
    id, email: 'text!', password_hash: 'text!', first_name: 'text!', last_name: 'text!',
    role: "user_role! = 'clinic_manager'", is_active: 'boolean! = true', clinic_id: 'uuid',
    created_at: createdAt, updated_at: updatedAt,
    // additions: TOTP MFA, session hygiene (lockout counters live in auth_throttles; the per-user
    // failed_login_count / last_failed_login_at / locked_until went with DropUserLockoutColumns)
    mfa_enabled: 'boolean! = false', mfa_secret_enc: 'text', mfa_backup_code_hashes: "text[]! = '{}'",
    password_changed_at: 'timestamptz', last_login_at: 'timestamptz',
    // set by an admin's password reset (and a generated first password) until the user chooses their own
    must_change_password: 'boolean! = false',
    // auth: access-token generation, TOTP replay guard (migration AuthSessionsMfaSettings)
    token_version: 'integer! = 0', mfa_last_used_step: 'bigint',
  },
  audit_logs: {
    id, user_id: 'uuid',
    user_email: 'text', // nullable: system actors (SPEC §3)
    action: 'text!', resource: 'text!', resource_id: 'text', clinic_id: 'uuid', details: 'jsonb',
    ip_address: 'text', user_agent: 'text', created_at: createdAt,
    // additions: method, path, outcome and status code beside the action verb
    method: 'text', path: 'text', outcome: "audit_outcome! = 'success'", status_code: 'integer',
  },
  onboarding_progress: {
    clinic_id: 'uuid!', current_step: 'integer! = 1', clinic_info_done: 'boolean! = false',
    hours_done: 'boolean! = false', providers_done: 'boolean! = false', emr_connected: 'boolean! = false',
    vapi_assigned: 'boolean! = false', test_call_passed: 'boolean! = false', privacy_officer_set: 'boolean! = false',
    baa_signed: 'boolean! = false', completed_at: 'timestamptz', created_at: createdAt, updated_at: updatedAt,
  },
  support_tickets: {
    id, clinic_id: 'uuid!', created_by_id: 'uuid!', assignee_id: 'uuid', title: 'text!', description: 'text!',
    priority: "ticket_priority! = 'medium'", status: "ticket_status! = 'open'", created_at: createdAt,
    updated_at: updatedAt,
  },
  ticket_messages: {
    id, ticket_id: 'uuid!', author_id: 'uuid!', content: 'text!', is_internal: 'boolean! = false',
    created_at: createdAt,
  },
  notifications: {
    id, user_id: 'uuid!', type: 'text!', title: 'text!', message: 'text!', link: 'text', read: 'boolean! = false',
    created_at: createdAt,
    // optional e-mail delivery (migration ClinicAlertsNotificationEmail)
    emailed_at: 'timestamptz',
  },
  fax_documents: {
    id, clinic_id: 'uuid!', status: "fax_status! = 'pending'", source: "text! = 'upload'", original_filename: 'text',
    file_path: 'text', page_count: 'integer', extracted_data: 'jsonb', extraction_provider: 'text',
    extraction_model: 'text', extraction_cost_cents: 'double precision', matched_patient_id: 'text',
    matched_patient_name: 'text', match_confidence: 'double precision', match_method: 'text',
    match_verified: 'boolean! = false', match_verified_by: 'uuid', match_verified_at: 'timestamptz',
    sender_fax_number: 'text', received_at: 'timestamptz', processed_at: 'timestamptz', error_message: 'text',
    created_at: createdAt, updated_at: updatedAt,
    // the fax inbox (migration FaxInbox): the file is in fax_document_files, the PHI-bearing fields encrypted
    mime_type: 'text', size_bytes: 'integer', checksum_sha256: 'text', telnyx_fax_id: 'text', document_type: 'text',
    extracted_data_enc: 'text', candidates: 'jsonb', extraction_note: 'text', reject_reason_enc: 'text',
    review_notified_at: 'timestamptz', archived_at: 'timestamptz',
  },
  // a fax document's bytes, encrypted under its own data key (wrapped by SecretBox)
  fax_document_files: { fax_document_id: 'uuid!', clinic_id: 'uuid!', content: 'bytea!', key_enc: 'text!', created_at: createdAt },
  // id: uuid instead of the seed's cuid; phone_e164 instead of "last 10 digits" (SPEC §3)
  patient_phone_cache: {
    id, clinic_id: 'uuid!', phone_e164: 'text!', demographic_no: 'integer!', patient_name: 'text',
    last_seen: 'timestamptz! = now()',
  },
  // ---- tables added by SPEC §3 ----
  refresh_tokens: {
    id, user_id: 'uuid!', token_hash: 'text!', family_id: 'uuid!', expires_at: 'timestamptz!',
    revoked_at: 'timestamptz', revoked_reason: 'text', replaced_by: 'uuid', created_at: createdAt,
    user_agent: 'text', ip_address: 'text',
  },
  call_metadata: {
    id, clinic_id: 'uuid!', vapi_call_id: 'text!', caller_phone_e164: 'text',
    matched_demographic_ids: "integer[]! = '{}'", verified_demographic_ids: "integer[]! = '{}'", language: 'text',
    intent: 'call_intent', outcome: 'call_outcome', demographic_id: 'integer', appointment_id: 'integer',
    sms_consent: 'boolean', transfer_reason: 'text', created_at: createdAt, last_activity_at: 'timestamptz! = now()', reported_at: 'timestamptz', dob_failures: 'integer! = 0',
    in_doubt: "jsonb! = '[]'",
  },
  tool_call_receipts: {
    id, clinic_id: 'uuid!', vapi_call_id: 'text!', tool_call_id: 'text!', tool_name: 'text!',
    status: "tool_call_status! = 'running'", result: 'text', created_at: createdAt, completed_at: 'timestamptz',
  },
  sms_messages: {
    id, clinic_id: 'uuid!', direction: 'sms_direction!', to_e164: 'text!', from_e164: 'text!', body: 'text!',
    template_kind: 'text', language: 'text', status: 'sms_status!', provider_message_id: 'text', error_code: 'text',
    vapi_call_id: 'text', appointment_id: 'integer', created_at: createdAt, updated_at: updatedAt,
    sent_at: 'timestamptz', delivered_at: 'timestamptz',
    // the outbox key and the send in doubt (migration SmsOutboxKeys)
    tool_call_id: 'text', attempt_started_at: 'timestamptz',
  },
  sms_opt_outs: {
    id, clinic_id: 'uuid!', phone_e164: 'text!', opted_out_at: 'timestamptz! = now()', source_keyword: 'text!',
    opted_back_in_at: 'timestamptz', updated_at: updatedAt,
  },
  // auth: lockout counters shared by replicas, platform switches (migration AuthSessionsMfaSettings)
  auth_throttles: {
    key: 'text!', failures: 'integer! = 0', window_started_at: 'timestamptz! = now()', locked_until: 'timestamptz',
    updated_at: updatedAt,
  },
  platform_settings: { key: 'text!', value: 'jsonb!', updated_at: updatedAt, updated_by: 'uuid' },
  // the sign-in, refresh and MFA rate limits' counters, shared by the replicas (migration RateLimitHits)
  rate_limit_hits: { key: 'text!', step: 'bigint!', hits: 'integer!' },
  // clinic alerts announced once across replicas (migration ClinicAlertsNotificationEmail)
  clinic_alerts: { clinic_id: 'uuid!', kind: 'text!', opened_at: 'timestamptz!', closed_at: 'timestamptz' },
  // scheduling: the schedule cache, its refresh budget, offer holds and booking claims (migration ScheduleCacheAndClaims)
  schedule_cache_days: { clinic_id: 'uuid!', provider_no: 'text!', date: 'date!', schedule: 'jsonb', read_at: 'timestamptz!' },
  schedule_cache_budgets: { clinic_id: 'uuid!', tokens: 'double precision!', refilled_at: 'timestamptz!' },
  scheduling_claims: {
    id, clinic_id: 'uuid!', claim_key: 'text!', call_id: 'text!', kind: 'text!', provider_no: 'text', starts_at: 'timestamptz',
    ends_at: 'timestamptz', expires_at: 'timestamptz!', settled_at: 'timestamptz', created_at: createdAt,
  },
};

/** `table.name: columns` of every UNIQUE constraint (seed 000's seven, then the additions). */
export const EXPECTED_UNIQUES: Record<string, string[]> = {
  'clinics.uq_clinics_slug': ['slug'],
  'clinics.uq_clinics_vapi_phone': ['vapi_phone'],
  'users.uq_users_email': ['email'],
  'clinic_config.uq_clinic_config_vapi_assistant_id': ['vapi_assistant_id'],
  'clinic_hours.uq_clinic_hours_clinic_id_day_of_week': ['clinic_id', 'day_of_week'],
  'clinic_providers.uq_clinic_providers_clinic_id_oscar_provider_id': ['clinic_id', 'oscar_provider_id'],
  'patient_phone_cache.uq_patient_phone_cache_clinic_id_phone_e164': ['clinic_id', 'phone_e164'],
  // SPEC §3: unique report merge, unique holidays, receipts by toolCallId
  'call_logs.uq_call_logs_vapi_call_id': ['vapi_call_id'],
  'clinic_holidays.uq_clinic_holidays_clinic_id_date': ['clinic_id', 'date'],
  'tool_call_receipts.uq_tool_call_receipts_vapi_call_id_tool_call_id': ['vapi_call_id', 'tool_call_id'],
  // additions
  'clinic_config.uq_clinic_config_vapi_phone_number_id': ['vapi_phone_number_id'],
  'refresh_tokens.uq_refresh_tokens_token_hash': ['token_hash'],
  'call_metadata.uq_call_metadata_clinic_id_vapi_call_id': ['clinic_id', 'vapi_call_id'],
  'sms_messages.uq_sms_messages_provider_message_id': ['provider_message_id'],
  'sms_messages.uq_sms_messages_vapi_call_id_tool_call_id_template_kind': ['vapi_call_id', 'tool_call_id', 'template_kind'],
  'sms_opt_outs.uq_sms_opt_outs_clinic_id_phone_e164': ['clinic_id', 'phone_e164'],
  'scheduling_claims.uq_scheduling_claims_clinic_id_claim_key': ['clinic_id', 'claim_key'],
  'clinic_config.uq_clinic_config_fax_number': ['fax_number'],
};

/**
 * `table.name: columns` of every plain (non-unique) index. Seed 000's nineteen, except
 * `call_logs(vapi_call_id)`, which the unique constraint above replaces; then the additions.
 */
export const EXPECTED_INDEXES: Record<string, string[]> = {
  'waitlist.idx_waitlist_clinic_id': ['clinic_id'],
  'waitlist.idx_waitlist_status': ['status'],
  'call_logs.idx_call_logs_clinic_id': ['clinic_id'],
  'call_logs.idx_call_logs_created_at': ['created_at'],
  'audit_logs.idx_audit_logs_clinic_id': ['clinic_id'],
  'audit_logs.idx_audit_logs_user_id': ['user_id'],
  'audit_logs.idx_audit_logs_created_at': ['created_at'],
  'audit_logs.idx_audit_logs_action': ['action'],
  'support_tickets.idx_support_tickets_clinic_id': ['clinic_id'],
  'support_tickets.idx_support_tickets_status': ['status'],
  'support_tickets.idx_support_tickets_assignee_id': ['assignee_id'],
  'ticket_messages.idx_ticket_messages_ticket_id': ['ticket_id'],
  'notifications.idx_notifications_user_id': ['user_id'],
  'notifications.idx_notifications_read': ['read'],
  'fax_documents.idx_fax_documents_clinic_id': ['clinic_id'],
  'fax_documents.idx_fax_documents_status': ['status'],
  'fax_documents.idx_fax_documents_matched_patient_id': ['matched_patient_id'],
  'patient_phone_cache.idx_patient_phone_cache_clinic_id_phone_e164': ['clinic_id', 'phone_e164'],
  // additions
  'refresh_tokens.idx_refresh_tokens_user_id': ['user_id'],
  'refresh_tokens.idx_refresh_tokens_family_id': ['family_id'],
  'call_metadata.idx_call_metadata_last_activity_at': ['last_activity_at'],
  'tool_call_receipts.idx_tool_call_receipts_created_at': ['created_at'],
  'sms_messages.idx_sms_messages_clinic_id_created_at': ['clinic_id', 'created_at'],
  'sms_messages.idx_sms_messages_status': ['status'],
  'sms_messages.idx_sms_messages_vapi_call_id': ['vapi_call_id'],
  'schedule_cache_days.idx_schedule_cache_days_clinic_id_read_at': ['clinic_id', 'read_at'],
  'scheduling_claims.idx_scheduling_claims_clinic_id_call_id': ['clinic_id', 'call_id'],
  'scheduling_claims.idx_scheduling_claims_clinic_id_expires_at': ['clinic_id', 'expires_at'],
  // every console read of calls is one clinic's time range (list, analytics, dashboard)
  'call_logs.idx_call_logs_clinic_id_created_at': ['clinic_id', 'created_at'],
  // the fax inbox: list pages, a repeated upload, a repeated Telnyx event
  'fax_documents.idx_fax_documents_clinic_id_created_at': ['clinic_id', 'created_at'],
  'fax_documents.idx_fax_documents_clinic_id_checksum_sha256_c8eb66': ['clinic_id', 'checksum_sha256'],
  'fax_documents.idx_fax_documents_telnyx_fax_id_25f55f': ['telnyx_fax_id'],
  'fax_document_files.idx_fax_document_files_clinic_id': ['clinic_id'],
};

/** `table.column → parent ON DELETE rule` of every foreign key (seed 000's nine, then the additions). */
export const EXPECTED_FOREIGN_KEYS: Record<string, string> = {
  'users.clinic_id': 'clinics SET NULL',
  'clinic_config.clinic_id': 'clinics RESTRICT',
  'clinic_hours.clinic_id': 'clinics RESTRICT',
  'clinic_holidays.clinic_id': 'clinics RESTRICT',
  'clinic_providers.clinic_id': 'clinics RESTRICT',
  'waitlist.clinic_id': 'clinics RESTRICT',
  'call_logs.clinic_id': 'clinics RESTRICT',
  'fax_documents.clinic_id': 'clinics RESTRICT',
  'ticket_messages.ticket_id': 'support_tickets CASCADE',
  // the seed calls onboarding_progress.clinic_id "FK to Clinic" without listing it in its summary
  'onboarding_progress.clinic_id': 'clinics RESTRICT',
  // SPEC §3 tables
  'refresh_tokens.user_id': 'users CASCADE',
  'call_metadata.clinic_id': 'clinics RESTRICT',
  'tool_call_receipts.clinic_id': 'clinics RESTRICT',
  'sms_messages.clinic_id': 'clinics RESTRICT',
  'sms_opt_outs.clinic_id': 'clinics RESTRICT',
  'schedule_cache_days.clinic_id': 'clinics RESTRICT',
  'schedule_cache_budgets.clinic_id': 'clinics RESTRICT',
  'scheduling_claims.clinic_id': 'clinics RESTRICT',
  'fax_document_files.fax_document_id': 'fax_documents CASCADE',
  'fax_document_files.clinic_id': 'clinics RESTRICT',
};

/** primary key columns: `id` everywhere except the two per-clinic one-row tables */
export const EXPECTED_PRIMARY_KEYS: Record<string, string[]> = Object.fromEntries(
  Object.keys(EXPECTED_COLUMNS).map((table) => [
    table,
    table === 'clinic_config' || table === 'onboarding_progress' || table === 'schedule_cache_budgets'
      ? ['clinic_id']
      : table === 'fax_document_files'
        ? ['fax_document_id']
      : table === 'schedule_cache_days'
        ? ['clinic_id', 'provider_no', 'date']
      : table === 'rate_limit_hits'
        ? ['key', 'step']
      : table === 'clinic_alerts'
        ? ['clinic_id', 'kind']
      : table === 'auth_throttles' || table === 'platform_settings'
        ? ['key']
        : ['id'],
  ]),
);
