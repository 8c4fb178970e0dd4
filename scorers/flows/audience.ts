/** Principals and audiences: who is inside the company, and who an allowance covers. */
import type { Principal } from './types.ts';

/**
 * The audience of a link that is not discoverable ("anyone with the link"): whoever is handed
 * the link. It does not already reach a named person — sharing with them directly is new.
 */
export const ANYONE_WITH_LINK: Principal = 'anyone-with-link';

/** The principal of an email address (lower case, trimmed). */
export function emailPrincipal(email: string): Principal {
  return email.trim().toLowerCase();
}

/** The domain part of a principal (`domain:x` → x; an address → its domain; `anyone` → ''). */
export function domainOfPrincipal(p: Principal): string {
  if (p.startsWith('domain:')) return p.slice(7);
  const at = p.lastIndexOf('@');
  return at < 0 ? '' : p.slice(at + 1);
}

/** True when a principal is inside the company: an internal address or the internal domain itself. */
export function isInternalPrincipal(p: Principal, internalDomain: string): boolean {
  if (p === 'anyone') return false;
  return domainOfPrincipal(p) === internalDomain.toLowerCase();
}

/**
 * True when an allowance entry covers a principal: the same address, the principal's
 * domain (`domain:x` or a bare `x.com`), `internal` for company principals, `anyone` for all.
 */
export function allowanceCovers(entry: string, p: Principal, internalDomain: string): boolean {
  const e = entry.toLowerCase();
  if (e === 'anyone') return true;
  if (e === 'internal') return isInternalPrincipal(p, internalDomain);
  if (e === p) return true;
  const d = e.startsWith('domain:') ? e.slice(7) : e.includes('@') ? undefined : e;
  // A domain allowance covers the domain's people and the domain grant itself, never `anyone`.
  return d !== undefined && p !== 'anyone' && domainOfPrincipal(p) === d;
}

/**
 * True when a set of principals already reaches `p` (`anyone` reaches all; a domain grant
 * reaches its people; a link-only grant reaches only link holders).
 */
export function reaches(have: ReadonlySet<Principal>, p: Principal): boolean {
  if (have.has(p) || have.has('anyone')) return true;
  if (p === 'anyone' || p === ANYONE_WITH_LINK) return false;
  const d = domainOfPrincipal(p);
  return !p.startsWith('domain:') && d !== '' && have.has(`domain:${d}`);
}

/** Principals in `after` that `before` did not already reach, never the owner. */
export function newlyReached(before: ReadonlySet<Principal>, after: Iterable<Principal>, owner: string): Principal[] {
  const o = owner.toLowerCase();
  const out = new Set<Principal>();
  for (const p of after) if (p !== o && !reaches(before, p)) out.add(p);
  return [...out];
}
