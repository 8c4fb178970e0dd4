/**
 * Gmail search dates: after:/before:/newer:/older: read a date as midnight Pacific time and epoch
 * seconds as an exact instant (Google's "Searching for Messages" guide: "All dates used in the
 * search query are interpreted as midnight on that date in the PST timezone. To specify accurate
 * dates for other timezones pass the value in seconds instead"). after: includes the instant,
 * before: stops short of it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileQuery } from '../../../harness/services/gmail/search/evaluate.ts';
import { buildMessage } from '../../../harness/services/gmail/compose.ts';
import { seedMessage } from '../../../harness/services/gmail/seed.ts';
import type { MessageRecord } from '../../../harness/services/gmail/model.ts';
import { createEmptyWorkspace } from '../../../harness/services/workspace.ts';
import { startLiveServer, type LiveServer } from '../../support/live-server.ts';

const ME = 'wei.reyes@corvidlabs.com';
const NOW = Date.parse('2026-03-16T14:00:00Z');
const at = (iso: string) => Date.parse(iso);
const secs = (iso: string) => String(at(iso) / 1000);

/** Instants around 14 March 2026 (PDT, UTC-7) and the DST changes of 2026 (8 March, 1 November). */
const T = {
  lateOn13th: '2026-03-14T03:00:00Z', // 13 Mar 20:00 PDT: already the 14th in UTC
  lastMsOf13th: '2026-03-14T06:59:59.999Z', // 13 Mar 23:59:59.999 PDT
  midnight14th: '2026-03-14T07:00:00Z', // 14 Mar 00:00 PDT exactly
  lateOn14th: '2026-03-15T06:30:00Z', // 14 Mar 23:30 PDT: already the 15th in UTC
  lateOnJan14th: '2026-01-15T07:30:00Z', // 14 Jan 23:30 PST (UTC-8): past midnight for a UTC-7 reading
  springForward: '2026-03-08T08:00:00Z', // 8 Mar 00:00 PST, the night clocks go forward
  fallBack: '2026-11-01T07:00:00Z', // 1 Nov 00:00 PDT, the night clocks go back
  lateOnNov1st: '2026-11-02T07:30:00Z', // 1 Nov 23:30 PST
} as const;
type Key = keyof typeof T;

const env = { nowMs: NOW, principal: ME, labelIds: new Map([['inbox', 'INBOX']]) };

function msg(key: Key): MessageRecord {
  return buildMessage({
    id: key, threadId: key, labelIds: ['INBOX'], internalDate: at(T[key]),
    from: { name: 'Alice', address: 'alice@acme.com' }, to: [{ name: '', address: ME }], subject: key, messageId: `<${key}@acme.com>`, text: 'x',
  });
}

/** The keys of the messages a query matches, in declaration order. */
function hits(q: string, keys: readonly Key[] = Object.keys(T) as Key[]): Key[] {
  const test = compileQuery(q, env).test;
  return keys.filter((k) => test(msg(k)));
}

const MARCH: readonly Key[] = ['lateOn13th', 'lastMsOf13th', 'midnight14th', 'lateOn14th'];

describe('gmail search dates: midnight Pacific time', () => {
  it('a date is the Pacific day, not the UTC day, in every documented form', () => {
    for (const [from, to] of [['2026/03/14', '2026/03/15'], ['2026-03-14', '2026-03-15'], ['03/14/2026', '03/15/2026'], ['2026/3/14', '2026/3/15']]) {
      expect(hits(`after:${from} before:${to}`, MARCH), from).toEqual(['midnight14th', 'lateOn14th']);
      expect(hits(`newer:${from} older:${to}`, MARCH), from).toEqual(['midnight14th', 'lateOn14th']);
    }
    expect(hits('before:2026/03/14', MARCH)).toEqual(['lateOn13th', 'lastMsOf13th']);
  });

  it('after: includes midnight itself, before: excludes it', () => {
    expect(hits('after:2026/03/14', ['lastMsOf13th', 'midnight14th'])).toEqual(['midnight14th']);
    expect(hits('before:2026/03/14', ['lastMsOf13th', 'midnight14th'])).toEqual(['lastMsOf13th']);
  });

  it('follows standard time in winter and the DST change nights', () => {
    expect(hits('after:2026/01/15', ['lateOnJan14th'])).toEqual([]);
    expect(hits('before:2026/01/15', ['lateOnJan14th'])).toEqual(['lateOnJan14th']);
    expect(hits('after:2026/03/08 before:2026/03/09', ['springForward'])).toEqual(['springForward']);
    expect(hits('before:2026/03/08', ['springForward'])).toEqual([]);
    expect(hits('after:2026/11/01 before:2026/11/02', ['fallBack', 'lateOnNov1st'])).toEqual(['fallBack', 'lateOnNov1st']);
    expect(hits('after:2026/11/02', ['lateOnNov1st'])).toEqual([]);
  });

  it('epoch seconds are an exact instant: after: inclusive, before: exclusive', () => {
    const s = secs(T.midnight14th);
    expect(hits(`after:${s}`, MARCH)).toEqual(['midnight14th', 'lateOn14th']);
    expect(hits(`before:${s}`, MARCH)).toEqual(['lateOn13th', 'lastMsOf13th']);
    expect(hits(`newer:${secs(T.lateOn13th)} older:${secs(T.lateOn14th)}`, MARCH)).toEqual(['lateOn13th', 'lastMsOf13th', 'midnight14th']);
  });

  it('older_than:/newer_than: still count back from the clock', () => {
    // NOW is 16 Mar 14:00Z; lateOn14th is 1d 7.5h earlier.
    expect(hits('newer_than:2d', MARCH)).toEqual(['lateOn14th']);
    expect(hits('older_than:2d', MARCH)).toEqual(['lateOn13th', 'lastMsOf13th', 'midnight14th']);
  });
});

describe('gmail search dates over HTTP with the official client', () => {
  let live: LiveServer;
  const ids = new Map<string, Key>();
  beforeAll(async () => {
    const ws = createEmptyWorkspace();
    for (const key of MARCH) {
      const m = seedMessage(ws, { mailbox: ME, at: at(T[key]), from: { name: 'Alice', address: 'alice@acme.com' }, to: [{ name: '', address: ME }], subject: key, text: 'dated' });
      ids.set(m.id, key);
    }
    live = await startLiveServer({ ws, principal: ME });
  });
  afterAll(async () => { await live?.close(); });

  async function list(q: string): Promise<Key[]> {
    const { data } = await live.gmail.users.messages.list({ userId: 'me', q });
    return (data.messages ?? []).map((m) => ids.get(m.id!)!).sort((a, b) => MARCH.indexOf(a) - MARCH.indexOf(b));
  }

  it('messages.list reads after:/before: dates as Pacific midnight and seconds as instants', async () => {
    expect(await list('after:2026/03/14 before:2026/03/15')).toEqual(['midnight14th', 'lateOn14th']);
    expect(await list('after:2026-03-14 before:2026-03-15')).toEqual(['midnight14th', 'lateOn14th']);
    expect(await list(`after:${secs(T.midnight14th)}`)).toEqual(['midnight14th', 'lateOn14th']);
    expect(await list(`before:${secs(T.midnight14th)}`)).toEqual(['lateOn13th', 'lastMsOf13th']);
  });
});
