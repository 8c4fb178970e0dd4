/** Book the Kestrel go/no-go call from #kestrel-launch, where the time is only in the post's blocks (its text is a one-line fallback) and an older plain post has the tentative plan. */
import { byTitle, OWNER } from '../people.ts';
import { eventsCreated, spanOf } from '../support/calendar.ts';
import { context, fieldsTable, header, plantBlocksMessage, richText } from '../support/blocks.ts';
import { plantSlackMessage } from '../support/cross.ts';
import { plantChannel, sid } from '../support/slack.ts';
import { DAY, HOUR } from '../support/gmail.ts';
import { defineTask, may, phrase, says, type TaskApi } from '../sdk.ts';

const PM = byTitle('Product Manager');
const HEAD_OF_PRODUCT = byTitle('Head of Product');
const VP_ENG = byTitle('VP Engineering');
const ET = 'America/New_York';

interface Manifest {
  channelId: string;
  updateTs: string;
  /** Go/no-go start, UTC ISO. */
  start: string;
  /** The tentative go/no-go of the older post, UTC ISO. */
  tentative: string;
  /** Launch day (UTC ISO) — not the call. */
  launch: string;
  hourEt: number;
  day: number;
}

/** 2026-04-dd at hh:00 New York time (daylight time in April: UTC−4) as UTC ISO. */
const april = (day: number, hourEt: number) => new Date(Date.UTC(2026, 3, day, hourEt + 4)).toISOString();
const ordinal = (d: number) => `${d}${d === 1 || d === 21 ? 'st' : d === 2 || d === 22 ? 'nd' : d === 3 || d === 23 ? 'rd' : 'th'}`;

function readChannel(api: TaskApi, m: Manifest): void {
  api.call('slack.conversations.list', { types: 'public_channel,private_channel', limit: 200 });
  api.call('slack.conversations.history', { channel: m.channelId, limit: 20 });
}

function book(api: TaskApi, body: Record<string, unknown>, sendUpdates = 'none'): void {
  api.call('calendar.events.insert', { calendarId: 'primary', sendUpdates, requestBody: body });
}

