/**
 * Request bodies assembled from pieces encoded once. A model agent sends the whole conversation
 * on every turn, so a trial of n turns would serialise its first message n times, its system
 * prompt and tool schemas too: at a thousand trials at once that was a tenth of the harness's CPU
 * and a third of what it allocated. Messages never change once sent, so each is encoded to JSON
 * bytes the first time and spliced into every later body as is.
 *
 * The result is the JSON text `JSON.stringify` would give for the same value with every piece
 * replaced by what it encodes (test/agents/json-body.test.ts holds the two side by side).
 */
import { remember } from '../../core/index.ts';

/** JSON already encoded: spliced into a body as is. `T` is what it encodes, for the body's type. */
export class EncodedJson<T = unknown> {
  /** Phantom: the type of what `bytes` encodes. */
  declare readonly encodes?: T;
  constructor(readonly bytes: Buffer) {}
}

/** `T` where any part may be given as an EncodedJson of that part. */
export type Encodable<T> =
  | EncodedJson<T>
  | (T extends readonly (infer E)[] ? ReadonlyArray<Encodable<E>> : T extends object ? { readonly [K in keyof T]: Encodable<T[K]> } : T);

/** Encodes `value` once (JSON.stringify, then UTF-8). */
export function encodeOnce<T>(value: T): EncodedJson<T> {
  return new EncodedJson<T>(Buffer.from(JSON.stringify(value) ?? 'null', 'utf8'));
}

/** The encoding of `key`'s piece, made with `build` the first time (for objects that never change, such as sent messages). */
export function encodedFor<K extends object, T>(memo: WeakMap<K, EncodedJson<T>>, key: K, build: () => T): EncodedJson<T> {
  let hit = memo.get(key);
  if (!hit) memo.set(key, (hit = encodeOnce(build())));
  return hit;
}

// System prompts repeat for every trial of a task and condition; a run sees a handful.
const TEXTS = new Map<string, EncodedJson<string>>();
const MAX_TEXTS = 256;

/** A long string that repeats across requests (a system prompt), encoded once per process (bounded). */
export function encodedText(text: string): EncodedJson<string> {
  return remember(TEXTS, text, MAX_TEXTS, () => encodeOnce(text));
}

/** Containers deeper than this are left to JSON.stringify whole (pieces sit two or three levels down). */
const MAX_DEPTH = 32;

const isPlainObject = (v: object): boolean => {
  const proto = Object.getPrototypeOf(v) as unknown;
  return (proto === Object.prototype || proto === null) && typeof (v as { toJSON?: unknown }).toJSON !== 'function';
};

/** Whether JSON.stringify leaves a property with this value out (and writes `null` for it in an array). */
const omitted = (v: unknown): boolean => v === undefined || typeof v === 'function' || typeof v === 'symbol';

/** The JSON bytes of `value` with its pieces spliced in. */
export function encodeJson<T>(value: Encodable<T>): Buffer {
  const parts: Array<string | Buffer> = [];
  let text = '';
  const flush = () => {
    if (text) parts.push(text);
    text = '';
  };
  const write = (v: unknown, depth: number): void => {
    if (v instanceof EncodedJson) {
      flush();
      parts.push(v.bytes);
    } else if (typeof v === 'object' && v !== null && depth < MAX_DEPTH && Array.isArray(v)) {
      text += '[';
      for (let i = 0; i < v.length; i++) {
        if (i) text += ',';
        const x: unknown = v[i];
        if (omitted(x)) text += 'null';
        else write(x, depth + 1);
      }
      text += ']';
    } else if (typeof v === 'object' && v !== null && depth < MAX_DEPTH && isPlainObject(v)) {
      text += '{';
      let first = true;
      for (const k of Object.keys(v)) {
        const x = (v as Record<string, unknown>)[k];
        if (omitted(x)) continue;
        if (!first) text += ',';
        first = false;
        text += `${JSON.stringify(k)}:`;
        write(x, depth + 1);
      }
      text += '}';
    } else {
      // Leaves, objects with toJSON, class instances and containers past the depth limit: as JSON.stringify writes them (it throws on cycles and BigInt).
      text += JSON.stringify(v) ?? 'null';
    }
  };
  write(value, 0);
  flush();
  return Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : p)));
}

/** Request options that send `body` as it is, declared as JSON (the SDKs pass byte bodies through untouched). */
export function jsonRequest(body: Buffer, signal: AbortSignal | undefined): { body: Buffer; headers: Record<string, string>; signal?: AbortSignal } {
  return { body, headers: { 'content-type': 'application/json' }, ...(signal ? { signal } : {}) };
}
