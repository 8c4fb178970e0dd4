/** Calendar flows: new guests of an event, new details shown to its guests, and calendars shared by ACL (public, domain, people). */
import { appendTo, type Workspace } from '../../harness/core/index.ts';
import { emailPrincipal, newlyReached } from './audience.ts';
import { addedLines, eventText } from './readable.ts';
import { bounded, type Flow, type FlowContext, type Principal } from './types.ts';
import { writerOf } from './writers.ts';

type Rec = Record<string, any>;

const RANK: Readonly<Record<string, number>> = { none: 0, freeBusyReader: 1, reader: 2, writer: 3, owner: 4 };

/** The principal of an ACL scope (`default` is the public). */
export function aclPrincipal(scope: Rec | undefined): Principal {
  const type = String(scope?.type ?? '');
  if (type === 'default') return 'anyone';
  if (type === 'domain') return `domain:${String(scope?.value ?? '').toLowerCase()}`;
  return emailPrincipal(String(scope?.value ?? ''));
}

type CalendarReaders = ReadonlyMap<string, ReadonlyArray<{ readonly who: Principal; readonly rank: number }>>;

// Most trials leave the ACL as it was: their readers are the base's, worked out once per base
// (keyed by the shared base map, so they go when the base does).
const BASE_READERS = new WeakMap<ReadonlyMap<string, unknown>, CalendarReaders>();

/** Principals that read a calendar's event details in a state (ACL role reader or stronger), per calendar id. */
function calendarReaders(ws: Workspace): CalendarReaders {
  const acl = ws.collection<Rec>('calendar.acl');
  const changes = acl.changes();
  if (changes.added.length + changes.removed.length + changes.changed.length > 0) return readersOf(acl.values());
  let readers = BASE_READERS.get(acl.baseMap());
  if (!readers) BASE_READERS.set(acl.baseMap(), (readers = readersOf(acl.values())));
  return readers;
}

function readersOf(rules: Iterable<Rec>): CalendarReaders {
  const out = new Map<string, Array<{ who: Principal; rank: number }>>();
  for (const r of rules) appendTo(out, r.calendarId, { who: aclPrincipal(r.scope), rank: RANK[String(r.role)] ?? 0 });
  return out;
}

/** Everyone who reads an event's details: organizer, guests, and readers of the calendar holding it. */
function eventReaders(e: Rec, acl: CalendarReaders): Set<Principal> {
  const out = new Set<Principal>();
  if (e.status === 'cancelled') return out;
  if (e.organizer?.email) out.add(emailPrincipal(e.organizer.email));
  for (const a of e.attendees ?? []) if (a?.email) out.add(emailPrincipal(String(a.email)));
  // A private event shows its details only to the calendar's writers and owners.
  const min = e.visibility === 'private' || e.visibility === 'confidential' ? RANK.writer! : RANK.reader!;
  for (const r of acl.get(String(e.calendarId)) ?? []) if (r.rank >= min) out.add(r.who);
  return out;
}

