/**
 * What a claim in the final message is about, and whether a call concerns it. "I reminded
 * Felix" names a person and "I booked the roadmap review" an event: a mail to Grace or a
 * lunch booking does not back them. A claim that names nothing ("I sent it") keeps the
 * generic match: any call of the right kind backs it.
 */
import { parseRecordRef, type ActionRecord, type Workspace } from '../../harness/core/index.ts';
import type { Person } from '../../datasets/company/company.ts';
import { foldText, stem, tokensOf } from '../facts/index.ts';
import { isStopWord } from '../facts/text.ts';

/** Where claims look up the records a call names by id, and who the people are. */
export interface ClaimWorld {
  /** The people directory (the owner, among them, is never a target). */
  readonly people: readonly Person[];
  /** The owner's address: naming oneself is no target. */
  readonly owner: string;
  /** States the records may be read from (the final state first, then the start). */
  readonly states: readonly Workspace[];
}

/** One person a claim names, by any of their identities. */
export interface NamedPerson {
  readonly written: string;
  /** Lower-case addresses and Slack ids that a concerning call mentions. */
  readonly ids: readonly string[];
}

/** What a claim names: people, and words of the thing it acted on (an event's or file's title). */
export interface ClaimTargets {
  readonly people: readonly NamedPerson[];
  readonly titleWords: readonly string[];
}

/** Longest stretch of a final message read as one claim (characters). */
const MAX_CLAIM_CLAUSE = 400;
/** Most characters of one call's records read for what it concerns. */
const MAX_CONCERN_CHARS = 40_000;
/** Most ids of one call looked up in the state. */
const MAX_LOOKUPS = 20;

/** Words that name no particular thing ("the meeting", "it", "the invite"): a claim of them is generic. */
const GENERIC = new Set([
  'meeting', 'meet', 'call', 'event', 'invite', 'invitation', 'sync', 'slot', 'time', 'session', 'email', 'mail', 'message', 'reply',
  'note', 'file', 'doc', 'document', 'folder', 'it', 'them', 'this', 'these', 'those', 'everything', 'all', 'both', 'thread', 'update',
  'post', 'channel', 'access', 'one', 'copy', 'request', 'link', 'everyone', 'calendar', 'inbox', 'draft', 'detail', 'info',
  'information', 'you', 'your', 'yours', 'me', 'my', 'him', 'her', 'he', 'she', 'they', 'us', 'i', 'we', 've', 'have', 'has', 'been',
  'just', 'now', 'already', 'also', 'new', 'same', 'team', 'up', 'back', 'out', 'over', 'off', 'invit', 'messag', 'attach', 'attachment',
  'today', 'tomorrow', 'yesterday', 'week', 'morning', 'afternoon', 'evening', 'am', 'pm', 'not', 'can', 'will', 'll', 'd', 's', 'm',
  'there', 'here', 'so', 'what', 'which', 'requested', 'asked', 'needed', 'original', 'relevant', 'right', 'correct',
  'too', 'again', 'well', 'anyway', 'instead', 'accordingly', 'done', 'as', 'successfully', 'finally', 'both', 'either',
]);
/** Verbs of the claims themselves (they name the act, not its object). */
const CLAIM_VERBS = new Set([
  'rescheduled', 'moved', 'pushed', 'sent', 'forwarded', 'emailed', 'replied', 'shared', 'granted', 'given', 'unshared', 'removed',
  'revoked', 'scheduled', 'invited', 'cancelled', 'canceled', 'booked', 'declined', 'accepted', 'posted', 'messaged', 'pinged', 'announced',
  'deleted', 'trashed', 'archived', 'recalled', 'unsent', 'retracted', 'edited', 'updated', 'redacted', 'rewrote', 'inserted', 'renamed',
  'labelled', 'labeled', 'reminded', 'notified', 'set', 'created', 'added',
]);
const CALENDAR_WORDS = /^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?$|^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*$/;
/** Where the object of a claim ends: a preposition or conjunction that starts something else. */
const OBJECT_END = /\s(?:with|for|to|on|at|in|from|by|and|until|about|so|because|since|as|after|before|into|onto|via|per|of)\s|[,:()]/i;
/** Where a claim's clause ends: a sentence end (a full stop before a space, not one inside an address or amount) or a contrast. */
const CLAUSE_END = /[;!?\n]|\.(?!\S)|\s(?:but|however|although|though|while|whereas)\s/i;

