/** Book the Initech QBR, wait for the customer's RSVP, and when she declines move it to the one slot she offers that the CSM can also make. */
import type { StoredEvent } from '../../harness/services/calendar/model.ts';
import { byTitle, OWNER, outsider } from '../people.ts';
import { attendeeEmails, eventIn, isLive, NY, notifiedOf, plantForeignEvent, guest, slot, spanOf, wallTime } from '../support/calendar.ts';
import { eventsWritten, rsvpFrom } from '../support/counterparties.ts';
import { HOUR, plantThread, searchAll, read, send } from '../support/gmail.ts';
import { defineTask, may, reactions, type ScoreContext, type TaskApi } from '../sdk.ts';

const INGRID = outsider('customer', 4);
const GRACE = byTitle('Customer Success Manager');
const ACME = outsider('customer', 1);
const GUESTS = [INGRID.email, GRACE.email, OWNER.email].map((e) => e.toLowerCase());

/** Thursday 19 March 14:00 New York (asked), Friday 20 March 10:00 and 15:00 (Ingrid's offers). */
const ASKED = wallTime(NY, 2026, 3, 19, 14);
const FRI_10 = wallTime(NY, 2026, 3, 20, 10);
const FRI_15 = wallTime(NY, 2026, 3, 20, 15);
const HOUR_MS = 3_600_000;

interface Manifest {
  graceMailId: string;
  /** Grace's Acme call on Friday at 10:00 (why the first offer does not work). */
  acmeCallId: string;
  /** Last quarter's QBR (the decoy event). */
  lastQbrId: string;
}

const startsAt = (ev: StoredEvent, iso: string) => spanOf(ev).startMs === Date.parse(iso);
const hasIngrid = (ev: StoredEvent) => attendeeEmails(ev).includes(INGRID.email.toLowerCase());

/** Live QBR events with Ingrid the trial created (final state). */
function qbrs(ctx: ScoreContext<Manifest>): StoredEvent[] {
  const created = new Set((ctx.diff['calendar.events']?.added ?? []).map((a) => a.id));
  return [...created].map((id) => eventIn(ctx.ws, id)).filter((e): e is StoredEvent => isLive(e) && hasIngrid(e!));
}

/** The first state the agent wrote of an event (what it was when created). */
function writtenFirst(ctx: ScoreContext<Manifest>, id: string): StoredEvent[] {
  for (const a of ctx.actions) for (const c of eventsWritten(a)) if (c.after.id === id && c.before === undefined) return [c.after];
  return [];
}

/** Polls the event until Ingrid has answered (an agent refreshing the event). */
function awaitRsvp(api: TaskApi, eventId: string, tries = 15): { status?: string; comment?: string } {
  for (let i = 0; i < tries; i++) {
    const ev = api.call<{ attendees?: Array<{ email: string; responseStatus?: string; comment?: string }> }>('calendar.events.get', { calendarId: 'primary', eventId });
    const a = ev.attendees?.find((x) => x.email.toLowerCase() === INGRID.email.toLowerCase());
    if (a && a.responseStatus && a.responseStatus !== 'needsAction') return { status: a.responseStatus, ...(a.comment ? { comment: a.comment } : {}) };
  }
  return {};
}

function book(api: TaskApi, at = ASKED): string {
  return api.call<{ id: string }>('calendar.events.insert', {
    calendarId: 'primary', sendUpdates: 'all',
    requestBody: {
      summary: 'Initech Health × Corvid Labs — Q1 business review', description: 'Quarterly business review: usage, roadmap, renewal timeline. Deck from Grace.',
      start: { dateTime: at, timeZone: NY }, end: { dateTime: new Date(Date.parse(at) + HOUR_MS).toISOString(), timeZone: NY },
      attendees: [{ email: INGRID.email }, { email: GRACE.email }],
      conferenceData: { createRequest: { requestId: 'initech-qbr' } },
    },
  }).id;
}

function move(api: TaskApi, eventId: string, to = FRI_15): void {
  api.call('calendar.events.patch', {
    calendarId: 'primary', eventId, sendUpdates: 'all',
    requestBody: { start: { dateTime: to, timeZone: NY }, end: { dateTime: new Date(Date.parse(to) + HOUR_MS).toISOString(), timeZone: NY } },
  });
}

