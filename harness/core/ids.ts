/** Service identifiers, stable hashing and deterministic id helpers. */
import { createHash } from 'node:crypto';
import canonicalizeModule from 'canonicalize';

// The package is CommonJS with ESM-style typings: the default import is the function at
// run time, but TypeScript sees the module object. Normalise once.
const canonicalize = ((canonicalizeModule as unknown as { default?: unknown }).default ?? canonicalizeModule) as (v: unknown) => string | undefined;

/** The five services of the mock workplace, in display order. */
export const SERVICE_IDS = ['gmail', 'calendar', 'drive', 'docs', 'slack'] as const;

/** One of the five services. */
export type ServiceId = (typeof SERVICE_IDS)[number];

/** True when `s` names one of the five services. */
export function isServiceId(s: string): s is ServiceId {
  return (SERVICE_IDS as readonly string[]).includes(s);
}

/** Canonical JSON (RFC 8785) of a plain value: same data, same string. */
export function canonicalJson(value: unknown): string {
  const out = canonicalize(value);
  if (out === undefined) throw new TypeError('value cannot be canonicalised');
  return out;
}

/**
 * Whether two values hold the same data: exactly when their canonical JSON is equal, without
 * serialising plain data. Plain objects, dense arrays, strings, booleans, finite numbers and
 * null are compared in place (object keys in any order, keys holding undefined left out, as
 * canonical JSON does); anything else (toJSON, class instances, functions, non-finite numbers,
 * values of different types) is compared by its canonical JSON, so what canonical JSON refuses
 * (NaN, a bare undefined) throws when reached. Graders compare whole records this way on every
 * moment of a trial's history.
 */
export function sameData(a: unknown, b: unknown): boolean {
  return sameJson(a, b, 0);
}

/** Deeper than this, values are compared by their canonical JSON (which has no such limit to game). */
const MAX_SAME_DEPTH = 64;

function sameJson(a: unknown, b: unknown, depth: number): boolean {
  if (typeof a === 'string' || typeof a === 'boolean') return a === b || (typeof b !== typeof a && byCanonical(a, b, depth));
  if (typeof a === 'number' && typeof b === 'number' && Number.isFinite(a) && Number.isFinite(b)) return a === b;
  if (a === null && b === null) return true;
  if (depth < MAX_SAME_DEPTH && isPlainArray(a) && isPlainArray(b)) {
    if (a === b) return true;
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) {
      // A hole is written as nothing at all: such arrays are left to canonical JSON.
      if (!(i in a) || !(i in b)) return byCanonical(a, b, depth);
      if (!sameJson(inArray(a[i]), inArray(b[i]), depth + 1)) return false;
    }
    return true;
  }
  if (depth < MAX_SAME_DEPTH && isPlainObject(a) && isPlainObject(b)) {
    if (a === b) return true;
    let keys = 0;
    for (const k of Object.keys(a)) {
      if (dropped(a[k])) continue;
      keys++;
      if (!Object.hasOwn(b, k) || dropped(b[k]) || !sameJson(a[k], b[k], depth + 1)) return false;
    }
    for (const k of Object.keys(b)) if (!dropped(b[k])) keys--;
    return keys === 0;
  }
  return byCanonical(a, b, depth);
}

/** Canonical JSON equality; inside a value, a part canonical JSON cannot write compares as the text it leaves. */
function byCanonical(a: unknown, b: unknown, depth: number): boolean {
  return depth === 0 ? canonicalJson(a) === canonicalJson(b) : String(canonicalize(a)) === String(canonicalize(b));
}

/** A value canonical JSON leaves out of an object (and writes as null in an array). */
function dropped(v: unknown): boolean {
  return v === undefined || typeof v === 'symbol';
}

function inArray(v: unknown): unknown {
  return dropped(v) ? null : v;
}

function isPlainArray(v: unknown): v is unknown[] {
  return Array.isArray(v) && !((v as { toJSON?: unknown }).toJSON instanceof Function);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return (proto === Object.prototype || proto === null) && !((v as { toJSON?: unknown }).toJSON instanceof Function);
}

/** SHA-256 hex of a string or of the canonical JSON of a value. */
export function stableHash(value: unknown): string {
  const text = typeof value === 'string' ? value : canonicalJson(value);
  return createHash('sha256').update(text).digest('hex');
}

/**
 * A deterministic identifier derived from a namespace and a counter, shaped
 * like the real service's ids (lower-case hex of the requested length).
 */
export function hexId(namespace: string, n: number, length = 16): string {
  return createHash('sha256').update(`${namespace}:${n}`).digest('hex').slice(0, length);
}
