import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { PassThrough, type Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { SecretBox, SecretBoxError } from '../common/crypto/secret-box.js';
import { openStream, SEALED_CHUNK_BYTES, sealStream } from '../common/crypto/sealed-stream.js';

/**
 * A backup file: one header line in clear, then the gzip'd dump sealed in authenticated chunks.
 *
 *   VOICEDESK-BACKUP 1 {"id","createdAt","keyId","wrappedKey","compression","cipher","chunkBytes"}\n
 *   <frames of sealStream(dataKey, sha256(header line))>
 *
 * Every file has its own random 256-bit data key, stored only wrapped by the application's
 * SecretBox (`ENCRYPTION_KEY`; `keyId` says which key, so a file stays readable as long as that key
 * id is listed). The header is bound to every chunk, so changing it (e.g. the key id) fails too.
 * Without the key nothing but the header (a date and a key id) can be read.
 */
export const BACKUP_MAGIC = 'VOICEDESK-BACKUP 1';
const MAX_HEADER_BYTES = 16 * 1024;

export interface BackupHeader {
  id: string;
  createdAt: string;
  keyId: string;
  wrappedKey: string;
  compression: 'gzip';
  cipher: 'aes-256-gcm-chunked';
  chunkBytes: number;
}

export class BackupFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupFileError';
  }
}

const keyContext = (id: string) => `backup.data_key:${id}`;

/** Writes `produce`'s bytes to `path` gzip'd and sealed; the file is 0600. Returns the header. */
export async function writeBackupFile(
  path: string,
  box: SecretBox,
  createdAt: Date,
  produce: (plain: Writable) => Promise<void>,
): Promise<BackupHeader> {
  const id = randomUUID();
  const dataKey = randomBytes(32);
  const wrappedKey = box.encrypt(dataKey.toString('base64'), keyContext(id));
  const header: BackupHeader = {
    id,
    createdAt: createdAt.toISOString(),
    keyId: SecretBox.keyIdOf(wrappedKey)!,
    wrappedKey,
    compression: 'gzip',
    cipher: 'aes-256-gcm-chunked',
    chunkBytes: SEALED_CHUNK_BYTES,
  };
  const headerLine = Buffer.from(`${BACKUP_MAGIC} ${JSON.stringify(header)}\n`, 'utf8');
  const file = createWriteStream(path, { mode: 0o600, flags: 'wx' });
  file.write(headerLine);
  const plain = new PassThrough();
  const written = pipeline(plain, createGzip({ level: 6 }), sealStream(dataKey, sha256(headerLine), header.chunkBytes), file);
  try {
    await produce(plain);
    plain.end();
  } catch (error) {
    plain.destroy(error as Error);
    await written.catch(() => undefined);
    throw error;
  }
  await written;
  return header;
}

/** Writes text to a stream, waiting when it is full; rejects if the stream fails. */
export async function writeText(out: Writable, text: string | Buffer): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

/** The clear header of a backup file (no key needed). */
export async function readBackupHeader(path: string): Promise<{ header: BackupHeader; headerBytes: Buffer }> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(MAX_HEADER_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, MAX_HEADER_BYTES, 0);
    const end = buffer.subarray(0, bytesRead).indexOf(0x0a);
    const line = end > 0 ? buffer.subarray(0, end).toString('utf8') : '';
    if (!line.startsWith(`${BACKUP_MAGIC} `)) throw new BackupFileError(`${path} is not a VoiceDesk backup`);
    const header = JSON.parse(line.slice(BACKUP_MAGIC.length + 1)) as BackupHeader;
    if (header.compression !== 'gzip' || header.cipher !== 'aes-256-gcm-chunked') {
      throw new BackupFileError(`${path}: unknown backup encoding ${header.compression}/${header.cipher}`);
    }
    return { header, headerBytes: buffer.subarray(0, end + 1) };
  } finally {
    await handle.close();
  }
}

/** Opens a backup file: its header, and its dump as a readable stream (decrypted, gunzipped). */
export async function openBackupFile(path: string, box: SecretBox): Promise<{ header: BackupHeader; dump: Readable }> {
  const { header, headerBytes } = await readBackupHeader(path);
  let dataKey: Buffer;
  try {
    dataKey = Buffer.from(box.decrypt(header.wrappedKey, keyContext(header.id)), 'base64');
  } catch (error) {
    if (error instanceof SecretBoxError && /unknown key id/.test(error.message)) {
      throw new BackupFileError(`this backup was encrypted with key id "${header.keyId}", which ENCRYPTION_KEY does not list`);
    }
    throw new BackupFileError(`the backup's key cannot be opened with key id "${header.keyId}" of ENCRYPTION_KEY (wrong key, or the file was changed)`);
  }
  const opener = openStream(dataKey, sha256(headerBytes), header.chunkBytes);
  const gunzip = createGunzip();
  const source = createReadStream(path, { start: headerBytes.length });
  // errors of any stage reach the last one, which the reader consumes
  void pipeline(source, opener, gunzip).catch(() => undefined);
  return { header, dump: gunzip };
}

function sha256(bytes: Buffer): Buffer {
  return createHash('sha256').update(bytes).digest();
}