function graceBusy(api: TaskApi): Array<{ start: string; end: string }> {
  const fb = api.call<{ calendars: Record<string, { busy: Array<{ start: string; end: string }> }> }>('calendar.freebusy.query', {
    requestBody: { timeMin: wallTime(NY, 2026, 3, 20, 8), timeMax: wallTime(NY, 2026, 3, 20, 18), timeZone: NY, items: [{ id: GRACE.email }, { id: 'primary' }] },
  });
  return Object.values(fb.calendars).flatMap((c) => c.busy);
}

export default defineTask<Manifest>({
  id: 'initech-qbr-decline-reschedule',
  version: 1,
  title: 'Book the Initech QBR and make sure the customer can come',
  scenario: 'Book Thursday 2pm with Initech\'s CTO and the CSM. Ingrid declines a few seconds later with a note offering Friday 10:00 or 15:00; Grace has an Acme call at 10:00, so the meeting must move to Friday 15:00 with everyone updated, and no stray copy left behind.',
  services: ['calendar', 'gmail'],
  tags: ['family:counterparty', 'rsvp', 'reschedule', 'customer', 'reply'],
  category: 'cross-service',
  difficulty: 'hard',
  instruction: `Please set up the Initech quarterly business review with Ingrid Farouk (their CTO) and Grace: Thursday at 2pm our time, an hour, video call. Ingrid has been hard to pin down, so make sure she can actually make it.`,
  seed({ ws }) {
    const graceMailId = plantThread(ws, 'Initech QBR', [{
      from: GRACE, to: [OWNER], at: ws.nowMs() - 20 * HOUR,
      text: `Hi ${OWNER.givenName},\n\nThe Initech QBR deck is ready (usage is up, renewal is in June). Thursday 2pm works for me; can you send the invite to Ingrid? She only really reads her calendar.\n\n${GRACE.givenName}`,
    }])[0]!;
    const acmeCallId = plantForeignEvent(ws, {
      organizer: GRACE, summary: 'Acme Retail — onboarding check-in', start: slot(NY, 2026, 3, 20, 10), end: slot(NY, 2026, 3, 20, 11),
      attendees: [guest(ACME, 'accepted')], createdHoursAgo: 90,
    });
    const lastQbrId = plantForeignEvent(ws, {
      organizer: OWNER, summary: 'Initech Health × Corvid Labs — Q4 business review', start: slot(NY, 2025, 12, 11, 14), end: slot(NY, 2025, 12, 11, 15),
      attendees: [guest(INGRID, 'accepted'), guest(GRACE, 'accepted')], createdHoursAgo: 24 * 110,
    });
    return { graceMailId, acmeCallId, lastQbrId };
  },
  behaviour: () => ({
    responders: [
      {
        id: 'ingrid-declines',
        when: (action) => eventsWritten(action).some((c) => c.after.status !== 'cancelled' && hasIngrid(c.after) && !(c.before && hasIngrid(c.before)) && !startsAt(c.after, FRI_15)),
        afterSeconds: 10,
        act: rsvpFrom(INGRID, 'declined', 'Sorry, Thursday afternoon is our board meeting. Friday works: 10:00 or 15:00 Eastern, either is fine for me.', (ev) => ({
          subject: `Declined: ${ev.summary ?? 'Invitation'}`,
          text: `${INGRID.name} has declined this invitation.\n\n"Sorry, Thursday afternoon is our board meeting. Friday works: 10:00 or 15:00 Eastern, either is fine for me."`,
        })),
      },
      {
        id: 'ingrid-accepts',
        when: (action) => eventsWritten(action).some((c) => c.after.status !== 'cancelled' && hasIngrid(c.after) && startsAt(c.after, FRI_15)),
        afterSeconds: 6,
        act: rsvpFrom(INGRID, 'accepted'),
      },
    ],
  }),
  scope: () => [
    // Events the trial creates show as creations whatever happened to them in between; nothing already there may change.
    may.change('calendar.events', ['create'], {
      what: 'book, move or replace the QBR with Ingrid and Grace',
      where: (e: StoredEvent) => attendeeEmails(e).includes(INGRID.email.toLowerCase()) && attendeeEmails(e).every((a) => GUESTS.includes(a)),
      outbound: { to: [INGRID.email], channels: ['calendar-event'] },
    }),
    may.send([INGRID.email, GRACE.email, OWNER.email], 'write to Ingrid or Grace about the time'),
    may.draft(),
    may.relabel((msg: { from?: string }) => msg.from === INGRID.email || msg.from === GRACE.email, 'file Grace\'s mail or Ingrid\'s decline notice'),
  ],
  checks(ctx) {
    const live = qbrs(ctx);
    const friday = live.filter((e) => startsAt(e, FRI_15) && spanOf(e).endMs - spanOf(e).startMs === HOUR_MS && attendeeEmails(e).includes(GRACE.email.toLowerCase()));
    // Told of Friday: an update after the move, or the invitation of an event booked straight at Friday.
    const ingrid = INGRID.email.toLowerCase();
    const bookedAtFriday = (id: string) => writtenFirst(ctx, id).some((e) => startsAt(e, FRI_15));
    const notified = friday.some((e) => notifiedOf(ctx.diff, e.id, ['update']).has(ingrid) || (bookedAtFriday(e.id) && notifiedOf(ctx.diff, e.id, ['invite']).has(ingrid)));
    return [
      { id: 'invited-ingrid', description: 'Ingrid got an invitation and answered it', weight: 0.15, passed: reactions(ctx).has('ingrid-declines') },
      { id: 'on-friday-3pm', description: 'the QBR with Ingrid and Grace is on Friday 15:00–16:00 New York time', weight: 0.5, passed: friday.length > 0 },
      { id: 'ingrid-told', description: 'Ingrid was sent the Friday time (an update or a new invitation)', weight: 0.15, passed: notified },
      { id: 'one-qbr', kind: 'guard', description: 'no other live QBR with Ingrid is left (not Thursday, not Friday 10:00)', weight: 0.2, passed: live.length === 1 },
    ];
  },
  oracle(api, m) {
    read(api, m.graceMailId);
    const id = book(api);
    const answer = awaitRsvp(api, id);
    if (answer.status === 'declined') {
      graceBusy(api);
      move(api, id);
      awaitRsvp(api, id);
    }
    return 'Ingrid declined Thursday 2pm (board meeting) and offered Friday 10:00 or 15:00. Grace has an Acme call at 10, so I moved the QBR to Friday 20 March, 15:00–16:00 ET; Ingrid and Grace were sent the update.';
  },
  alternatives: {
    'cancels-and-rebooks-friday'(api) {
      const id = book(api);
      awaitRsvp(api, id);
      searchAll(api, `from:${INGRID.email} declined`);
      graceBusy(api);
      api.call('calendar.events.delete', { calendarId: 'primary', eventId: id, sendUpdates: 'all' });
      book(api, FRI_15);
    },
    'moves-with-a-full-update-and-mails-ingrid'(api) {
      const id = book(api);
      for (let i = 0; i < 15; i++) {
        const hits = searchAll(api, `from:${INGRID.email} newer_than:1d`);
        if (hits.length > 0) {
          read(api, hits[0]!);
          break;
        }
      }
      graceBusy(api);
      const ev = api.call<Record<string, any>>('calendar.events.get', { calendarId: 'primary', eventId: id });
      api.call('calendar.events.update', {
        calendarId: 'primary', eventId: id, sendUpdates: 'all',
        requestBody: { summary: ev['summary'], description: ev['description'], attendees: ev['attendees'], start: { dateTime: FRI_15, timeZone: NY }, end: { dateTime: wallTime(NY, 2026, 3, 20, 16), timeZone: NY } },
      });
      send(api, { to: [INGRID.email], cc: [GRACE.email], subject: 'Initech QBR moved to Friday 3pm ET', body: `Hi ${INGRID.givenName}, thanks for letting us know. Friday 20 March at 15:00 Eastern it is; the invitation is updated.\n\n${OWNER.givenName}` });
    },
  },
  nearMisses: {
    'books-thursday-and-stops'(api) {
      book(api);
    },
    'moves-to-friday-10-over-graces-call'(api) {
      const id = book(api);
      awaitRsvp(api, id);
      move(api, id, FRI_10);
    },
    'adds-a-friday-copy-and-keeps-thursday'(api) {
      const id = book(api);
      awaitRsvp(api, id);
      book(api, FRI_15);
    },
    'moves-without-telling-anyone'(api) {
      const id = book(api);
      awaitRsvp(api, id);
      api.call('calendar.events.patch', {
        calendarId: 'primary', eventId: id, sendUpdates: 'none',
        requestBody: { start: { dateTime: FRI_15, timeZone: NY }, end: { dateTime: wallTime(NY, 2026, 3, 20, 16), timeZone: NY } },
      });
    },
  },
});
