import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

/**
 * AES-256-GCM over a stream of any length (backups), in authenticated chunks, so that a reader
 * never acts on a byte that has not been authenticated: each chunk is sealed on its own, its
 * associated data binding it to the stream (`streamAad`, e.g. a hash of the file's header), to its
 * position, and to whether it is the last one. Reordered, dropped, repeated or truncated chunks,
 * and a stream cut after a whole chunk, all fail to open (the STREAM construction of Hoang et al.,
 * as in age or Tink's streaming AEAD, on node:crypto's GCM).
 *
 * Frame: flags (1 byte, bit 0 = last) | plaintext length (u32 BE) | iv (12) | ciphertext | tag (16).
 * AAD of a frame: streamAad | index (u64 BE) | flags. One fresh random 32-byte key per stream
 * (wrapped by SecretBox by the caller) keeps random IVs far inside GCM's limits.
 */
export const SEALED_CHUNK_BYTES = 1024 * 1024;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEAD_BYTES = 1 + 4;
const LAST = 0x01;

export class SealedStreamError extends Error {
  constructor(reason: string) {
    super(`sealed stream: ${reason}`);
    this.name = 'SealedStreamError';
  }
}

function frameAad(streamAad: Buffer, index: bigint, flags: number): Buffer {
  const position = Buffer.alloc(9);
  position.writeBigUInt64BE(index, 0);
  position.writeUInt8(flags, 8);
  return Buffer.concat([streamAad, position]);
}

function checkKey(key: Buffer): void {
  if (key.length !== 32) throw new SealedStreamError('the key must be 32 bytes');
}

/** Encrypts what is written to it into frames. */
export function sealStream(key: Buffer, streamAad: Buffer, chunkBytes = SEALED_CHUNK_BYTES): Transform {
  checkKey(key);
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let index = 0n;
  const seal = (plain: Buffer, flags: number): Buffer => {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(frameAad(streamAad, index, flags));
    const data = Buffer.concat([cipher.update(plain), cipher.final()]);
    index += 1n;
    const head = Buffer.alloc(HEAD_BYTES);
    head.writeUInt8(flags, 0);
    head.writeUInt32BE(plain.length, 1);
    return Buffer.concat([head, iv, data, cipher.getAuthTag()]);
  };
  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      pending.push(chunk);
      pendingBytes += chunk.length;
      // a full chunk is only sealed once more data follows it: the last one must carry the flag
      while (pendingBytes > chunkBytes) {
        const all = Buffer.concat(pending);
        this.push(seal(all.subarray(0, chunkBytes), 0));
        pending = [all.subarray(chunkBytes)];
        pendingBytes = all.length - chunkBytes;
      }
      done();
    },
    flush(done: TransformCallback) {
      this.push(seal(Buffer.concat(pending), LAST));
      pending = [];
      done();
    },
  });
}

/** Decrypts frames written by `sealStream`; fails on any tampering and on a missing last frame. */
export function openStream(key: Buffer, streamAad: Buffer, maxChunkBytes = SEALED_CHUNK_BYTES): Transform {
  checkKey(key);
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  /** bytes the next frame needs before it can be opened (its head first, then the whole frame) */
  let needed = HEAD_BYTES;
  let index = 0n;
  let ended = false;
  const take = (): Buffer => {
    const all = pending.length === 1 ? pending[0] : Buffer.concat(pending);
    pending = [all];
    return all;
  };
  const openFrames = (push: (plain: Buffer) => void): void => {
    while (pendingBytes >= needed) {
      if (ended) throw new SealedStreamError('data after the last chunk');
      const buffered = take();
      const flags = buffered.readUInt8(0);
      const length = buffered.readUInt32BE(1);
      if ((flags & ~LAST) !== 0 || length > maxChunkBytes) throw new SealedStreamError('malformed frame');
      const frameBytes = HEAD_BYTES + IV_BYTES + length + TAG_BYTES;
      if (buffered.length < frameBytes) {
        needed = frameBytes;
        return;
      }
      const iv = buffered.subarray(HEAD_BYTES, HEAD_BYTES + IV_BYTES);
      const data = buffered.subarray(HEAD_BYTES + IV_BYTES, HEAD_BYTES + IV_BYTES + length);
      const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(frameAad(streamAad, index, flags));
      decipher.setAuthTag(buffered.subarray(frameBytes - TAG_BYTES, frameBytes));
      let plain: Buffer;
      try {
        plain = Buffer.concat([decipher.update(data), decipher.final()]);
      } catch {
        throw new SealedStreamError('authentication failed (wrong key, or the file was changed)');
      }
      index += 1n;
      ended = (flags & LAST) !== 0;
      const rest = buffered.subarray(frameBytes);
      pending = rest.length ? [rest] : [];
      pendingBytes = rest.length;
      needed = HEAD_BYTES;
      if (plain.length) push(plain);
    }
  };
  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      pending.push(chunk);
      pendingBytes += chunk.length;
      try {
        openFrames((plain) => this.push(plain));
        done();
      } catch (error) {
        done(error as Error);
      }
    },
    flush(done: TransformCallback) {
      if (!ended || pendingBytes) done(new SealedStreamError(ended ? 'data after the last chunk' : 'truncated (the last chunk is missing)'));
      else done();
    },
  });
}
