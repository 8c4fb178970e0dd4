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
