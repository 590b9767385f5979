/** Reads a stored document, extracts its fields and matches the patient. */
export const FAX_PROCESS_JOB = 'fax.process';
/** Downloads an inbound Telnyx fax's PDF (refreshing an expired link through the SDK). */
export const FAX_FETCH_JOB = 'fax.fetch';

export interface FaxProcessJob {
  clinicId: string;
  faxId: string;
}

export interface FaxFetchJob {
  clinicId: string;
  faxId: string;
  /** the pre-signed `media_url`, SecretBox ciphertext (it opens a patient's document) */
  mediaUrlEnc: string | null;
}
