/**
 * Compact trajectories: a trial's steps, action log and final diff are stored as one
 * Brotli-compressed document per trial instead of one row per step and action. Tool results,
 * message bodies and record snapshots repeat a lot within a trial, so the document compresses
 * about sixfold. The system prompt and the instruction are the same for every trial of a task and
 * condition: they are kept once, by content hash, in the `texts` table. Decoding gives back
 * exactly what was encoded (`show`, export and rescore read it).
 *
 * Layout (format 2): a JSON header, a newline, then the long step texts as raw UTF-8, one after
 * another. In the header a step's `content` is the text itself when short, `{"bytes": n}` when it
 * is the next n bytes after the newline, or `{"ref": hash}` for a shared text. Tool results are
 * mostly JSON themselves: written raw they are neither escaped on the way in nor unescaped on the
 * way out, which halved the encoding's CPU (0.58 -> 0.28 ms for the realistic trial) and made the
 * document smaller. Compact JSON never holds a raw newline byte, so the first one ends the header.
 * Format 1 (stores written before) is one JSON document with the shared texts as `contentRef`;
 * it still reads.
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

/** Format tag of the documents written now (bumped when the layout changes; older ones still read). */
const FORMAT = 2;
/** Step texts at least this long go raw after the header; shorter ones stay in it. */
const RAW_MIN_CHARS = 64;
const NEWLINE = 0x0a;
/** With the `u` flag a surrogate pair is one code point, so this matches only a lone surrogate. */
const LONE_SURROGATE = /\p{Cs}/u;
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

/** A step as the header holds it (format 2). */
type StoredStep = Omit<Step, 'content'> & { content: string | { bytes: number } | { ref: string } };
/** A step as format 1 held it. */
type StoredStepV1 = Omit<Step, 'content'> & ({ content: string } | { contentRef: string });

/** Hash that names a shared text. */
export function textHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

// TextEncoder turns a document with any character past Latin-1 (one dash in a tool result makes
// the whole string two-byte) into UTF-8 about a third faster than Buffer.from.
const UTF8 = new TextEncoder();

/** Compresses a string (as UTF-8) or bytes with the store's settings. */
export function compress(data: string | Uint8Array): Buffer {
  const bytes = typeof data === 'string' ? UTF8.encode(data) : data;
  return brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } });
}

const corrupt = (what: string, why: string, cause?: unknown) =>
  new DeskbenchError('E_STORE_CORRUPT', `${what} is damaged: ${why}`, { hint: 'restore the store from a backup', ...(cause ? { cause } : {}) });

/** Expands what `compress` wrote, as bytes; a damaged blob is E_STORE_CORRUPT naming what it was. */
function decompressBytes(blob: Buffer, what: string): Buffer {
  try {
    return brotliDecompressSync(blob, { maxOutputLength: MAX_DECODED_BYTES });
  } catch (e) {
    throw corrupt(what, (e as Error).message, e);
  }
}

/** Expands what `compress` wrote, as text; a damaged blob is E_STORE_CORRUPT naming what it was. */
export function decompress(blob: Buffer, what: string): string {
  return decompressBytes(blob, what).toString('utf8');
}

// Shared texts repeat across every trial of a task and condition: their hashes are remembered
// (bounded; past the bound the memory starts over).
const SHARED_HASHES = new Map<string, string>();
const MAX_SHARED_HASHES = 1024;

function sharedTextHash(text: string): string {
  return remember(SHARED_HASHES, text, MAX_SHARED_HASHES, () => textHash(text));
}

/**
 * The document a trajectory is stored as, before compression (see the layout above).
 * `share(hash, text)` is called for each shared text (the caller stores it once); the document
 * refers to it by hash.
 */
export function trajectoryDocument(t: Trajectory, share: (hash: string, text: string) => void): Buffer {
  const texts: Buffer[] = [];
  // Each step keeps its keys in their order, `content` in its place, so decoding rebuilds it exactly.
  const steps: StoredStep[] = t.steps.map((s) => {
    if (SHARED_ROLES.has(s.role) && s.content.length >= SHARED_MIN_CHARS) {
      const hash = sharedTextHash(s.content);
      share(hash, s.content);
      return { ...s, content: { ref: hash } };
    }
    // A text with a lone surrogate (a model can send one) stays in the header, where JSON escapes
    // it exactly; as raw UTF-8 it would come back as U+FFFD.
    if (s.content.length < RAW_MIN_CHARS || LONE_SURROGATE.test(s.content)) return s;
    // Each text on its own: one dash in one tool result does not make every text two-byte to encode.
    const bytes = Buffer.from(s.content, 'utf8');
    texts.push(bytes);
    return { ...s, content: { bytes: bytes.length } };
  });
  const header = Buffer.from(`${JSON.stringify({ format: FORMAT, steps, actions: t.actions, finalDiff: t.finalDiff ?? null })}\n`, 'utf8');
  return Buffer.concat([header, ...texts]);
}

