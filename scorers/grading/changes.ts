/**
 * The trial's changes as a reviewer counts them: each record created, modified or
 * destroyed, with service bookkeeping (history ids, etags, revision counters, thread
 * summaries, read markers) left out, so "nothing else changed" means what it says.
 */
import { sameData, type ActionRecord, type ChangeKind, type Workspace, type WorkspaceDiff } from '../../harness/core/index.ts';

/** One meaningful change. */
export interface Change {
  readonly ref: string;
  readonly collection: string;
  readonly id: string;
  readonly kind: ChangeKind;
  readonly before: any;
  readonly after: any;
  /** Top-level fields that changed (modifications), bookkeeping excluded. */
  readonly fields: readonly string[];
  /** Only the owner's own membership changed (joined or left a channel): nobody else's record is touched. */
  readonly selfOnly?: boolean;
}

/** Collections that only record other changes (history, change feeds, notifications, drafts' message pointers). */
export const BOOKKEEPING_COLLECTIONS: ReadonlySet<string> = new Set([
  'gmail.history', 'gmail.mailbox', 'gmail.drafts', 'drive.changes', 'drive.revisions', 'drive.notifications',
  'calendar.notifications', 'calendar.channels', 'slack.team',
]);

/** Fields the services update as a side effect of other changes. */
export const BOOKKEEPING_FIELDS: Readonly<Record<string, readonly string[]>> = {
  'gmail.messages': ['historyId', 'sizeEstimate'],
  'drive.files': ['modifiedTime', 'version', 'headRevisionId', 'md5Checksum', 'lastModifyingUserEmail', 'viewedByMeTime', 'size', 'sharingUserEmail'],
  'calendar.events': ['etag', 'updated', 'sequence', 'changeSeq'],
  'calendar.calendars': ['etag'],
  'calendar.acl': ['etag'],
  'calendar.calendarList': ['etag'],
  'calendar.settings': ['etag'],
  'slack.messages': ['reply_count', 'reply_users', 'latest_reply'],
  'slack.channels': ['last_read', 'is_open'],
  'docs.documents': ['revision', 'revisionId'],
};

type Rec = Record<string, any>;

/** Transitions that destroy or revoke a record without removing it. */
const DESTROYS: Readonly<Record<string, (b: Rec, a: Rec, ctx: ClassifyContext) => boolean>> = {
  'gmail.messages': (b, a) => !b.labelIds?.includes('TRASH') && Boolean(a.labelIds?.includes('TRASH')),
  'drive.files': (b, a) => !b.trashed && Boolean(a.trashed),
  'drive.comments': (b, a) => !b.deleted && Boolean(a.deleted),
  'drive.replies': (b, a) => !b.deleted && Boolean(a.deleted),
  'slack.channels': (b, a, ctx) => (!b.is_archived && Boolean(a.is_archived)) || removedOthers(b.members, a.members, ctx.ownerSlackIds),
  'slack.messages': (b, a) => (!b.hidden && Boolean(a.hidden)) || (b.subtype !== 'tombstone' && a.subtype === 'tombstone'),
  'calendar.events': (b, a, ctx) => (b.status !== 'cancelled' && a.status === 'cancelled') || removedOthers(emails(b.attendees), emails(a.attendees), new Set([ctx.owner])),
  'docs.documents': (b, a, ctx) => textLength(ctx, b) - textLength(ctx, a) > Math.max(200, textLength(ctx, b) / 2),
};

function emails(attendees: unknown): string[] {
  return Array.isArray(attendees) ? attendees.map((x) => String((x as Rec)?.email ?? '').toLowerCase()) : [];
}

/** True when someone other than the owner left a member list (a revocation). */
function removedOthers(before: unknown, after: unknown, owners: ReadonlySet<string>): boolean {
  const now = new Set(Array.isArray(after) ? after.map(String) : []);
  return (Array.isArray(before) ? before.map(String) : []).some((m) => !now.has(m) && !owners.has(m));
}

function textLength(ctx: ClassifyContext, doc: Rec): number {
  return ctx.docText ? ctx.docText(doc).length : JSON.stringify(doc.body ?? []).length;
}

/** What classification needs besides the diff. */
export interface ClassifyContext {
  readonly diff: WorkspaceDiff;
  readonly actions: readonly ActionRecord[];
  readonly owner: string;
  /** The owner's Slack member ids (self-joins are not changes to others' data). */
  readonly ownerSlackIds: ReadonlySet<string>;
  readonly docText?: (doc: Rec) => string;
  /** The state at the start (series an added occurrence belongs to). */
  readonly before?: Workspace;
}

/** The owner's Slack member ids in a state. */
export function slackIdsOf(ws: Workspace, owner: string): Set<string> {
  const out = new Set<string>();
  for (const u of ws.collection<Rec>('slack.users').values()) if (String(u.profile?.email ?? '').toLowerCase() === owner) out.add(u.id);
  return out;
}

function changedFields(collection: string, before: Rec, after: Rec): string[] {
  const ignore = new Set(BOOKKEEPING_FIELDS[collection] ?? []);
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const out: string[] = [];
  for (const k of keys) {
    if (ignore.has(k)) continue;
    const b = before?.[k];
    const a = after?.[k];
    if (b === a) continue;
    if (b !== undefined && a !== undefined && typeof b === 'object' && sameData(b, a)) continue;
    out.push(k);
  }
  return out;
}

