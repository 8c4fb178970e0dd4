/**
 * Compact trajectories: a trial's steps, action log and final diff are stored as one
 * Brotli-compressed JSON document per trial instead of one row per step and action. Tool
 * results, message bodies and record snapshots repeat a lot within a trial, so the document
 * compresses about sixfold. The system prompt and the instruction are the same for every
 * trial of a task and condition: they are kept once, by content hash, in the `texts` table.
 * Decoding gives back exactly what was encoded (`show`, export and rescore read it).
 */
import { createHash } from 'node:crypto';
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import { DeskbenchError, remember, type ActionRecord, type Step } from '../core/index.ts';

/** What a compact trajectory holds. */
export interface Trajectory {
  readonly steps: readonly Step[];
  readonly actions: readonly ActionRecord[];
  readonly finalDiff: unknown;
}

/** Format tag of the stored document (bumped if its layout ever changes). */
const FORMAT = 1;
/** Steps of these roles are shared across trials when at least this long. */
const SHARED_ROLES: ReadonlySet<Step['role']> = new Set(['system', 'user']);
const SHARED_MIN_CHARS = 256;
/**
 * Brotli quality 1: on the realistic trial's 77 KB document it compresses in about 0.13 ms of
 * CPU against 0.20 ms at quality 2 and 1.0 ms at quality 5, for 7 % more bytes than quality 2
 * (14.0 against 13.0 KB; 11.7 KB at quality 5). A trial's own CPU is what limits a run, and the
 * stored trial stays well under its 20 KB budget; deflate is slower and larger at every level
 * (bench/trial-size.ts). The quality is not stored: any Brotli stream expands with the same
 * decoder, so rows written at other qualities read as before.
 */
const QUALITY = 1;
/** A stored document never expands past this (a damaged or foreign blob cannot exhaust memory). */
const MAX_DECODED_BYTES = 512 * 1024 * 1024;

type StoredStep = Omit<Step, 'content'> & ({ content: string } | { contentRef: string });

/** Hash that names a shared text. */
export function textHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

// TextEncoder turns a document with any character past Latin-1 (one dash in a tool result makes
// the whole string two-byte) into UTF-8 about a third faster than Buffer.from.
const UTF8 = new TextEncoder();

/** Compresses a string or JSON document with the store's settings. */
export function compress(data: string): Buffer {
  const bytes = UTF8.encode(data);
  return brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } });
}

/** Expands what `compress` wrote; a damaged blob is E_STORE_CORRUPT naming what it was. */
export function decompress(blob: Buffer, what: string): string {
  try {
    return brotliDecompressSync(blob, { maxOutputLength: MAX_DECODED_BYTES }).toString('utf8');
  } catch (e) {
    throw new DeskbenchError('E_STORE_CORRUPT', `${what} is damaged: ${(e as Error).message}`, { hint: 'restore the store from a backup', cause: e });
  }
}

// Shared texts repeat across every trial of a task and condition: their hashes are remembered
// (bounded; past the bound the memory starts over).
const SHARED_HASHES = new Map<string, string>();
const MAX_SHARED_HASHES = 1024;

function sharedTextHash(text: string): string {
  return remember(SHARED_HASHES, text, MAX_SHARED_HASHES, () => textHash(text));
}

/**
 * The JSON document a trajectory is stored as, before compression. `share(hash, text)` is
 * called for each shared text (the caller stores it once); the document refers to it by hash.
 */
export function trajectoryDocument(t: Trajectory, share: (hash: string, text: string) => void): string {
  const steps: StoredStep[] = t.steps.map((s) => {
    if (!SHARED_ROLES.has(s.role) || s.content.length < SHARED_MIN_CHARS) return s;
    const hash = sharedTextHash(s.content);
    share(hash, s.content);
    const { content: _content, ...rest } = s;
    return { ...rest, contentRef: hash };
  });
  return JSON.stringify({ format: FORMAT, steps, actions: t.actions, finalDiff: t.finalDiff ?? null });
}

/** Encodes a trajectory: its document (see trajectoryDocument), compressed. */
export function encodeTrajectory(t: Trajectory, share: (hash: string, text: string) => void): Buffer {
  return compress(trajectoryDocument(t, share));
}

/** Decodes a stored trajectory; `text(hash)` returns a shared text. */
export function decodeTrajectory(blob: Buffer, text: (hash: string) => string | undefined, what: string): Trajectory {
  let doc: { format?: unknown; steps?: StoredStep[]; actions?: ActionRecord[]; finalDiff?: unknown };
  try {
    doc = JSON.parse(decompress(blob, what)) as typeof doc;
  } catch (e) {
    if (e instanceof DeskbenchError) throw e;
    throw new DeskbenchError('E_STORE_CORRUPT', `${what} is damaged: not JSON`, { hint: 'restore the store from a backup', cause: e });
  }
  if (doc.format !== FORMAT || !Array.isArray(doc.steps) || !Array.isArray(doc.actions)) {
    throw new DeskbenchError('E_STORE_CORRUPT', `${what} has an unknown layout (format ${String(doc.format)})`, { hint: 'it may come from a newer deskbench; upgrade to read it' });
  }
  const steps = doc.steps.map((s): Step => {
    if (!('contentRef' in s)) return s;
    const { contentRef, ...rest } = s;
    const content = text(contentRef);
    if (content === undefined) throw new DeskbenchError('E_STORE_CORRUPT', `${what} refers to a shared text ${contentRef} the store does not hold`);
    return { ...rest, content } as Step;
  });
  return { steps, actions: doc.actions, finalDiff: doc.finalDiff ?? null };
}
