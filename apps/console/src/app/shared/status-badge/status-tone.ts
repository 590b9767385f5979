export type BadgeTone = 'good' | 'attention' | 'bad' | 'neutral';

/**
 * The tone of every status the API reports (clinics, providers, waitlist, tickets, calls, faxes,
 * texts): one table, so "pending" looks the same on every screen.
 */
const TONES: Readonly<Record<string, BadgeTone>> = {
  // live, done, succeeded
  active: 'good', registered: 'good', booked: 'good', rescheduled: 'good', resolved: 'good', verified: 'good',
  delivered: 'good', sent: 'good', matched: 'good', done: 'good',
  // waiting on someone
  pending: 'attention', contacted: 'attention', open: 'attention', in_progress: 'attention', waiting: 'attention',
  needs_review: 'attention', processing: 'attention', extracted: 'attention', sending: 'attention', received: 'good', queued: 'attention', on_leave: 'attention', waitlisted: 'attention',
  transferred: 'attention', must_change_password: 'attention',
  // went wrong or refused
  failed: 'bad', rejected: 'bad', declined: 'bad', undeliverable: 'bad', error: 'bad',
  // finished or off
  inactive: 'neutral', closed: 'neutral', archived: 'neutral', cancelled: 'neutral', no_action: 'neutral', deactivated: 'neutral',
};

export function statusTone(status: string | null | undefined): BadgeTone {
  return (status && TONES[status]) || 'neutral';
}