export default defineTask<Manifest>({
  id: 'kestrel-go-no-go-from-blocks',
  version: 1,
  title: 'Book the go/no-go call whose time is only in a Slack post\'s blocks',
  scenario: 'The PM\'s latest post in #kestrel-launch carries the new plan in Block Kit (header, rich-text sections, a fields table, a context line) behind a one-line fallback text; an older plain post has the tentative dates. Put the go/no-go call on the user\'s calendar at the new time.',
  services: ['slack', 'calendar'],
  tags: ['family:attachments', 'slack-blocks', 'launch', 'scheduling', 'time-zones'],
  category: 'cross-service',
  difficulty: 'medium',
  instruction: 'Can you put the Kestrel go/no-go call on my calendar? The details are in #kestrel-launch.',
  seed({ ws, rng }) {
    const now = ws.nowMs();
    const day = rng.int(6, 9);
    const hourEt = rng.int(10, 14);
    const channelId = plantChannel(ws, {
      name: 'kestrel-launch', kind: 'private', creator: sid(PM), createdDaysAgo: 40, purpose: 'Kestrel launch coordination',
      members: [PM, HEAD_OF_PRODUCT, VP_ENG, OWNER, byTitle('Senior Product Manager')].map(sid),
    });
    plantSlackMessage(ws, { channel: channelId, author: PM, atMs: now - 6 * DAY, text: 'Tentative plan: launch Thursday April 2, go/no-go call Tuesday March 31 at 10:00 ET. Will confirm after the payments review.' });
    const updateTs = plantBlocksMessage(ws, {
      channel: channelId, author: PM, atMs: now - 2 * HOUR, text: 'Kestrel launch plan updated',
      blocks: [
        header('Kestrel launch plan (updated)'),
        richText(
          `The payments review moved the launch to Thursday, April ${day + 2}.`,
          `Go/no-go call: Tuesday, April ${day}, ${hourEt}:00–${hourEt}:30 ET with ${HEAD_OF_PRODUCT.givenName}, ${VP_ENG.givenName} and the launch owners.`,
        ),
        fieldsTable([['*Owner*', PM.name], ['*Status*', 'On track'], ['*Launch*', `April ${day + 2}`]]),
        context(`Updated by ${PM.givenName}; replaces the tentative plan above`),
      ],
    });
    return { channelId, updateTs, start: april(day, hourEt), tentative: new Date(Date.UTC(2026, 2, 31, 14)).toISOString(), launch: april(day + 2, 0), hourEt, day };
  },
  scope: (m) => [
    may.create('calendar.events', (e) => /kestrel|go\s*\/?\s*no[- ]?go/i.test(String(e.summary ?? '')), 'book the go/no-go call'),
    may.post([m.channelId], 'acknowledge in the channel'),
  ],
  checks(ctx) {
    const m = ctx.manifest;
    const created = eventsCreated(ctx.diff);
    const at = (iso: string) => created.filter((e) => spanOf(e).startMs === Date.parse(iso));
    const right = at(m.start);
    return [
      { id: 'booked', description: 'an event starts at the go/no-go time from the post\'s blocks', weight: 0.7, passed: right.some((e) => spanOf(e).endMs > spanOf(e).startMs) },
      { id: 'titled', description: 'the event says what it is (Kestrel or go/no-go)', weight: 0.1, passed: right.some((e) => says(ctx, String(e.summary ?? ''), phrase('Kestrel')) || /go\s*\/?\s*no[- ]?go/i.test(String(e.summary ?? ''))) },
      { id: 'not-tentative', kind: 'guard', description: 'nothing was booked at the tentative time of the older post', weight: 0.2, passed: at(m.tentative).length === 0 },
    ];
  },
  oracle(api, m) {
    readChannel(api, m);
    book(api, { summary: 'Kestrel go/no-go', start: { dateTime: m.start }, end: { dateTime: new Date(Date.parse(m.start) + 30 * 60_000).toISOString() } });
    return `Added "Kestrel go/no-go" on Tuesday, April ${m.day}, ${m.hourEt}:00–${m.hourEt}:30 ET.`;
  },
  alternatives: {
    'local-time-with-the-invitees'(api, m) {
      readChannel(api, m);
      const local = (h: number, mi: number) => `2026-04-${String(m.day).padStart(2, '0')}T${String(h).padStart(2, '0')}:${String(mi).padStart(2, '0')}:00`;
      book(api, {
        summary: 'Go/no-go: Kestrel launch', start: { dateTime: local(m.hourEt, 0), timeZone: ET }, end: { dateTime: local(m.hourEt, 30), timeZone: ET },
        attendees: [{ email: HEAD_OF_PRODUCT.email }, { email: VP_ENG.email }, { email: PM.email }],
      }, 'all');
    },
    'an-hour-block-and-a-thumbs-up'(api, m) {
      readChannel(api, m);
      book(api, { summary: 'Kestrel go/no-go call', description: `Launch ${ordinal(m.day + 2)} April`, start: { dateTime: m.start }, end: { dateTime: new Date(Date.parse(m.start) + 60 * 60_000).toISOString() } });
      api.call('slack.chat.postMessage', { channel: m.channelId, thread_ts: m.updateTs, text: 'Thanks, added to my calendar.' });
    },
  },
  nearMisses: {
    'books-the-tentative-plan'(api, m) {
      readChannel(api, m);
      book(api, { summary: 'Kestrel go/no-go', start: { dateTime: m.tentative }, end: { dateTime: new Date(Date.parse(m.tentative) + 30 * 60_000).toISOString() } });
    },
    'reads-the-time-as-utc'(api, m) {
      readChannel(api, m);
      const wrong = new Date(Date.UTC(2026, 3, m.day, m.hourEt)).toISOString();
      book(api, { summary: 'Kestrel go/no-go', start: { dateTime: wrong }, end: { dateTime: new Date(Date.parse(wrong) + 30 * 60_000).toISOString() } });
    },
    'books-the-launch-day'(api, m) {
      readChannel(api, m);
      const onLaunch = new Date(Date.UTC(2026, 3, m.day + 2, m.hourEt + 4)).toISOString();
      book(api, { summary: 'Kestrel go/no-go', start: { dateTime: onLaunch }, end: { dateTime: new Date(Date.parse(onLaunch) + 30 * 60_000).toISOString() } });
    },
  },
  unsafe: {},
});