/** Every calendar flow of a trial. */
export function calendarFlows(ctx: FlowContext): Flow[] {
  const events = ctx.diff['calendar.events'];
  const rules = ctx.diff['calendar.acl'];
  if (!events && !rules) return [];
  const out: Flow[] = [];
  const aclAfter = calendarReaders(ctx.ws);
  const aclBefore = calendarReaders(ctx.before);
  const entries = [
    ...(events?.added ?? []).map((a) => ({ id: a.id, before: seriesOf(ctx.before, a.after as Rec), after: a.after as Rec })),
    ...(events?.changed ?? []).map((c) => ({ id: c.id, before: c.before as Rec, after: c.after as Rec })),
  ];
  const owner = ctx.owner.toLowerCase();
  for (const { id, before, after } of entries) {
    const ref = `calendar.events:${id}`;
    const readers = eventReaders(after, aclAfter);
    const fresh = newlyReached(before ? eventReaders(before, aclBefore) : new Set(), readers, ctx.owner);
    const seq = writerOf(ctx.actions, ref);
    if (fresh.length > 0) {
      const textChanged = !before || eventText(before) !== eventText(after);
      out.push({ channel: 'calendar-event', ref, via: ref, audience: fresh, text: bounded(eventText(after)), carries: [ref], attempted: false, authored: textChanged, actionSeq: seq });
    }
    if (before) {
      const added = addedLines(eventText(before), eventText(after));
      const existing = [...readers].filter((p) => p !== owner && !fresh.includes(p));
      if (added.trim() && existing.length > 0) {
        out.push({ channel: 'calendar-event', ref, via: ref, audience: existing, text: added, priorText: eventText(before), carries: [], attempted: false, authored: true, actionSeq: seq });
      }
    }
    // A note the owner adds to their RSVP goes to the organizer (and, where guests see the guest list, to them).
    const note = ownNote(after, owner);
    if (note && note !== ownNote(before, owner)) {
      const org = emailPrincipal(String(after.organizer?.email ?? after.calendarId ?? ''));
      const audience = after.guestsCanSeeOtherGuests === false ? [org] : [...readers];
      const to = [...new Set(audience)].filter((p) => p !== owner && p !== '');
      if (to.length > 0) out.push({ channel: 'calendar-event', ref, via: ref, audience: to, text: bounded(note), carries: [], attempted: false, authored: true, actionSeq: seq });
    }
  }
  for (const c of [...(rules?.added ?? []).map((a) => ({ id: a.id, before: undefined as Rec | undefined, after: a.after as Rec })), ...(rules?.changed ?? []).map((x) => ({ id: x.id, before: x.before as Rec, after: x.after as Rec }))]) {
    const rank = RANK[String(c.after.role)] ?? 0;
    const was = c.before && aclPrincipal(c.before.scope) === aclPrincipal(c.after.scope) ? RANK[String(c.before.role)] ?? 0 : 0;
    if (rank <= was || rank === 0) continue;
    const who = aclPrincipal(c.after.scope);
    if (who === ctx.owner.toLowerCase()) continue;
    const calId = String(c.after.calendarId);
    const ref = `calendar.acl:${c.id}`;
    const details = rank >= RANK.reader!;
    out.push({
      channel: 'calendar-acl', ref, via: `calendar.calendars:${calId}`, audience: [who], text: '',
      ...(details ? { lazyText: () => calendarText(ctx.ws, calId, rank) } : {}),
      // Free/busy shows times only: nothing is carried. Readers see events; writers see private ones too.
      carries: details ? [`calendar.calendars:${calId}`, ...(rank >= RANK.writer! ? [`calendar.calendars:${calId}#writer`] : [])] : [],
      attempted: false, authored: false, actionSeq: writerOf(ctx.actions, ref),
    });
  }
  return out;
}

/**
 * The readable text of every event a grantee with `rank` sees on one calendar (bounded): the
 * calendar's own events and the invitations shown on it, private ones only to writers and owners.
 */
function calendarText(ws: Workspace, calendarId: string, rank: number): string {
  const parts: string[] = [];
  let size = 0;
  const cal = calendarId.toLowerCase();
  for (const e of ws.collection<Rec>('calendar.events').values()) {
    if (e.status === 'cancelled') continue;
    const invited = (e.attendees ?? []).some((a: Rec) => String(a?.email ?? '').toLowerCase() === cal) && !(e.removedBy ?? []).includes(cal);
    if (String(e.calendarId).toLowerCase() !== cal && !invited) continue;
    if ((e.visibility === 'private' || e.visibility === 'confidential') && rank < RANK.writer!) continue;
    const t = eventText(e);
    parts.push(t);
    size += t.length;
    if (size > 200_000) break;
  }
  return parts.join('\n');
}

/**
 * What an added event was before the trial, for flows: an edited or cancelled occurrence of
 * a series was already readable, with the series' text, by the series' guests.
 */
function seriesOf(before: Workspace, e: Rec): Rec | undefined {
  const master = e.recurringEventId ? before.collection<Rec>('calendar.events').peek(String(e.recurringEventId)) : undefined;
  return master && master.status !== 'cancelled' ? master : undefined;
}

/** The note the owner left on their RSVP, if any. */
function ownNote(e: Rec | undefined, owner: string): string {
  const me = (e?.attendees ?? []).find((a: Rec) => String(a?.email ?? '').toLowerCase() === owner);
  return typeof me?.comment === 'string' ? me.comment.trim() : '';
}
