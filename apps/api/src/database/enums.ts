/**
 * PostgreSQL enum types of the data model. The nine of seed 000 keep its names (snake_case as
 * PostgreSQL type names) and values, except `UserRole.PlatformAdmin` (seed `vitara_admin`,
 * SPEC §3). The rest belong to the SPEC §3 additions (audit, tool-call receipts, waitlist, SMS).
 */

export enum UserRole {
  PlatformAdmin = 'platform_admin',
  ClinicManager = 'clinic_manager',
}

export enum ClinicStatus {
  Active = 'active',
  Inactive = 'inactive',
  Pending = 'pending',
}

export enum ProviderStatus {
  Active = 'active',
  Inactive = 'inactive',
  OnLeave = 'on_leave',
}

export enum WaitlistStatus {
  Pending = 'pending',
  Contacted = 'contacted',
  Registered = 'registered',
  Declined = 'declined',
}

export enum CallIntent {
  Book = 'book',
  Reschedule = 'reschedule',
  Cancel = 'cancel',
  Register = 'register',
  Inquiry = 'inquiry',
  Other = 'other',
}

export enum CallOutcome {
  Booked = 'booked',
  Rescheduled = 'rescheduled',
  Cancelled = 'cancelled',
  Registered = 'registered',
  Waitlisted = 'waitlisted',
  Transferred = 'transferred',
  NoAction = 'no_action',
}

export enum FaxStatus {
  Pending = 'pending',
  Processing = 'processing',
  Extracted = 'extracted',
  Matched = 'matched',
  /** SPEC §12: a match below the clinic's threshold, or none, waits for staff */
  NeedsReview = 'needs_review',
  Verified = 'verified',
  Failed = 'failed',
  Archived = 'archived',
}

export enum TicketPriority {
  Low = 'low',
  Medium = 'medium',
  High = 'high',
  Urgent = 'urgent',
}

export enum TicketStatus {
  Open = 'open',
  InProgress = 'in_progress',
  Waiting = 'waiting',
  Resolved = 'resolved',
  Closed = 'closed',
}

// ---- additions (SPEC §3) ----

/** How an audited request ended: done, refused (guard, role, limit), wrong (invalid, not found, conflict), or our error (5xx). */
export enum AuditOutcome {
  Success = 'success',
  Denied = 'denied',
  Failure = 'failure',
  Error = 'error',
}

/** A mutating tool call is `running` until its answer is stored, then `done`. */
export enum ToolCallStatus {
  Running = 'running',
  Done = 'done',
}

/** Where a waitlist entry came from. */
export enum WaitlistSource {
  Voice = 'voice',
  Console = 'console',
}

export enum SmsDirection {
  Outbound = 'outbound',
  Inbound = 'inbound',
}

/** Outbound: queued → sending → sent → delivered | failed | undeliverable. Inbound: received. */
export enum SmsStatus {
  Queued = 'queued',
  Sending = 'sending',
  Sent = 'sent',
  Delivered = 'delivered',
  Failed = 'failed',
  Undeliverable = 'undeliverable',
  Received = 'received',
}

/** PostgreSQL type names, one place, so entities and schema tests agree. */
export const ENUM_TYPE_NAMES = {
  UserRole: 'user_role',
  ClinicStatus: 'clinic_status',
  ProviderStatus: 'provider_status',
  WaitlistStatus: 'waitlist_status',
  CallIntent: 'call_intent',
  CallOutcome: 'call_outcome',
  FaxStatus: 'fax_status',
  TicketPriority: 'ticket_priority',
  TicketStatus: 'ticket_status',
  AuditOutcome: 'audit_outcome',
  ToolCallStatus: 'tool_call_status',
  WaitlistSource: 'waitlist_source',
  SmsDirection: 'sms_direction',
  SmsStatus: 'sms_status',
} as const;
