/**
 * Address indexes over a message index's base: the distinct values of each address field
 * (`name <address>` strings, as `from:`, `to:`, `cc:` and `bcc:` read them) → the ranks of the
 * messages carrying each. An address term matches a substring, so it is answered by testing
 * each distinct value once (a mailbox of 53,349 messages has 87 distinct senders) and uniting
 * the lists of those that hold it: exactly the messages the term's test accepts.
 */
import type { MessageRecord } from '../model.ts';
import type { MessageIndex } from './message-index.ts';
import { union, type RankList } from './rank-lists.ts';
import { bccText, ccText, fromText, recipientsText } from './text-index.ts';

/** The fields an address term reads (`to:` and `deliveredto:` both read the recipients). */
export type AddressField = 'from' | 'recipients' | 'cc' | 'bcc';

const TEXT_OF: Record<AddressField, (m: MessageRecord) => string> = {
  from: fromText, recipients: recipientsText, cc: ccText, bcc: bccText,
};

/** One field's distinct values and, at the same position, their messages' ranks. */
interface DistinctValues {
  readonly values: readonly string[];
  readonly ranks: readonly RankList[];
}

const indexes = new WeakMap<MessageIndex, Map<AddressField, DistinctValues>>();

function distinctValues(index: MessageIndex, field: AddressField): DistinctValues {
  let perIndex = indexes.get(index);
  if (!perIndex) indexes.set(index, (perIndex = new Map()));
  const hit = perIndex.get(field);
  if (hit) return hit;
  const groups = new Map<string, number[]>();
  const recs = index.all.recs;
  const text = TEXT_OF[field];
  for (let r = 0; r < recs.length; r++) {
    const v = text(recs[r]!);
    let g = groups.get(v);
    if (!g) groups.set(v, (g = []));
    g.push(r);
  }
  const out: DistinctValues = { values: [...groups.keys()], ranks: [...groups.values()].map((g) => Int32Array.from(g)) };
  perIndex.set(field, out);
  return out;
}

/**
 * The ranks of the base messages whose `field` text contains `needle` (lower-case already).
 * `spend` is charged one unit per distinct value tested and per 64 ranks united.
 */
export function addressRanks(index: MessageIndex, field: AddressField, needle: string, spend: (units: number) => void): RankList {
  const d = distinctValues(index, field);
  spend(d.values.length);
  const hits: RankList[] = [];
  let total = 0;
  for (let i = 0; i < d.values.length; i++) {
    if (d.values[i]!.includes(needle)) {
      hits.push(d.ranks[i]!);
      total += d.ranks[i]!.length;
    }
  }
  spend(Math.ceil(total / 64));
  return union(hits);
}
