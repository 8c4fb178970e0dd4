/** Smart chips: insertPerson, insertRichLink, insertDate (anywhere inside a paragraph of any segment). */
import type { RequestSchema } from './schemas.ts';
import { resolveWhere, type RequestHandler } from './context.ts';
import { fail } from '../layout.ts';
import { insertElementAt } from './elements.ts';
import { C, type DriveFile } from '../../drive/model.ts';
import { displayNameFor } from '../../drive/identity.ts';

type Req<K extends keyof RequestSchema> = NonNullable<RequestSchema[K]>;

const ANYWHERE = ['body', 'header', 'footer', 'footnote'] as const;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** insertPerson: a person chip for an email; its name is the person's display name. */
export const insertPerson: RequestHandler<Req<'insertPerson'>> = (ctx, r) => {
  const email = r.personProperties.email.trim();
  if (!EMAIL.test(email)) fail(`Invalid email address: ${email.slice(0, 200)}`);
  const { seg, index } = resolveWhere(ctx.doc, r);
  const name = displayNameFor(email.toLowerCase());
  insertElementAt(seg, index, { kind: 'person', personId: ctx.newKixId(), email, ...(name ? { name } : {}) }, 'Person mentions', ANYWHERE);
  return undefined;
};

/** The Drive file id a Google Docs/Drive URL points at, if any. */
function driveFileId(u: URL): string | undefined {
  if (u.hostname !== 'docs.google.com' && u.hostname !== 'drive.google.com') return undefined;
  const d = /\/d\/([A-Za-z0-9_-]+)/.exec(u.pathname) ?? /\/folders\/([A-Za-z0-9_-]+)/.exec(u.pathname);
  return d?.[1] ?? u.searchParams.get('id') ?? undefined;
}

const OTHER_GOOGLE_HOSTS = ['www.youtube.com', 'youtube.com', 'youtu.be', 'calendar.google.com'];

/**
 * insertRichLink: a chip for a Google resource. A Drive file's chip takes the file's name
 * and type (as the real chip shows the linked resource's title); other URLs are refused.
 */
export const insertRichLink: RequestHandler<Req<'insertRichLink'>> = (ctx, r) => {
  const uri = r.richLinkProperties.uri;
  let u: URL;
  try {
    u = new URL(uri);
  } catch {
    return fail(`Invalid rich link URI: ${uri.slice(0, 200)}`);
  }
  let title = uri;
  let mimeType: string | undefined;
  const fileId = driveFileId(u);
  if (fileId !== undefined) {
    const file = ctx.ws.collection<DriveFile>(C.files).peek(fileId);
    if (!file || file.trashed) fail(`The rich link URI points to a file that does not exist: ${fileId}`);
    title = file.name;
    mimeType = file.mimeType;
  } else if (!OTHER_GOOGLE_HOSTS.includes(u.hostname)) {
    fail('Rich links can only point to Google resources (Drive files, YouTube videos, Calendar events).');
  }
  const { seg, index } = resolveWhere(ctx.doc, r);
  insertElementAt(seg, index, { kind: 'richLink', richLinkId: ctx.newKixId(), uri, title, ...(mimeType ? { mimeType } : {}) }, 'Rich links', ANYWHERE);
  return undefined;
};

const DATE_FORMATS: Record<string, Intl.DateTimeFormatOptions> = {
  DATE_FORMAT_MONTH_DAY_ABBREVIATED: { month: 'short', day: 'numeric' },
  DATE_FORMAT_MONTH_DAY_FULL: { month: 'long', day: 'numeric' },
  DATE_FORMAT_MONTH_DAY_YEAR_ABBREVIATED: { month: 'short', day: 'numeric', year: 'numeric' },
  DATE_FORMAT_DAY_OF_WEEK_MONTH_DAY: { weekday: 'short', month: 'short', day: 'numeric' },
  DATE_FORMAT_DAY_OF_WEEK_MONTH_DAY_YEAR: { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric' },
};

/** The text a date chip shows, from its properties (the format defaults as the reference states them). */
export function dateDisplayText(p: { timestamp: string; timeZoneId?: string | undefined; locale?: string | undefined; dateFormat?: string | undefined; timeFormat?: string | undefined }): string {
  const when = new Date(p.timestamp);
  const timeZone = p.timeZoneId ?? 'UTC';
  const locale = p.locale ?? 'en';
  const format = p.dateFormat ?? 'DATE_FORMAT_MONTH_DAY_YEAR_ABBREVIATED';
  let date: string;
  if (format === 'DATE_FORMAT_ISO8601') {
    const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(when);
    date = parts;
  } else date = new Intl.DateTimeFormat(locale, { timeZone, ...(DATE_FORMATS[format] ?? DATE_FORMATS.DATE_FORMAT_MONTH_DAY_YEAR_ABBREVIATED) }).format(when);
  const timeFormat = p.timeFormat ?? 'TIME_FORMAT_DISABLED';
  if (timeFormat === 'TIME_FORMAT_DISABLED' || timeFormat === 'TIME_FORMAT_UNSPECIFIED') return date;
  const time = new Intl.DateTimeFormat(locale, { timeZone, hour: 'numeric', minute: '2-digit', ...(timeFormat === 'TIME_FORMAT_HOUR_MINUTE_TIMEZONE' ? { timeZoneName: 'short' } : {}) }).format(when);
  return `${date} ${time}`;
}

/** insertDate: a date chip; its display text is computed from the timestamp, zone, locale and formats. */
export const insertDate: RequestHandler<Req<'insertDate'>> = (ctx, r) => {
  const props = r.dateElementProperties;
  const timestamp = props.timestamp ?? ctx.ws.now();
  if (Number.isNaN(new Date(timestamp).getTime())) fail(`Invalid timestamp: ${timestamp.slice(0, 100)}`);
  let displayText: string;
  try {
    displayText = dateDisplayText({ ...props, timestamp });
  } catch {
    return fail(`Invalid time zone or locale: ${props.timeZoneId ?? ''} ${props.locale ?? ''}`);
  }
  const { seg, index } = resolveWhere(ctx.doc, r);
  const properties: Record<string, unknown> = {
    timestamp: new Date(timestamp).toISOString().replace('.000Z', 'Z'),
    ...(props.timeZoneId ? { timeZoneId: props.timeZoneId } : {}),
    ...(props.locale ? { locale: props.locale } : {}),
    dateFormat: props.dateFormat ?? 'DATE_FORMAT_MONTH_DAY_YEAR_ABBREVIATED',
    timeFormat: props.timeFormat ?? 'TIME_FORMAT_DISABLED',
    displayText,
  };
  insertElementAt(seg, index, { kind: 'date', dateId: ctx.newKixId(), properties }, 'Dates', ANYWHERE);
  return undefined;
};
