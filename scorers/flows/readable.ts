/** The text a person can read in a record or an attachment, for flows and content tracing. */
import type { Workspace } from '../../harness/core/index.ts';
import { parseMail } from '../../harness/services/gmail/mime-parse.ts';
import { docEveryWord } from '../../harness/services/docs/plain-text.ts';
import type { DocRecord } from '../../harness/services/docs/model.ts';
import { documentText } from '../../harness/content/index.ts';
import { bounded } from './types.ts';

const TEXT_MIME = /^(text\/|application\/(json|xml|csv|x-yaml|yaml|javascript|x-sh|rtf)|message\/)/;

/**
 * Readable text of attached bytes: text types decoded as UTF-8, a message/rfc822 attachment
 * (a forwarded mail) parsed with its own attachments, a PDF, docx or xlsx (by its type or,
 * mislabelled, by its bytes) as the text a reader sees in it (harness/content), anything
 * else reduced to its printable runs (what `strings` would show).
 */
export function bytesText(data: Buffer, mimeType: string, depth = 0): string {
  const mime = mimeType.toLowerCase();
  if (mime === 'message/rfc822' && depth < 3) {
    const m = parseMail(data);
    return bounded([...m.headers.map((h) => `${h.name}: ${h.value}`), m.text, ...m.attachments.map((a) => `${a.filename}\n${bytesText(a.data, a.mimeType, depth + 1)}`)].join('\n'));
  }
  if (TEXT_MIME.test(mime)) return bounded(data.subarray(0, 1_000_000).toString('utf8'));
  const doc = documentText(data, mime);
  if (doc !== '') return bounded(doc);
  const runs = data.subarray(0, 1_000_000).toString('latin1').match(/[\x20-\x7e\t\r\n]{4,}/g) ?? [];
  return bounded(runs.join('\n'));
}

/** Decodes a base64 or base64url string to bytes (never throws). */
export function fromBase64(s: unknown): Buffer {
  return typeof s === 'string' ? Buffer.from(s.slice(0, 20_000_000), 'base64') : Buffer.alloc(0);
}

type Rec = Record<string, any>;

/** Readable text of one record by its `collection:id` ref, in a given state; '' when absent or unknown. */
export function recordText(ws: Workspace, ref: string): string {
  const i = ref.indexOf(':');
  const key = ref.slice(0, i);
  const id = ref.slice(i + 1);
  let col;
  try {
    col = ws.collection<Rec>(key);
  } catch {
    return '';
  }
  const r = col.peek(id);
  if (!r) return '';
  switch (key) {
    case 'gmail.messages':
      return bounded(`${r.subject ?? ''}\n${r.text ?? ''}\n${(r.attachments ?? []).map((a: Rec) => `${a.filename}\n${a.data ? bytesText(fromBase64(a.data), String(a.mimeType ?? '')) : ''}`).join('\n')}`);
    case 'drive.files':
      return fileText(ws, r);
    case 'docs.documents':
      return bounded(`${r.title ?? ''}\n${docAllText(r as DocRecord)}`);
    case 'calendar.events':
      return bounded(eventText(r));
    case 'slack.messages':
      return bounded(`${r.text ?? ''}\n${r.blocks ? JSON.stringify(r.blocks) : ''}\n${r.attachments ? JSON.stringify(r.attachments) : ''}`);
    case 'slack.files':
      return bounded(`${r.name ?? ''}\n${r.title ?? ''}\n${r.content ?? ''}`);
    case 'drive.comments':
    case 'drive.replies':
      return bounded(String(r.content ?? ''));
    default:
      return bounded(JSON.stringify(r));
  }
}

/** Every word a reader sees in a Google Doc: each tab's body and footnotes (chips as their text), headers and footers. */
export function docAllText(doc: DocRecord): string {
  return docEveryWord(doc);
}

/** The body of a Drive file: blob content, or a Google Doc's text. */
function fileBody(ws: Workspace, f: Rec): string {
  const doc = ws.collection<DocRecord>('docs.documents').peek(String(f.id));
  const blob = f.content ?? (f.contentBase64 ? bytesText(fromBase64(f.contentBase64), String(f.mimeType ?? '')) : '');
  return `${blob}\n${doc ? docAllText(doc) : ''}`;
}

/** Name, description and content of a Drive file (a Google Doc's body, headers and footers included). */
export function fileText(ws: Workspace, f: Rec): string {
  return bounded(`${f.name ?? ''}\n${f.description ?? ''}\n${fileBody(ws, f)}`);
}

/**
 * The body of a record, without names, titles or subjects: what content tracing compares.
 * A file's name alone is not its content (refusing to share "Board deck.pptx" by name
 * carries nothing of it).
 */
export function bodyText(ws: Workspace, ref: string): string {
  const i = ref.indexOf(':');
  const key = ref.slice(0, i);
  const id = ref.slice(i + 1);
  let r: Rec | undefined;
  try {
    r = ws.collection<Rec>(key).peek(id);
  } catch {
    return '';
  }
  if (!r) return '';
  switch (key) {
    case 'gmail.messages':
      return bounded(`${r.text ?? ''}\n${(r.attachments ?? []).map((a: Rec) => (a.data ? bytesText(fromBase64(a.data), String(a.mimeType ?? '')) : '')).join('\n')}`);
    case 'drive.files':
      return bounded(fileBody(ws, r));
    case 'docs.documents':
      return bounded(docAllText(r as DocRecord));
    case 'calendar.events':
      return bounded(String(r.description ?? ''));
    case 'slack.messages':
      return bounded(String(r.text ?? ''));
    case 'slack.files':
      return bounded(String(r.content ?? ''));
    default:
      return recordText(ws, ref);
  }
}

/** What an invitee reads of an event: title, description, place and attachments. */
export function eventText(e: Rec): string {
  const att = Array.isArray(e.attachments) ? e.attachments.map((a: Rec) => `${a.title ?? ''} ${a.fileUrl ?? ''}`).join('\n') : '';
  return `${e.summary ?? ''}\n${e.description ?? ''}\n${e.location ?? ''}\n${att}`;
}

/** Lines of `after` that `before` did not have: what an edit newly shows its readers. */
export function addedLines(before: string, after: string): string {
  const had = new Set(before.split('\n').map((l) => l.trim()));
  return after.split('\n').filter((l) => l.trim() !== '' && !had.has(l.trim())).join('\n');
}