/** Encodes a trajectory: its document (see trajectoryDocument), compressed. */
export function encodeTrajectory(t: Trajectory, share: (hash: string, text: string) => void): Buffer {
  return compress(trajectoryDocument(t, share));
}

/**
 * A trajectory encoded for the store ahead of the write, with the counts the trial row keeps.
 * A trial worker encodes its trials' trajectories itself and sends this (plain data), so the
 * store's one writer neither reads the whole trajectory across threads nor encodes it.
 */
export interface EncodedTrajectory {
  /** The compressed document (encodeTrajectory). */
  readonly blob: Uint8Array;
  /** The shared texts it refers to, as [hash, text]; the store keeps each once. */
  readonly shared: ReadonlyArray<readonly [string, string]>;
  readonly stepCount: number;
  readonly toolCallCount: number;
}

/** Encodes a trajectory for the store (see EncodedTrajectory). */
export function encodeForStore(t: Trajectory): EncodedTrajectory {
  const shared: Array<readonly [string, string]> = [];
  const blob = encodeTrajectory(t, (hash, text) => shared.push([hash, text]));
  return { blob, shared, stepCount: t.steps.length, toolCallCount: t.steps.reduce((n, st) => n + (st.toolCalls?.length ?? 0), 0) };
}

interface Header { format?: unknown; steps?: unknown; actions?: unknown; finalDiff?: unknown }

/** Decodes a stored trajectory (either format); `text(hash)` returns a shared text. */
export function decodeTrajectory(blob: Buffer, text: (hash: string) => string | undefined, what: string): Trajectory {
  const doc = decompressBytes(blob, what);
  const end = doc.indexOf(NEWLINE);
  const headerEnd = end < 0 ? doc.length : end;
  let head: Header;
  try {
    head = JSON.parse(doc.toString('utf8', 0, headerEnd)) as Header;
  } catch (e) {
    throw corrupt(what, 'not JSON', e);
  }
  if ((head.format !== 1 && head.format !== FORMAT) || !Array.isArray(head.steps) || !Array.isArray(head.actions)) {
    throw new DeskbenchError('E_STORE_CORRUPT', `${what} has an unknown layout (format ${String(head.format)})`, { hint: 'it may come from a newer deskbench; upgrade to read it' });
  }
  const shared = (hash: unknown): string => {
    const content = typeof hash === 'string' ? text(hash) : undefined;
    if (content === undefined) throw new DeskbenchError('E_STORE_CORRUPT', `${what} refers to a shared text ${String(hash)} the store does not hold`);
    return content;
  };
  let steps: Step[];
  if (head.format === 1) {
    if (end >= 0) throw corrupt(what, 'a format 1 document with a raw newline');
    steps = (head.steps as StoredStepV1[]).map((s): Step => {
      if (!('contentRef' in s)) return s;
      const { contentRef, ...rest } = s;
      return { ...rest, content: shared(contentRef) } as Step;
    });
  } else {
    if (end < 0) throw corrupt(what, 'no end to the header');
    let at = end + 1;
    steps = (head.steps as StoredStep[]).map((s): Step => {
      const c = s.content as unknown;
      if (typeof c === 'string') return s as Step;
      if (c && typeof c === 'object' && 'ref' in c) return { ...s, content: shared(c.ref) } as Step;
      const n = c && typeof c === 'object' && 'bytes' in c ? c.bytes : undefined;
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || at + n > doc.length) throw corrupt(what, `step ${String(s.index)} has no readable text`);
      const content = doc.toString('utf8', at, at + n);
      at += n;
      return { ...s, content } as Step;
    });
    if (at !== doc.length) throw corrupt(what, `${doc.length - at} bytes past the last step text`);
  }
  return { steps, actions: head.actions as ActionRecord[], finalDiff: head.finalDiff ?? null };
}
