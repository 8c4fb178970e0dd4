/** Matching a parsed SearchQuery against messages and files: filters first, then term hits as the score. */
import { tsNumber } from '../ids.ts';
import type { SlackChannel, SlackFile, SlackMessage, SlackUser } from '../model.ts';
import type { SearchQuery } from './parse.ts';

/** Work units of scoring one text of `length` characters against a query (each term and exclusion scans it). */
export function scoreCost(q: SearchQuery, length: number): number {
  return 1 + (q.terms.length + q.excluded.length) * (1 + (length >> 10));
}

/** Non-overlapping occurrences of a non-empty `term` in `t`, left to right (what `t.split(term).length - 1` counts, without the pieces). */
function occurrences(t: string, term: string): number {
  let n = 0;
  for (let at = t.indexOf(term); at >= 0; at = t.indexOf(term, at + term.length)) n++;
  return n;
}

/** `textScore` of a text already lower-cased. */
function loweredScore(q: SearchQuery, t: string): number {
  if (q.excluded.some((x) => t.includes(x))) return 0;
  let score = 1;
  for (const term of q.terms) {
    const n = occurrences(t, term);
    if (n === 0) return 0;
    score += n;
  }
  return score;
}

/** Number of term hits in a text (0 when a term is missing: all terms must match). */
export function textScore(q: SearchQuery, text: string): number {
  return loweredScore(q, text.toLowerCase());
}

/** Each message's text and attachments, lower-cased once (records are frozen, so it never goes stale). */
const loweredTexts = new WeakMap<SlackMessage, string>();

function loweredText(m: SlackMessage): string {
  let t = loweredTexts.get(m);
  if (t === undefined) loweredTexts.set(m, (t = `${m.text} ${m.attachments ? JSON.stringify(m.attachments) : ''}`.toLowerCase()));
  return t;
}

/** Search score of a message in a channel (0 = no match). */
export function messageScore(q: SearchQuery, m: SlackMessage, ch: SlackChannel, author: SlackUser | undefined): number {
  if (q.channels.length && !q.channels.includes(ch.id)) return 0;
  if (q.users.length && !q.users.includes(m.user ?? '')) return 0;
  const t = tsNumber(m.ts);
  if (t < q.after || t >= q.before) return 0;
  for (const h of q.has) {
    if (h === 'link' && !/https?:\/\//.test(m.text)) return 0;
    if (h === 'reaction' && !m.reactions?.length) return 0;
    if (h === 'pin' && !m.pinned) return 0;
    if (h === 'file' && !m.files?.length) return 0;
    if (h.startsWith(':') && !m.reactions?.some((r) => `:${r.name}:` === h)) return 0;
  }
  for (const i of q.is) {
    if (i === 'thread' && !m.thread_ts) return 0;
    if (i === 'pinned' && !m.pinned) return 0;
  }
  // Lower-casing the parts apart equals lower-casing the whole: they are joined by a space, which no case rule looks across.
  return loweredScore(q, `${loweredText(m)} ${(author?.name ?? m.username ?? '').toLowerCase()}`);
}

/** Search score of a file (0 = no match). */
export function fileScore(q: SearchQuery, f: SlackFile): number {
  if (q.channels.length && !f.channels.some((c) => q.channels.includes(c))) return 0;
  if (q.users.length && !q.users.includes(f.user)) return 0;
  if (f.created < q.after || f.created >= q.before) return 0;
  return textScore(q, `${f.name} ${f.title} ${f.content}`);
}
