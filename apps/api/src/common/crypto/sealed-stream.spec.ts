import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { openStream, sealStream, SealedStreamError } from './sealed-stream.js';

const key = randomBytes(32);
const aad = Buffer.from('header of this file');

async function seal(plain: Buffer, chunk = 64): Promise<Buffer> {
  return buffer(Readable.from([plain]).pipe(sealStream(key, aad, chunk)));
}

async function open(sealed: Buffer, withKey = key, withAad = aad, chunk = 64): Promise<Buffer> {
  // fed in odd-sized pieces, as a file is read
  const pieces: Buffer[] = [];
  for (let at = 0; at < sealed.length; at += 7) pieces.push(sealed.subarray(at, at + 7));
  return buffer(Readable.from(pieces).pipe(openStream(withKey, withAad, chunk)));
}

/** frame offsets: flags(1) len(4) iv(12) data(len) tag(16) */
function frames(sealed: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0; at < sealed.length; ) {
    const size = 1 + 4 + 12 + sealed.readUInt32BE(at + 1) + 16;
    out.push(sealed.subarray(at, at + size));
    at += size;
  }
  return out;
}

describe('sealStream / openStream (chunked AES-256-GCM)', () => {
  it('round-trips any length, including empty and exact multiples of the chunk size', async () => {
    for (const length of [0, 1, 63, 64, 65, 128, 1000]) {
      const plain = randomBytes(length);
      expect((await open(await seal(plain))).equals(plain)).toBe(true);
    }
  });

  it('leaves no plaintext in the sealed bytes', async () => {
    const plain = Buffer.from('Jane Patient 1985-02-03 9876543217 '.repeat(20));
    const sealed = await seal(plain);
    expect(sealed.includes(Buffer.from('Jane Patient'))).toBe(false);
  });

  it('refuses another key, another header, a changed byte, dropped, reordered or repeated chunks, and a cut stream', async () => {
    const sealed = await seal(randomBytes(300));
    const parts = frames(sealed);
    expect(parts.length).toBe(5);
    await expect(open(sealed, randomBytes(32))).rejects.toThrow(SealedStreamError);
    await expect(open(sealed, key, Buffer.from('another header'))).rejects.toThrow(/authentication failed/);
    const flipped = Buffer.from(sealed);
    flipped[40] ^= 1;
    await expect(open(flipped)).rejects.toThrow(/authentication failed/);
    await expect(open(Buffer.concat([parts[0], parts[2], parts[3], parts[4]]))).rejects.toThrow(/authentication failed/);
    await expect(open(Buffer.concat([parts[1], parts[0], ...parts.slice(2)]))).rejects.toThrow(/authentication failed/);
    await expect(open(Buffer.concat([parts[0], parts[0], ...parts.slice(1)]))).rejects.toThrow(/authentication failed/);
    // cut after a whole chunk: every remaining frame authenticates, but the last one is missing
    await expect(open(Buffer.concat(parts.slice(0, 3)))).rejects.toThrow(/truncated/);
    await expect(open(sealed.subarray(0, sealed.length - 3))).rejects.toThrow(/truncated/);
    await expect(open(Buffer.concat([sealed, parts[0]]))).rejects.toThrow(/after the last chunk/);
    // the last-chunk flag cannot be set on an earlier chunk
    const early = Buffer.from(parts[0]);
    early[0] = 1;
    await expect(open(early)).rejects.toThrow(/authentication failed/);
  });
});