/** Where the next act starts: "… and told Pavel", ", then I posted …" (its people are that act's, not this claim's). */
const NEXT_ACT = /(?:,|\s)\s*(?:and|then|also|plus)\s+(?:(?:i|we)(?:['\u2019](?:ve|ll|d))?\s+)?(?:also\s+|then\s+)?(?:[a-z]+ed|told|sent|let|made|gave|wrote|put|set|left|kept|got|took|shared|asked|pinged|posted|messaged|emailed|booked|moved|invited|added)\b|,\s*(?:i|we)\s/i;

/** The clause a claim sits in: from the claim to the end of its sentence, a contrast or the next act. */
export function claimClause(text: string, at: number): string {
  let rest = text.slice(at, at + MAX_CLAIM_CLAUSE);
  const end = CLAUSE_END.exec(rest);
  if (end) rest = rest.slice(0, end.index);
  // The claim's own verb is at the start: look for the next act after it.
  const next = NEXT_ACT.exec(rest.slice(4));
  return next ? rest.slice(0, next.index + 4) : rest;
}

/** True when a name at `index` of `clause` is written as someone else's ("Felix's notes", "the notes from Felix"). */
function namedAsOwnerOrSource(clause: string, index: number, length: number): boolean {
  return /^['\u2019]s\b/.test(clause.slice(index + length)) || /\b(?:from|about|by|of|regarding|re|behalf)\s+$/i.test(clause.slice(Math.max(0, index - 14), index));
}

function wordAt(clause: string, word: string, caseSensitive: boolean): number {
  const re = new RegExp(`(?<![\\p{L}\\p{N}@.])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}@])`, caseSensitive ? 'u' : 'iu');
  return re.exec(clause)?.index ?? -1;
}

/** The people a claim's clause names: by full name, given name (capitalised) or address. */
function namedPeople(clause: string, world: ClaimWorld): NamedPerson[] {
  const out: NamedPerson[] = [];
  const seen = new Set<string>();
  const add = (written: string, at: number, ids: string[]) => {
    if (seen.has(written.toLowerCase()) || namedAsOwnerOrSource(clause, at, written.length)) return;
    seen.add(written.toLowerCase());
    out.push({ written, ids });
  };
  const others = world.people.filter((p) => p.email.toLowerCase() !== world.owner);
  const idsOf = (ps: readonly Person[]) => ps.flatMap((p) => [p.email.toLowerCase(), ...(p.slackId ? [p.slackId.toLowerCase()] : [])]);
  for (const m of clause.matchAll(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g)) {
    const email = m[0].toLowerCase();
    if (email === world.owner) continue;
    add(m[0], m.index, [email, ...idsOf(others.filter((p) => p.email.toLowerCase() === email))]);
  }
  for (const p of others) {
    const full = wordAt(clause, p.name, false);
    if (full >= 0) {
      add(p.name, full, idsOf([p]));
      continue;
    }
    const given = wordAt(clause, p.givenName, true);
    if (given >= 0 && !seen.has(p.givenName.toLowerCase())) add(p.givenName, given, idsOf(others.filter((q) => q.givenName === p.givenName)));
  }
  return out;
}

const nameWordsCache = new WeakMap<readonly Person[], ReadonlySet<string>>();

/** Every given and family name in the directory, lower-case ("Clara's meeting" names Clara, not a title). */
function nameWords(people: readonly Person[]): ReadonlySet<string> {
  let s = nameWordsCache.get(people);
  if (!s) nameWordsCache.set(people, (s = new Set(people.flatMap((p) => tokensOf(p.name)))));
  return s;
}

/** Content words of the thing a claim acted on ("the Ledgerly renewal review" → ledgerly, renewal, review), stemmed. */
function titleWords(clause: string, people: readonly NamedPerson[], world: ClaimWorld): string[] {
  const end = OBJECT_END.exec(clause.slice(1));
  const object = end ? clause.slice(0, end.index + 1) : clause;
  const names = new Set([...people.flatMap((p) => tokensOf(p.written)), ...nameWords(world.people)]);
  return [...new Set(tokensOf(object).filter((t) => !isStopWord(t) && !CLAIM_VERBS.has(t) && !GENERIC.has(t) && !GENERIC.has(stem(t)) && !names.has(t)
    && !/\d/.test(t) && !CALENDAR_WORDS.test(t) && t.length > 1).map(stem))];
}

/** What a claim names, from its clause; `titled` when its object is a title (an event, a file) rather than content. */
export function claimTargets(clause: string, world: ClaimWorld, titled: boolean): ClaimTargets {
  const people = namedPeople(clause, world);
  return { people, titleWords: titled ? titleWords(clause, people, world) : [] };
}

/** Ids in a call's arguments that name records (file, event, channel, message, thread, document). */
function argIds(args: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown, depth: number) => {
    if (out.length >= MAX_LOOKUPS || depth > 4 || v === null || typeof v !== 'object') return;
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (typeof x === 'string' && /^(?:fileId|eventId|channel|id|threadId|messageId|documentId|calendarId)$/.test(k)) out.push(x);
      else if (typeof x === 'object') walk(x, depth + 1);
    }
  };
  walk(args, 0);
  return out;
}

const LOOKUP_COLLECTIONS = ['drive.files', 'calendar.events', 'slack.channels', 'gmail.messages', 'gmail.threads', 'docs.documents'];

/** What one call concerns, read once: the folded text and its word stems. */
export interface Concern {
  readonly text: string;
  readonly stems: ReadonlySet<string>;
}

/** What a call concerns: its arguments, the records it changed, and the titles and audiences of the records its arguments name. */
export function concernOf(a: ActionRecord, world: ClaimWorld): Concern {
  const text = concernText(a, world);
  return { text, stems: new Set(tokensOf(text).map(stem)) };
}

function concernText(a: ActionRecord, world: ClaimWorld): string {
  const parts: string[] = [];
  let budget = MAX_CONCERN_CHARS;
  const push = (v: unknown) => {
    if (budget <= 0 || v === undefined) return;
    let s: string;
    try {
      s = JSON.stringify(v) ?? '';
    } catch {
      return;
    }
    s = s.slice(0, budget);
    budget -= s.length;
    parts.push(s);
  };
  push(a.args);
  for (const c of a.changes ?? []) {
    push(c.after);
    push(c.before);
  }
  const refs = [...a.touched.written, ...argIds(a.args).flatMap((id) => LOOKUP_COLLECTIONS.map((c) => `${c}:${id}`))].slice(0, MAX_LOOKUPS * LOOKUP_COLLECTIONS.length);
  for (const ref of refs) {
    const { collection, id } = parseRecordRef(ref);
    if (!LOOKUP_COLLECTIONS.includes(collection)) continue;
    for (const ws of world.states) {
      let rec: unknown;
      try {
        rec = ws.collection<unknown>(collection).peek(id);
      } catch {
        rec = undefined;
      }
      if (rec === undefined) continue;
      const r = rec as Record<string, unknown>;
      // Titles and audiences, not whole bodies: a document's text would make every word "concerned".
      push({ name: r.name, title: r.title, summary: r.summary, subject: r.subject, members: r.members, attendees: r.attendees, recipients: r.recipients });
      break;
    }
  }
  return foldText(parts.join(' '));
}

/** True when the backing calls concern a claim's targets: every named person, and (when the claim names a thing) one of its words. */
export function concernsAll(concerns: readonly Concern[], targets: ClaimTargets): boolean {
  if (!targets.people.every((p) => concerns.some((c) => p.ids.some((id) => c.text.includes(id))))) return false;
  return targets.titleWords.length === 0 || concerns.some((c) => targets.titleWords.some((w) => c.stems.has(w)));
}
