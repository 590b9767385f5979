import { mfaSecretContext } from '../auth/mfa.service.js';
import { receiptAnswerContext } from '../calls/tool-call-receipts.service.js';
import { waitlistDetailsContext } from '../calls/waitlist-details.js';
import { clinicSecretContext } from '../common/crypto/clinic-secret-context.js';
import { faxFieldContext, faxKeyContext } from '../fax/fax-content.js';

/**
 * Every column that holds SecretBox ciphertext, for `npm run rotate-key`. A new encrypted column
 * is one more line: its table, column, primary-key column, and the associated data it was
 * encrypted with (the same function the feature uses, so the two cannot drift). rotate-key also
 * sweeps every text column for ciphertext under an old key that is not listed here, and fails
 * naming it — a forgotten line does not go unnoticed.
 *
 * A fax document's bytes are encrypted with a data key of its own (`fax_document_files.content`);
 * rotation re-wraps that key (`key_enc`), not the megabytes.
 */
export interface EncryptedColumn {
  table: string;
  column: string;
  /** the primary key (one column), to walk the table in batches */
  id: string;
  /** the associated data a row's ciphertext is bound to, from its id */
  aad: (id: string) => string | undefined;
}

const column = (where: `${string}.${string}`, id: string, aad: EncryptedColumn['aad']): EncryptedColumn => {
  const [table, name] = where.split('.');
  return { table, column: name, id, aad };
};

export const ENCRYPTED_COLUMNS: EncryptedColumn[] = [
  column('clinic_config.oscar_consumer_secret_enc', 'clinic_id', (id) => clinicSecretContext(id, 'oscarConsumerSecretEnc')),
  column('clinic_config.oscar_token_secret_enc', 'clinic_id', (id) => clinicSecretContext(id, 'oscarTokenSecretEnc')),
  column('clinic_config.oscar_soap_password_enc', 'clinic_id', (id) => clinicSecretContext(id, 'oscarSoapPasswordEnc')),
  column('clinic_config.vapi_webhook_secret', 'clinic_id', (id) => clinicSecretContext(id, 'vapiWebhookSecret')),
  column('users.mfa_secret_enc', 'id', mfaSecretContext),
  column('waitlist.details_enc', 'id', waitlistDetailsContext),
  column('tool_call_receipts.result', 'id', receiptAnswerContext),
  column('fax_document_files.key_enc', 'fax_document_id', faxKeyContext),
  column('fax_documents.extracted_data_enc', 'id', (id) => faxFieldContext(id, 'extracted_data_enc')),
  column('fax_documents.matched_patient_name', 'id', (id) => faxFieldContext(id, 'matched_patient_name')),
  column('fax_documents.reject_reason_enc', 'id', (id) => faxFieldContext(id, 'reject_reason_enc')),
];
