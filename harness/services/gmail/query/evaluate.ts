/** Compiles a parsed Gmail query into a predicate over stored messages. */
import type { MessageRecord } from '../model.ts';
import { mentionsTrashOrSpam, parseQuery, QuerySyntaxError, type QueryNode } from './parse.ts';
import { padded, searchText, words } from './text-index.ts';

/** What a query needs to know about the mailbox: the clock, `me`, label names. */
export interface QueryEnv {
  readonly nowMs: number;
  /** Address `me` stands for. */
  readonly principal: string;
  /** Normalised label name (see normaliseLabelName) → label id, user and system labels. */
  readonly labelIds: ReadonlyMap<string, string>;
}

/** A compiled query. */
export interface CompiledQuery {
  readonly test: (rec: MessageRecord) => boolean;
  /** The parsed query and what it was compiled against, for the indexes to plan over (query/index-plan.ts). */
  readonly ast: QueryNode;
  readonly env: QueryEnv;
  /** True when the query itself asks for trash or spam (in:trash, in:spam, in:anywhere). */
  readonly includesTrashOrSpam: boolean;
  /** Work units one `test` may cost at most (every node evaluated once), for the caller's work budget. */
  readonly cost: number;
}

type Pred = (rec: MessageRecord) => boolean;

/** Gmail lets `label:` use dashes for spaces and slashes: `Projects/Q3 Launch` = `projects-q3-launch`. */
export function normaliseLabelName(name: string): string {
  return name.toLowerCase().replace(/[\s/_-]+/g, '-');
}

const DAY = 86_400_000;

function hasLabel(id: string): Pred {
  return (r) => r.labelIds.includes(id);
}

/**
 * The zone Gmail reads search dates in. Google's "Searching for Messages" guide: "All dates
 * used in the search query are interpreted as midnight on that date in the PST timezone. To
 * specify accurate dates for other timezones pass the value in seconds instead". Pacific
 * time as observed (PDT in summer), like the mailbox owner's clock in the US Pacific zone.
 */
const SEARCH_ZONE = 'America/Los_Angeles';
const zoneParts = new Intl.DateTimeFormat('en-US', {
  timeZone: SEARCH_ZONE, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
});

/** Offset of the search zone from UTC at instant `ms` (local = utc + offset), whole seconds. */
function zoneOffsetMs(ms: number): number {
  const p: Record<string, number> = {};
  for (const part of zoneParts.formatToParts(ms)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour! % 24, p.minute!, p.second!) - Math.floor(ms / 1000) * 1000;
}

/** The instant of midnight starting `y-m-d` in the search zone. */
function zoneMidnight(y: number, m: number, d: number): number {
  const wall = Date.UTC(y, m - 1, d);
  // First guess from the offset near the wall time, then re-read the offset at the guess
  // itself, so a date next to a DST change still lands on local midnight.
  const guess = wall - zoneOffsetMs(wall);
  return wall - zoneOffsetMs(guess);
}

/**
 * Parses a search date: YYYY/MM/DD, YYYY-MM-DD or MM/DD/YYYY (Gmail's help lists
 * `after:2004/04/16` and `after:04/16/2004`) as midnight Pacific time, or epoch seconds
 * as that exact instant.
 */
export function parseDate(v: string): number {
  const hit = parsedDates.get(v);
  if (hit !== undefined) return hit;
  const t = parseDateOnce(v);
  if (parsedDates.size >= PARSED_DATES_KEPT) parsedDates.clear();
  parsedDates.set(v, t);
  return t;
}

/**
 * Dates already parsed: a date's instant depends on its text alone, reading the zone's offset
 * costs microseconds (Intl), and a search reads each date twice (its test and its index plan).
 */
const parsedDates = new Map<string, number>();
const PARSED_DATES_KEPT = 1_024;

function parseDateOnce(v: string): number {
  if (/^\d{9,11}$/.test(v)) return Number(v) * 1000;
  let m = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})$/.exec(v);
  if (m) return zoneMidnight(+m[1]!, +m[2]!, +m[3]!);
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v);
  if (m) return zoneMidnight(+m[3]!, +m[1]!, +m[2]!);
  throw new QuerySyntaxError(`Invalid date "${v}" (use YYYY/MM/DD)`);
}

