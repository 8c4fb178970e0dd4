/**
 * Deterministic stand-in bytes for generated content that has a declared size but no
 * stored bytes (attachments and files of the synthetic company). They open with the
 * format's magic number, so a client sniffing the type sees what the metadata says, and
 * the rest comes from the same seeded generator family the data sets use (pure-rand's
 * xoroshiro128+, seeded from the content's id), so the same id always gives the same bytes.
 */
import { createHash } from 'node:crypto';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/** Magic numbers by media type: what a sniffing client checks first. */
const MAGIC: Readonly<Record<string, string>> = {
  'application/pdf': '%PDF-1.4\n',
  'application/zip': 'PK\u0003\u0004',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'PK\u0003\u0004',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'PK\u0003\u0004',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PK\u0003\u0004',
  'image/png': '\u0089PNG\r\n\u001a\n',
  'image/jpeg': '\u00ff\u00d8\u00ff',
  'image/gif': 'GIF89a',
};

/** Largest stand-in generated (64 MiB, the largest upload); a bigger declared size is cut to it. */
export const MAX_STAND_IN_BYTES = 64 * 1024 * 1024;

/** `size` deterministic bytes for the content named `seed`, opening with `mimeType`'s magic number. */
export function standInBytes(seed: string, size: number, mimeType: string): Buffer {
  const n = Math.max(0, Math.min(Math.floor(size), MAX_STAND_IN_BYTES));
  const out = Buffer.alloc(n);
  const magic = Buffer.from(MAGIC[mimeType] ?? '', 'latin1');
  const gen = xoroshiro128plus(createHash('sha256').update(seed).digest().readInt32LE(0));
  let i = magic.copy(out, 0, 0, Math.min(magic.length, n));
  for (; i + 4 <= n; i += 4) out.writeInt32LE(gen.next(), i);
  for (let word = gen.next(); i < n; i++, word >>= 8) out[i] = word & 0xff;
  return out;
}
