/**
 * Word indexes over a message index's base: each word's messages as a sorted rank list, for
 * free text (every word of a message's search text), for `subject:` (its subject's words) and
 * for phrases (each pair of adjacent words of the search text).
 * Built on the first search that needs one and shared by every trial of the base; a word no
 * base message holds has the empty list.
 */
import type { MessageRecord } from '../model.ts';
import type { MessageIndex } from './message-index.ts';
import { NO_RANKS, type RankList } from './rank-lists.ts';
import { searchText, words } from './text-index.ts';

/** A word → its messages' ranks. */
export type WordIndex = ReadonlyMap<string, RankList>;

const textIndexes = new WeakMap<MessageIndex, WordIndex>();
const subjectIndexes = new WeakMap<MessageIndex, WordIndex>();
const pairIndexes = new WeakMap<MessageIndex, PairIndex>();

function build(index: MessageIndex, wordsOf: (m: MessageRecord) => Iterable<string>): WordIndex {
  const groups = new Map<string, number[]>();
  const recs = index.all.recs;
  // Walked in rank order, so each list comes out sorted.
  for (let r = 0; r < recs.length; r++) {
    for (const w of wordsOf(recs[r]!)) {
      let g = groups.get(w);
      if (!g) groups.set(w, (g = []));
      g.push(r);
    }
  }
  const out = new Map<string, RankList>();
  for (const [w, g] of groups) out.set(w, Int32Array.from(g));
  return out;
}

/**
 * Each word of the messages' search text (subject, body, names, addresses, filenames: what a
 * free-text term reads) → its messages. The first build reads every message's search text
 * once, the cost the first scan used to pay.
 */
export function textWordIndex(index: MessageIndex): WordIndex {
  let hit = textIndexes.get(index);
  if (!hit) textIndexes.set(index, (hit = build(index, (m) => searchText(m).words)));
  return hit;
}

/** Each word of the messages' subjects → its messages (what `subject:` reads). */
export function subjectWordIndex(index: MessageIndex): WordIndex {
  let hit = subjectIndexes.get(index);
  if (!hit) subjectIndexes.set(index, (hit = build(index, (m) => new Set(words(m.subject)))));
  return hit;
}

/** Adjacent word pairs → their messages; a pair is keyed by its two words' numbers (no string per pair). */
export interface PairIndex {
  readonly wordIds: ReadonlyMap<string, number>;
  readonly lists: ReadonlyMap<number, RankList>;
}

/** Words numbered below 2^26 make pair keys exact in a double (a mailbox has far fewer distinct words). */
const PAIR_BASE = 2 ** 26;

/**
 * Each pair of adjacent words of the messages' search text → its messages: a two-word phrase
 * is exactly its pair's list, and a longer one lies within all its pairs' lists. Built on the
 * first phrase search from the search text (about as many entries as the word index).
 */
export function pairIndex(index: MessageIndex): PairIndex {
  const hit = pairIndexes.get(index);
  if (hit) return hit;
  const wordIds = new Map<string, number>();
  const groups = new Map<number, number[]>();
  const recs = index.all.recs;
  for (let r = 0; r < recs.length; r++) {
    // `all` is the words space-joined and padded.
    const all = searchText(recs[r]!).all;
    let prev = -1;
    for (const w of all.slice(1, -1).split(' ')) {
      if (w === '') continue;
      let id = wordIds.get(w);
      if (id === undefined) wordIds.set(w, (id = wordIds.size));
      if (id >= PAIR_BASE) throw new RangeError('too many distinct words for the pair index');
      if (prev >= 0) {
        const key = prev * PAIR_BASE + id;
        let g = groups.get(key);
        if (!g) groups.set(key, (g = []));
        // Ranks arrive in order, so a pair seen twice in one message is the list's last entry.
        if (g[g.length - 1] !== r) g.push(r);
      }
      prev = id;
    }
  }
  const lists = new Map<number, RankList>();
  for (const [k, g] of groups) lists.set(k, Int32Array.from(g));
  const out: PairIndex = { wordIds, lists };
  pairIndexes.set(index, out);
  return out;
}

/** The messages where `second` follows `first`; the empty list when none does. */
export function pairRanks(pairs: PairIndex, first: string, second: string): RankList {
  const a = pairs.wordIds.get(first);
  const b = pairs.wordIds.get(second);
  return a === undefined || b === undefined ? NO_RANKS : pairs.lists.get(a * PAIR_BASE + b) ?? NO_RANKS;
}

/** A word's list; the empty list for a word no base message holds. */
export function wordRanks(words: WordIndex, word: string): RankList {
  return words.get(word) ?? NO_RANKS;
}