function parseSize(v: string): number {
  const m = /^(\d+(?:\.\d+)?)([kKmM]?)[bB]?$/.exec(v);
  if (!m) throw new QuerySyntaxError(`Invalid size "${v}" (use e.g. 10M or 500K)`);
  const mult = m[2] === '' ? 1 : m[2]!.toLowerCase() === 'k' ? 1024 : 1024 * 1024;
  return Number(m[1]) * mult;
}

/** Parses an age (`2d`, `3m`, `1y`: days, 30-day months, 365-day years) into milliseconds. */
export function parseAge(v: string): number {
  const m = /^(\d+)([dmy])$/i.exec(v);
  if (!m) throw new QuerySyntaxError(`Invalid age "${v}" (use e.g. 2d, 3m or 1y)`);
  const unit = m[2]!.toLowerCase();
  return Number(m[1]) * (unit === 'd' ? DAY : unit === 'm' ? 30 * DAY : 365 * DAY);
}

/** Free-text match: a single word is a set lookup; anything else a word-aligned phrase match. */
function textPred(value: string, field: 'all' | 'subject'): Pred {
  const ws = words(value);
  if (ws.length === 0) return () => true;
  if (ws.length === 1 && field === 'all') {
    const w = ws[0]!;
    return (r) => searchText(r).words.has(w);
  }
  const phrase = padded(ws);
  return (r) => searchText(r)[field].includes(phrase);
}

/** What an address term looks for: its value lower-cased, `me` standing for the principal. */
export function addressNeedle(value: string, env: QueryEnv): string {
  return value.toLowerCase() === 'me' ? env.principal.toLowerCase() : value.toLowerCase();
}

function addressPred(value: string, env: QueryEnv, pick: (r: MessageRecord) => string): Pred {
  const v = addressNeedle(value, env);
  return (r) => pick(r).includes(v);
}

const IS: Record<string, Pred> = {
  unread: hasLabel('UNREAD'),
  read: (r) => !r.labelIds.includes('UNREAD'),
  starred: hasLabel('STARRED'),
  important: hasLabel('IMPORTANT'),
  sent: hasLabel('SENT'),
  draft: hasLabel('DRAFT'),
  chat: hasLabel('CHAT'),
  snoozed: () => false,
  muted: () => false,
};

const CATEGORY: Record<string, string> = {
  primary: 'CATEGORY_PERSONAL', personal: 'CATEGORY_PERSONAL', social: 'CATEGORY_SOCIAL',
  promotions: 'CATEGORY_PROMOTIONS', updates: 'CATEGORY_UPDATES', forums: 'CATEGORY_FORUMS',
};

/** True for a user label's id (system labels are upper-case names). */
export function isUserLabel(id: string): boolean {
  return id.startsWith('Label_');
}

function termPred(node: Extract<QueryNode, { t: 'term' }>, env: QueryEnv): Pred {
  const v = node.value;
  const lower = v.toLowerCase();
  switch (node.field) {
    case undefined: return textPred(v, 'all');
    case 'subject': return textPred(v, 'subject');
    case 'from': return addressPred(v, env, (r) => searchText(r).from);
    case 'to':
    case 'deliveredto': return addressPred(v, env, (r) => searchText(r).recipients);
    case 'cc': return addressPred(v, env, (r) => searchText(r).cc);
    case 'bcc': return addressPred(v, env, (r) => searchText(r).bcc);
    case 'list': return (r) => r.headers.some((h) => h.name.toLowerCase() === 'list-id' && h.value.toLowerCase().includes(lower));
    case 'label': {
      const id = env.labelIds.get(normaliseLabelName(v));
      return id === undefined ? () => false : hasLabel(id);
    }
    case 'is': {
      const p = IS[lower];
      if (!p) throw new QuerySyntaxError(`Unknown value for is: "${v}"`);
      return p;
    }
    case 'in': {
      if (lower === 'anywhere') return () => true;
      if (lower === 'drafts') return hasLabel('DRAFT');
      if (lower === 'chats') return hasLabel('CHAT');
      const id = env.labelIds.get(normaliseLabelName(v));
      if (id === undefined) throw new QuerySyntaxError(`Unknown value for in: "${v}"`);
      return hasLabel(id);
    }
    case 'has': {
      if (lower === 'attachment') return (r) => r.attachments.length > 0;
      if (lower === 'userlabels') return (r) => r.labelIds.some(isUserLabel);
      if (lower === 'nouserlabels') return (r) => !r.labelIds.some(isUserLabel);
      if (lower === 'pdf') return (r) => r.attachments.some((a) => a.mimeType === 'application/pdf');
      throw new QuerySyntaxError(`Unknown value for has: "${v}"`);
    }
    case 'filename': return (r) => searchText(r).filenames.some((f) => f.includes(lower));
    case 'category': {
      const id = CATEGORY[lower];
      if (!id) throw new QuerySyntaxError(`Unknown category "${v}"`);
      return hasLabel(id);
    }
    // after:/newer: include the instant itself, before:/older: stop short of it, so
    // `after:2014/01/01 before:2014/02/01` is exactly January (Google's own example).
    case 'after':
    case 'newer': { const t = parseDate(v); return (r) => Number(r.internalDate) >= t; }
    case 'before':
    case 'older': { const t = parseDate(v); return (r) => Number(r.internalDate) < t; }
    case 'newer_than': { const t = env.nowMs - parseAge(v); return (r) => Number(r.internalDate) > t; }
    case 'older_than': { const t = env.nowMs - parseAge(v); return (r) => Number(r.internalDate) < t; }
    case 'larger':
    case 'size': { const n = parseSize(v); return (r) => r.sizeEstimate > n; }
    case 'smaller': { const n = parseSize(v); return (r) => r.sizeEstimate < n; }
    case 'rfc822msgid': {
      const id = lower.replace(/^<|>$/g, '');
      return (r) => r.messageId.toLowerCase().replace(/^<|>$/g, '') === id;
    }
    default: return textPred(`${node.field} ${v}`, 'all');
  }
}

