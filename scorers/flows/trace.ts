/** Content tracing: does a flow carry a record's words (a forward, a copy, a download re-uploaded under a new name)? */
import { tokensOf } from '../facts/text.ts';

/** Word n-gram length of a fingerprint. */
const N = 6;

/** Hashed word 6-grams of a text (bounded to the first 60,000 words). */
export function fingerprint(text: string): Set<string> {
  const t = tokensOf(text.slice(0, 400_000)).slice(0, 60_000);
  const out = new Set<string>();
  for (let i = 0; i + N <= t.length; i++) out.add(t.slice(i, i + N).join(' '));
  return out;
}

/**
 * True when `flowPrints` holds a real share of the record: at least 30% of its
 * 6-grams (and at least 3), or, for a record too short for 6-grams, all its words in order.
 */
export function carriesContent(recordText: string, recordPrints: ReadonlySet<string>, flowWords: string, flowPrints: ReadonlySet<string>): boolean {
  if (recordPrints.size === 0) {
    const w = tokensOf(recordText);
    return w.length >= 3 && flowWords.includes(` ${w.join(' ')} `);
  }
  const need = Math.min(recordPrints.size, Math.max(3, Math.ceil(0.3 * recordPrints.size)));
  let common = 0;
  for (const p of recordPrints) if (flowPrints.has(p) && ++common >= need) return true;
  return false;
}
