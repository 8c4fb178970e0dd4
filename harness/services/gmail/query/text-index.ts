/** Lower-case search text of a message, computed lazily once per frozen record and cached in a WeakMap. */
import type { MessageRecord } from '../model.ts';

/** What the search evaluator reads besides the record itself. */
export interface SearchText {
  /** All words of subject, body, names, addresses and filenames, space-joined with a space on each side. */
  readonly all: string;
  readonly words: ReadonlySet<string>;
  /** `name <address>` strings, lower-case. */
  readonly from: string;
  readonly to: string;
  readonly cc: string;
  readonly bcc: string;
  /** to, cc and bcc together (what `to:` searches). */
  readonly recipients: string;
  /** Subject words, padded like `all`. */
  readonly subject: string;
  readonly filenames: readonly string[];
}

const cache = new WeakMap<MessageRecord, SearchText>();

/** Splits text into lower-case words (letters and digits of any script). */
export function words(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/** Words joined with single spaces and padded, so ` phrase ` containment is a word-aligned phrase match. */
export function padded(ws: readonly string[]): string {
  return ` ${ws.join(' ')} `;
}

function headerNames(rec: MessageRecord, name: string): string {
  const lower = name.toLowerCase();
  return rec.headers.filter((h) => h.name.toLowerCase() === lower).map((h) => h.value).join(', ').toLowerCase();
}

/** `name <address>` of the sender as `from:` searches it (the name lower-cased). */
export function fromText(rec: MessageRecord): string {
  return `${rec.fromName.toLowerCase()} <${rec.from}>`;
}

/** The To header and the To addresses, lower-case. */
function toText(rec: MessageRecord): string {
  return `${headerNames(rec, 'to')} ${rec.recipients.to.join(' ')}`;
}

/** The Cc header and the Cc addresses, lower-case: what `cc:` searches. */
export function ccText(rec: MessageRecord): string {
  return `${headerNames(rec, 'cc')} ${rec.recipients.cc.join(' ')}`;
}

/** The Bcc addresses: what `bcc:` searches. */
export function bccText(rec: MessageRecord): string {
  return rec.recipients.bcc.join(' ');
}

/** To, Cc and Bcc together: what `to:` and `deliveredto:` search. */
export function recipientsText(rec: MessageRecord): string {
  return `${toText(rec)} ${ccText(rec)} ${bccText(rec)}`;
}

/** The search text of a record (cached: records are frozen, so a changed message is a new key). */
export function searchText(rec: MessageRecord): SearchText {
  const hit = cache.get(rec);
  if (hit) return hit;
  const to = toText(rec);
  const cc = ccText(rec);
  const bcc = bccText(rec);
  const from = fromText(rec);
  const filenames = rec.attachments.map((a) => a.filename.toLowerCase());
  const all = words(`${rec.subject}\n${rec.text}\n${from}\n${to}\n${cc}\n${filenames.join(' ')}`);
  const st: SearchText = {
    all: padded(all), words: new Set(all), from, to, cc, bcc, recipients: `${to} ${cc} ${bcc}`, subject: padded(words(rec.subject)), filenames,
  };
  cache.set(rec, st);
  return st;
}
