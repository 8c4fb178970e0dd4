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
const pairIndexes = new WeakMap<MessageIndex, WordIndex>();

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

/** The key of two adjacent words in the pair index. */
export function pairKey(first: string, second: string): string {
  return `${first} ${second}`;
}

/** The distinct pairs of adjacent words of a message's search text (`all` is the words space-joined and padded). */
function pairsOf(m: MessageRecord): Set<string> {
  const ws = searchText(m).all.slice(1, -1).split(' ');
  const out = new Set<string>();
  for (let i = 1; i < ws.length; i++) out.add(pairKey(ws[i - 1]!, ws[i]!));
  return out;
}

/**
 * Each pair of adjacent words of the messages' search text → its messages: a two-word phrase
 * is exactly its pair's list, and a longer one lies within all its pairs' lists. Built on the
 * first phrase search (about as many entries as the word index).
 */
export function pairIndex(index: MessageIndex): WordIndex {
  let hit = pairIndexes.get(index);
  if (!hit) pairIndexes.set(index, (hit = build(index, pairsOf)));
  return hit;
}

/** A word's list; the empty list for a word no base message holds. */
export function wordRanks(words: WordIndex, word: string): RankList {
  return words.get(word) ?? NO_RANKS;
}
