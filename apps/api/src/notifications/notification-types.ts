/** What a notification is about (the `type` column); the console picks an icon by it. */
export const NOTIFICATION_TYPES = [
  'ticket_created',
  'ticket_reply',
  'ticket_status',
  'ticket_assigned',
  'onboarding_completed',
  'fax_needs_review',
  'emr_connection_lost',
  'emr_connection_back',
  'texts_failing',
  'clinic_live',
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];
