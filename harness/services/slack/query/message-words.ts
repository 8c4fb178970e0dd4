/**
 * A word index over a base's Slack messages, so `search.messages` tests only the messages
 * that can match instead of every message. Built once per base (shared by every trial made
 * from it), never written: a trial's own posts and edits are read from the overlay on each
 * search. It only narrows: every candidate is still tested by the search's own scorer, so a
 * search answers exactly what the scan answered.
 *
 * Search terms match as substrings of a message's text, attachments and author name. Any
 * run of ASCII letters and digits inside a term lies, wherever the term occurs, inside one
 * such run of the message (a "word"); so the messages holding a word that contains the
 * term's longest run are all the messages that can contain the term.
 */
import { remember, type Collection } from '../../../core/index.ts';
import { indexOnDemand } from '../../index-policy.ts';
import type { SlackMessage, SlackUser } from '../model.ts';
import type { SearchQuery } from './parse.ts';
import { addPosition, basePositions, compactPositions, liveInScanOrder, unionOfPositions as union, type BasePositions } from '../positions.ts';

/** The word index of one base map of messages. Positions are in the base map's iteration order. */
interface MessageWords {
  readonly positions: BasePositions;
  /** Each word's messages, ascending positions. */
  readonly words: ReadonlyMap<string, Int32Array>;
  /** Each author's (`user`) messages and each channel's, ascending positions. */
  readonly byUser: ReadonlyMap<string, Int32Array>;
  readonly byChannel: ReadonlyMap<string, Int32Array>;
  /** Messages found for a term fragment, kept for the next search (bounded). */
  readonly fragments: Map<string, Int32Array>;
}

const indexes = new WeakMap<ReadonlyMap<string, SlackMessage>, MessageWords>();

/** Fragments remembered per base before the memory is cleared (each is a list of positions). */
const MAX_REMEMBERED_FRAGMENTS = 256;

/** A candidate list this large is no cheaper than the scan (most messages are tested anyway). */
const WORTH_NARROWING = 0.5;

const WORD = /[a-z0-9]+/g;

/** What a message contributes to search besides its author's current name (the scorer adds that). */
function indexedText(m: SlackMessage): string {
  return `${m.text} ${m.attachments ? JSON.stringify(m.attachments) : ''} ${m.username ?? ''}`.toLowerCase();
}

function build(base: ReadonlyMap<string, SlackMessage>): MessageWords {
  const words = new Map<string, number[]>();
  const byUser = new Map<string, number[]>();
  const byChannel = new Map<string, number[]>();
  let at = -1;
  for (const m of base.values()) {
    at++;
    for (const w of indexedText(m).match(WORD) ?? []) addPosition(words, w, at);
    if (m.user !== undefined) addPosition(byUser, m.user, at);
    addPosition(byChannel, m.channel, at);
  }
  return { positions: basePositions(base), words: compactPositions(words), byUser: compactPositions(byUser), byChannel: compactPositions(byChannel), fragments: new Map() };
}

function wordsOf(col: Collection<SlackMessage>): MessageWords | undefined {
  const base = col.baseMap();
  return indexOnDemand(indexes, base, () => build(base));
}

/** The longest run of ASCII letters and digits in a (lower-cased) term, or '' when it has none. */
function longestRun(term: string): string {
  let best = '';
  for (const w of term.match(WORD) ?? []) if (w.length > best.length) best = w;
  return best;
}

/** Base messages whose indexed text holds a word containing `fragment`. */
function withFragment(index: MessageWords, fragment: string): Int32Array {
  return remember(index.fragments, fragment, MAX_REMEMBERED_FRAGMENTS, () => {
    const lists: Int32Array[] = [];
    for (const [w, list] of index.words) if (w.includes(fragment)) lists.push(list);
    return lists.length ? union(lists) : new Int32Array(0);
  });
}

/** The base messages that can match a term: its fragment's, plus those of authors whose name now holds it. */
function termCandidates(index: MessageWords, fragment: string, users: Collection<SlackUser>): Int32Array {
  const lists = [withFragment(index, fragment)];
  for (const u of users.values()) {
    if (!u.name.toLowerCase().includes(fragment)) continue;
    const own = index.byUser.get(u.id);
    if (own) lists.push(own);
  }
  return union(lists);
}

/** Positions listed under some of `keys` (a null key, an unknown channel or person, lists nothing). */
function listedUnder(map: ReadonlyMap<string, Int32Array>, keys: ReadonlyArray<string | null>): Int32Array {
  const lists = keys.flatMap((k) => (k === null ? [] : [map.get(k) ?? new Int32Array(0)]));
  return lists.length ? union(lists) : new Int32Array(0);
}

/**
 * The live messages a search must test, in the order a scan of the collection meets them
 * (base order, a changed record at its base place, then the trial's additions): the base
 * messages the query's narrowest term, channel or author filter allows, and every message
 * this trial added or changed. Undefined when nothing narrows the search enough to beat the
 * scan, or the base is not indexed yet.
 */
export function searchCandidates(col: Collection<SlackMessage>, users: Collection<SlackUser>, q: SearchQuery): SlackMessage[] | undefined {
  const index = wordsOf(col);
  if (!index) return undefined;
  const options: Int32Array[] = [];
  for (const term of q.terms) {
    const fragment = longestRun(term);
    if (fragment !== '') options.push(termCandidates(index, fragment, users));
  }
  if (q.channels.length) options.push(listedUnder(index.byChannel, q.channels));
  if (q.users.length) options.push(listedUnder(index.byUser, q.users));
  if (options.length === 0) return undefined;
  const narrowest = options.reduce((a, b) => (b.length < a.length ? b : a));
  if (narrowest.length > index.positions.ids.length * WORTH_NARROWING) return undefined;

  return liveInScanOrder(col, index.positions, narrowest);
}