const CHEAP = new Set(['is', 'in', 'label', 'has', 'category', 'after', 'before', 'older', 'newer', 'older_than', 'newer_than', 'larger', 'smaller', 'size']);

/** Rough evaluation cost of a node: 0 for record fields, 1 for addresses, 2 for text. */
function cost(node: QueryNode): number {
  switch (node.t) {
    case 'term': return node.field !== undefined && CHEAP.has(node.field) ? 0 : node.field === undefined || node.field === 'subject' ? 2 : 1;
    case 'not': return cost(node.item);
    default: return Math.max(0, ...node.items.map(cost));
  }
}

function compileNode(node: QueryNode, env: QueryEnv): Pred {
  switch (node.t) {
    case 'term': return termPred(node, env);
    case 'not': { const p = compileNode(node.item, env); return (r) => !p(r); }
    case 'and': {
      // Cheap record checks (labels, dates, sizes) first, so text is only read for survivors.
      const ps = [...node.items].sort((a, b) => cost(a) - cost(b)).map((n) => compileNode(n, env));
      if (ps.length === 0) return () => true;
      return (r) => { for (const p of ps) if (!p(r)) return false; return true; };
    }
    case 'or': {
      const ps = node.items.map((n) => compileNode(n, env));
      return (r) => { for (const p of ps) if (p(r)) return true; return false; };
    }
  }
}

/** Work units of evaluating a node on one message: 1 per node, 2 more per text term (they read the message text). */
function evalCost(node: QueryNode): number {
  switch (node.t) {
    case 'term': return 1 + cost(node);
    case 'not': return 1 + evalCost(node.item);
    default: return node.items.reduce((n, i) => n + evalCost(i), 1);
  }
}

/**
 * Parses and compiles a query. Throws QuerySyntaxError for malformed queries and for
 * queries past QUERY_LIMITS (length, terms, nesting), so a compiled query is bounded.
 */
export function compileQuery(q: string, env: QueryEnv): CompiledQuery {
  const ast = parseQuery(q);
  return { test: compileNode(ast, env), ast, env, includesTrashOrSpam: mentionsTrashOrSpam(ast), cost: evalCost(ast) };
}

/** The label a term requires, exactly as termPred tests it; undefined when the term is not a plain label test. */
export function labelOfTerm(node: Extract<QueryNode, { t: 'term' }>, env: QueryEnv): string | undefined {
  const lower = node.value.toLowerCase();
  switch (node.field) {
    case 'label': return env.labelIds.get(normaliseLabelName(node.value));
    case 'is': return ({ unread: 'UNREAD', starred: 'STARRED', important: 'IMPORTANT', sent: 'SENT', draft: 'DRAFT', chat: 'CHAT' } as Record<string, string>)[lower];
    case 'in': return lower === 'anywhere' ? undefined : lower === 'drafts' ? 'DRAFT' : lower === 'chats' ? 'CHAT' : env.labelIds.get(normaliseLabelName(node.value));
    case 'category': return CATEGORY[lower];
    default: return undefined;
  }
}
