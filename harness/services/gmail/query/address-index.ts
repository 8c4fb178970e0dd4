/**
 * Address indexes over a message index's base: the distinct values of each address field
 * (`name <address>` strings, as `from:`, `to:`, `cc:` and `bcc:` read them) → the ranks of the
 * messages carrying each. An address term matches a substring, so it is answered by testing
 * each distinct value once (a mailbox of 53,349 messages has 87 distinct senders) and uniting
 * the lists of those that hold it: exactly the messages the term's test accepts. The union
 * is built only when asked; until then a rank's membership is one lookup of its value.
 */
import type { MessageRecord } from '../model.ts';
import type { MessageIndex } from './message-index.ts';
import { union, type RankList, type RankSet } from './rank-lists.ts';
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
  /** Per rank, the position of its message's value in `values`. */
  readonly valueOf: Int32Array;
}

const indexes = new WeakMap<MessageIndex, Map<AddressField, DistinctValues>>();

function distinctValues(index: MessageIndex, field: AddressField): DistinctValues {
  let perIndex = indexes.get(index);
  if (!perIndex) indexes.set(index, (perIndex = new Map()));
  const hit = perIndex.get(field);
  if (hit) return hit;
  const groups = new Map<string, { at: number; ranks: number[] }>();
  const recs = index.all.recs;
  const text = TEXT_OF[field];
  const valueOf = new Int32Array(recs.length);
  for (let r = 0; r < recs.length; r++) {
    const v = text(recs[r]!);
    let g = groups.get(v);
    if (!g) groups.set(v, (g = { at: groups.size, ranks: [] }));
    g.ranks.push(r);
    valueOf[r] = g.at;
  }
  const out: DistinctValues = { values: [...groups.keys()], ranks: [...groups.values()].map((g) => Int32Array.from(g.ranks)), valueOf };
  perIndex.set(field, out);
  return out;
}

/**
 * The base messages whose `field` text contains a needle, as a set. A distinct value is
 * tested the first time a rank carrying it is asked about, or all of them when the set's size
 * or list is wanted; `spend` is charged one unit per value tested and one per 64 ranks listed.
 * (A class, not closures: a search builds one per address term.)
 */
class AddressSet implements RankSet {
  /** Per distinct value: 0 not tested yet, 1 holds the needle, 2 does not. */
  private readonly state: Uint8Array;
  private total: number | undefined;
  private listed: RankList | undefined;
  readonly sizeCost: number;

  constructor(private readonly d: DistinctValues, private readonly needle: string, private readonly spend: (units: number) => void) {
    this.state = new Uint8Array(d.values.length);
    this.sizeCost = d.values.length;
  }

  private test(i: number): boolean {
    if (this.state[i] === 0) {
      this.spend(1);
      this.state[i] = this.d.values[i]!.includes(this.needle) ? 1 : 2;
    }
    return this.state[i] === 1;
  }

  has(rank: number): boolean {
    return this.test(this.d.valueOf[rank]!);
  }

  private hits(): RankList[] {
    const out: RankList[] = [];
    for (let i = 0; i < this.d.ranks.length; i++) if (this.test(i)) out.push(this.d.ranks[i]!);
    return out;
  }

  size(): number {
    if (this.total === undefined) {
      let n = 0;
      for (const l of this.hits()) n += l.length;
      this.total = n;
    }
    return this.total;
  }

  list(): RankList {
    if (!this.listed) {
      this.spend(Math.ceil(this.size() / 64));
      this.listed = union(this.hits());
    }
    return this.listed;
  }
}

/** The base messages whose `field` text contains `needle` (lower-case already), as a set (see AddressSet). */
export function addressSet(index: MessageIndex, field: AddressField, needle: string, spend: (units: number) => void): RankSet {
  return new AddressSet(distinctValues(index, field), needle, spend);
}
