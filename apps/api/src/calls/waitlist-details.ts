/**
 * The registration details a caller gave (SPEC §3), kept on `waitlist.details_enc` as one
 * AES-256-GCM ciphertext (SecretBox) bound to the entry: `box.encrypt(JSON.stringify(details),
 * waitlistDetailsContext(entryId))`. Written by the voice webhook, read by the clinic's staff
 * screens; both use this one definition.
 */
export interface WaitlistDetails {
  dateOfBirth?: string | null;
  gender?: string | null;
  address?: string | null;
  city?: string | null;
  postalCode?: string | null;
  healthCardType?: string | null;
  healthCardNumber?: string | null;
  email?: string | null;
  language?: string | null;
}

export function waitlistDetailsContext(entryId: string): string {
  if (!entryId) throw new Error('waitlistDetailsContext needs an entry id');
  return `waitlist.details_enc:${entryId}`;
}
