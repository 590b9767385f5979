import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { SecretBox } from '../common/crypto/secret-box.js';

/** The most a fax document may weigh (issue 9: 413 above it). */
export const FAX_MAX_BYTES = 20 * 1024 * 1024;

export type FaxMimeType = 'application/pdf' | 'image/tiff';

/**
 * What the bytes are, by their signature (never by file name or declared type): a PDF has `%PDF-`
 * in its first kilobyte (readers accept leading junk there), a TIFF starts `II*\0` or `MM\0*`.
 * Anything else is null. Whether the file then opens is the reader's business.
 */
export function sniffFaxType(bytes: Buffer): FaxMimeType | null {
  if (bytes.length >= 8 && bytes.subarray(0, 1024).includes('%PDF-')) return 'application/pdf';
  if (bytes.length >= 8) {
    const head = bytes.subarray(0, 4).toString('latin1');
    if (head === 'II*\0' || head === 'MM\0*') return 'image/tiff';
  }
  return null;
}

export function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The associated data binding a document's data key (and its content) to the document. */
export function faxKeyContext(faxDocumentId: string): string {
  return `fax_document_files.key:${faxDocumentId}`;
}

/**
 * Envelope encryption of a document: a fresh 32-byte data key per document encrypts the bytes
 * (AES-256-GCM, the document id as associated data); `SecretBox` wraps the data key, so the
 * master key can rotate without re-encrypting megabytes. Returns what `fax_document_files` stores.
 */
export function sealFaxContent(box: SecretBox, faxDocumentId: string, bytes: Buffer): { content: Buffer; keyEnc: string } {
  const key = randomBytes(32);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(faxDocumentId, 'utf8'));
  const data = Buffer.concat([cipher.update(bytes), cipher.final()]);
  const content = Buffer.concat([iv, cipher.getAuthTag(), data]);
  return { content, keyEnc: box.encrypt(key.toString('base64'), faxKeyContext(faxDocumentId)) };
}

/** The original bytes back (throws when the key, the document id or the bytes do not match). */
export function openFaxContent(box: SecretBox, faxDocumentId: string, stored: { content: Buffer; keyEnc: string }): Buffer {
  const key = Buffer.from(box.decrypt(stored.keyEnc, faxKeyContext(faxDocumentId)), 'base64');
  const iv = stored.content.subarray(0, IV_BYTES);
  const tag = stored.content.subarray(IV_BYTES, IV_BYTES + TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(faxDocumentId, 'utf8'));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(stored.content.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
}

/** Associated data of the other encrypted columns of a document (extracted fields, names, reasons). */
export function faxFieldContext(faxDocumentId: string, column: 'extracted_data_enc' | 'matched_patient_name' | 'reject_reason_enc'): string {
  return `fax_documents.${column}:${faxDocumentId}`;
}
