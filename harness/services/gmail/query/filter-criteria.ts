/**
 * A filter's criteria as the Gmail search they amount to: Gmail runs a filter as a search
 * over each incoming message (`from: "ledgerly.com"` means `from:(ledgerly.com)`), so
 * criteria compile through the same query language as messages.list.
 */
import type { MessageRecord } from '../model.ts';
import { compileQuery, type QueryEnv } from './evaluate.ts';

/** The search a filter's criteria stand for ('' when they have none). */
export function criteriaQuery(criteria: Readonly<Record<string, unknown>>): string {
  const parts: string[] = [];
  const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
  // Gmail reads `*@ledgerly.com` as a wildcard; an address term already matches a substring.
  const address = (op: string, v: unknown) => {
    const t = text(v)?.replace(/\*/g, ' ').trim();
    if (t) parts.push(`${op}:(${t})`);
  };
  address('from', criteria['from']);
  address('to', criteria['to']);
  const subject = text(criteria['subject']);
  if (subject) parts.push(`subject:(${subject})`);
  const query = text(criteria['query']);
  if (query) parts.push(`(${query})`);
  const negated = text(criteria['negatedQuery']);
  if (negated) parts.push(`-(${negated})`);
  if (criteria['hasAttachment'] === true) parts.push('has:attachment');
  const size = criteria['size'];
  if (typeof size === 'number' && Number.isFinite(size) && size >= 0) {
    if (criteria['sizeComparison'] === 'larger') parts.push(`larger:${Math.floor(size)}`);
    else if (criteria['sizeComparison'] === 'smaller') parts.push(`smaller:${Math.floor(size)}`);
  }
  return parts.join(' ');
}

/**
 * A predicate: does a filter with these criteria act on a message? Criteria Gmail could not
 * run (a malformed query) and empty criteria match nothing.
 */
export function criteriaMatcher(criteria: Readonly<Record<string, unknown>>, env: QueryEnv): (m: MessageRecord) => boolean {
  const q = criteriaQuery(criteria);
  if (q === '') return () => false;
  try {
    const compiled = compileQuery(q, env);
    return (m) => compiled.test(m);
  } catch {
    return () => false;
  }
}
