/**
 * Stores inbound files (photo evidence) under DATA_DIR/uploads, named by
 * their SHA-256 so a redelivered photo is stored once. The type is checked
 * from the bytes, not from what the sender claims.
 */
import { createHash } from 'node:crypto';
import { mkdir, writeFile, rename } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';

const SIGNATURES: [string, (b: Buffer) => boolean][] = [
  ['image/jpeg', (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff],
  ['image/png', (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))],
  ['image/gif', (b) => b.subarray(0, 4).toString('latin1') === 'GIF8'],
  ['image/webp', (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP'],
];

/** The image type the bytes are, or null. */
export function sniffImage(data: Buffer): string | null {
  return SIGNATURES.find(([, test]) => test(data))?.[0] ?? null;
}

export class AttachmentError extends Error {
  constructor(
    readonly code: 'type' | 'size',
    message: string,
  ) {
    super(message);
  }
}

export interface StoredFile {
  mime: string;
  size: number;
  sha256: string;
  /** Relative to DATA_DIR. */
  path: string;
}

/** Checks and writes the file (atomically, once per content). */
export async function storeImage(dataDir: string, data: Buffer, maxBytes: number): Promise<StoredFile> {
  if (data.length > maxBytes) throw new AttachmentError('size', `image larger than ${maxBytes} bytes`);
  const mime = sniffImage(data);
  if (!mime) throw new AttachmentError('type', 'not a JPEG, PNG, GIF or WebP image');
  const sha256 = createHash('sha256').update(data).digest('hex');
  const rel = path.join('uploads', sha256.slice(0, 2), `${sha256}.${mime.split('/')[1]}`);
  const abs = path.join(dataDir, rel);
  if (!existsSync(abs)) {
    await mkdir(path.dirname(abs), { recursive: true });
    const tmp = `${abs}.${process.pid}.tmp`;
    await writeFile(tmp, data, { flush: true });
    await rename(tmp, abs);
  }
  return { mime, size: data.length, sha256, path: rel };
}