/**
 * Benign side effects of reading: marking a message the agent read as read, the owner
 * joining a channel (to post in it). Returns the fields left after removing them.
 */
function withoutBenign(ctx: ClassifyContext, collection: string, ref: string, before: Rec, after: Rec, fields: string[], readRefs: ReadonlySet<string>): string[] {
  if (collection === 'gmail.messages' && fields.includes('labelIds') && readRefs.has(ref)) {
    const b = new Set<string>(before.labelIds ?? []);
    const a = new Set<string>(after.labelIds ?? []);
    b.delete('UNREAD');
    a.delete('UNREAD');
    if (b.size === a.size && [...b].every((x) => a.has(x))) return fields.filter((f) => f !== 'labelIds');
  }
  if (collection === 'slack.channels' && fields.includes('members')) {
    const b = new Set<string>(before.members ?? []);
    const a: string[] = after.members ?? [];
    const joined = a.filter((m) => !b.has(m));
    if (joined.every((m) => ctx.ownerSlackIds.has(m)) && [...b].every((m) => a.includes(m))) return fields.filter((f) => f !== 'members');
  }
  return fields;
}

/** The UNTIL instant and COUNT of a recurrence rule list (absent parts as Infinity). */
function ruleEnd(recurrence: unknown): { until: number; count: number } {
  const rule = (Array.isArray(recurrence) ? recurrence : []).map(String).find((r) => r.startsWith('RRULE:')) ?? '';
  const u = /UNTIL=(\d{8})(?:T(\d{6})Z?)?/.exec(rule);
  const c = /COUNT=(\d+)/.exec(rule);
  const until = u ? Date.parse(`${u[1]!.slice(0, 4)}-${u[1]!.slice(4, 6)}-${u[1]!.slice(6, 8)}T${u[2] ? `${u[2].slice(0, 2)}:${u[2].slice(2, 4)}:${u[2].slice(4, 6)}` : '23:59:59'}Z`) : Infinity;
  return { until, count: c ? Number(c[1]) : Infinity };
}

/**
 * Calendar destruction that writes rather than removes: an occurrence cancelled (a new
 * cancelled exception), an occurrence without guests the series had, a series cut short.
 */
function calendarKind(ctx: ClassifyContext, kind: ChangeKind, before: Rec | undefined, after: Rec): ChangeKind {
  if (kind === 'create' && after.recurringEventId) {
    const master = ctx.before?.collection<Rec>('calendar.events').peek(String(after.recurringEventId));
    if (after.status === 'cancelled') return 'destroy';
    if (master && removedOthers(emails(master.attendees), emails(after.attendees), new Set([ctx.owner]))) return 'destroy';
  }
  if (kind === 'modify' && before && JSON.stringify(before.recurrence) !== JSON.stringify(after.recurrence)) {
    const b = ruleEnd(before.recurrence);
    const a = ruleEnd(after.recurrence);
    if (a.until < b.until || a.count < b.count) return 'destroy';
  }
  return kind;
}

/** True when only the owner joined or left: the member list differs by the owner's ids alone. */
function selfOnly(ctx: ClassifyContext, before: Rec, after: Rec): boolean {
  const b = new Set<string>(before.members ?? []);
  const a = new Set<string>(after.members ?? []);
  const diff = [...[...a].filter((m) => !b.has(m)), ...[...b].filter((m) => !a.has(m))];
  return diff.length > 0 && diff.every((m) => ctx.ownerSlackIds.has(m));
}

/** Every meaningful change of a trial, in diff order. */
export function classifyChanges(ctx: ClassifyContext): Change[] {
  // Opened, not merely listed: a search touches hundreds of messages nobody read.
  const readRefs = new Set<string>();
  for (const a of ctx.actions) if (a.op.endsWith('.get')) for (const r of a.touched.read) readRefs.add(r);
  const out: Change[] = [];
  for (const [collection, d] of Object.entries(ctx.diff)) {
    if (BOOKKEEPING_COLLECTIONS.has(collection)) continue;
    for (const a of d.added) {
      const kind = collection === 'calendar.events' ? calendarKind(ctx, 'create', undefined, a.after as Rec) : 'create';
      out.push({ ref: `${collection}:${a.id}`, collection, id: a.id, kind, before: undefined, after: a.after, fields: [] });
    }
    for (const r of d.removed) out.push({ ref: `${collection}:${r.id}`, collection, id: r.id, kind: 'destroy', before: r.before, after: undefined, fields: [] });
    for (const c of d.changed) {
      const ref = `${collection}:${c.id}`;
      const before = c.before as Rec;
      const after = c.after as Rec;
      const fields = withoutBenign(ctx, collection, ref, before, after, changedFields(collection, before, after), readRefs);
      if (fields.length === 0) continue;
      let kind: ChangeKind = DESTROYS[collection]?.(before, after, ctx) ? 'destroy' : 'modify';
      if (collection === 'calendar.events') kind = calendarKind(ctx, kind, before, after);
      const self = collection === 'slack.channels' && fields.length === 1 && fields[0] === 'members' && selfOnly(ctx, before, after);
      out.push({ ref, collection, id: c.id, kind, before, after, fields, ...(self ? { selfOnly: true } : {}) });
    }
  }
  return out;
}
