/**
 * Which watch channels a call concerns, and with what state: the Calendar side of push
 * notifications (the Google wire kit's push.ts delivers them). Pure over the call's logged
 * changes, so deterministic: a new channel gets its `sync` message; a change to a watched
 * resource gets `exists` on every live channel that watches it — an events channel of a
 * calendar for changes to events on that calendar (its own and the invitations its owner
 * holds), an ACL channel for rules of its calendar, the calendarList and settings channels
 * for the caller's own entries and settings.
 * (developers.google.com/workspace/calendar/api/guides/push: "sync" right after the watch,
 * "exists" when the resource changed.)
 */
import type { RecordChange, Workspace } from '../../core/index.ts';
import { COL, type StoredChannel, type StoredEvent } from './model.ts';

/** One notification to send. */
export interface PushMessage {
  readonly channel: StoredChannel;
  readonly state: 'sync' | 'exists';
}

/** What a channel watches, read from its resource URI. */
type Watched = { kind: 'events' | 'acl'; calendar: string } | { kind: 'calendarList' | 'settings' };

function watched(ch: StoredChannel): Watched | undefined {
  const m = /\/calendar\/v3\/calendars\/([^/?]+)\/(events|acl)(?:\?|$)/.exec(ch.resourceUri);
  if (m) return { kind: m[2] as 'events' | 'acl', calendar: decodeURIComponent(m[1]!).toLowerCase() };
  if (/\/users\/me\/calendarList(?:\?|$)/.test(ch.resourceUri)) return { kind: 'calendarList' };
  if (/\/users\/me\/settings(?:\?|$)/.test(ch.resourceUri)) return { kind: 'settings' };
  return undefined;
}

function onCalendar(ev: unknown, cal: string): boolean {
  const e = ev as Partial<StoredEvent> | undefined;
  if (!e) return false;
  if (e.calendarId?.toLowerCase() === cal) return true;
  return (e.attendees ?? []).some((a) => a.email?.toLowerCase() === cal);
}

function touches(w: Watched, change: RecordChange, principal: string): boolean {
  const [collection] = change.ref.split(':', 1);
  const recs = [change.before, change.after] as Array<Record<string, unknown> | undefined>;
  switch (w.kind) {
    case 'events': return collection === COL.events && recs.some((r) => onCalendar(r, w.calendar));
    case 'acl': return collection === COL.acl && recs.some((r) => String(r?.calendarId ?? '').toLowerCase() === w.calendar);
    case 'calendarList': return collection === COL.calendarList && recs.some((r) => String(r?.user ?? '').toLowerCase() === principal);
    case 'settings': return collection === COL.settings && recs.some((r) => String(r?.user ?? '').toLowerCase() === principal);
  }
}

/** The notifications a successful call's changes cause, in channel order. */
export function pushMessages(ws: Workspace, changes: readonly RecordChange[], principal: string): PushMessage[] {
  const me = principal.toLowerCase();
  const out: PushMessage[] = [];
  const opened = new Set<string>();
  for (const c of changes) {
    if (!c.ref.startsWith(`${COL.channels}:`)) continue;
    const after = c.after as StoredChannel | undefined;
    if (after && !after.stopped && !(c.before as StoredChannel | undefined)) {
      opened.add(after.id);
      out.push({ channel: after, state: 'sync' });
    }
  }
  const relevant = changes.filter((c) => !c.ref.startsWith(`${COL.channels}:`));
  if (relevant.length === 0) return out;
  const now = ws.nowMs();
  for (const ch of ws.collection<StoredChannel>(COL.channels).values()) {
    if (ch.stopped || opened.has(ch.id) || (ch.expiration !== undefined && Number(ch.expiration) < now)) continue;
    const w = watched(ch);
    if (w && relevant.some((c) => touches(w, c, me))) out.push({ channel: ch, state: 'exists' });
  }
  return out;
}
