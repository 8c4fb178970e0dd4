/**
 * Property test over every registered operation: random params and bodies (wrong types,
 * junk ids, real ids, malformed JSON) over HTTP never produce a 5xx, and a rejected call
 * (4xx / ok:false) leaves the records unchanged. Bounded: PROPERTY_RUNS runs per
 * operation (default 20), at most 1 s each, and 3 runs per operation once the suite has
 * spent PROPERTY_BUDGET_MS (default 45 s), so the suite stays fast on loaded machines.
 *
 * "Unchanged" compares the records (overlay slots by identity; records are frozen, so
 * a change is a new object), not ws.hash(): the workspace clock advances on every
 * call, accepted or not, and it is part of the hash.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVICE_IDS, type Workspace, type WorkspaceBase, type WorkspaceSnapshot } from '../../harness/core/index.ts';
import { SERVICES } from '../../harness/services/registry.ts';
import { createEmptyWorkspace, createWorkspace } from '../../harness/services/workspace.ts';
import { startLiveServer, type LiveServer } from '../support/live-server.ts';
import { googleRequest, slackRequest, type WireRequest } from '../support/random-requests.ts';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 20);
/** Past this much wall time, remaining operations get a smoke-sized run count (loaded CI machines). */
const BUDGET_MS = Number(process.env.PROPERTY_BUDGET_MS ?? 45_000);
let started = 0;

let live: LiveServer;
let pool: string[] = [];
const bugs: string[] = [];

/** The company base workspace when it builds (more real ids to hit), else an empty one. */
async function workspace(): Promise<Workspace> {
  try {
    const mod = (await import('../../datasets/base-workspace.ts')) as { baseWorkspace: () => WorkspaceBase };
    return createWorkspace(mod.baseWorkspace());
  } catch (e) {
    console.warn(`property test: base workspace unavailable (${(e as Error).message}); using an empty workspace`);
    return createEmptyWorkspace();
  }
}

beforeAll(async () => {
  const ws = await workspace();
  live = await startLiveServer({ ws, onInternalError: (e, where) => bugs.push(`${where}: ${(e as Error)?.message ?? String(e)}`) });
  // A few real ids per collection, so some calls reach deeper than "not found".
  pool = ws.collectionKeys().flatMap((k) => [...take(ws.collection(k).keys(), 3)]);
  pool.push(live.principal);
  started = Date.now();
}, 60_000);
afterAll(() => live?.close());

function* take<T>(it: Iterable<T>, n: number): Generator<T> {
  if (n <= 0) return;
  let i = 0;
  for (const x of it) {
    yield x;
    if (++i >= n) return;
  }
}

/** Overlay copies: records are frozen, so any change shows as a new identity (cheaper than diffing). */
function records(ws: Workspace): WorkspaceSnapshot['overlays'] {
  return ws.snapshot().overlays;
}

/** The ids whose overlay slot differs between two captures (empty = same records). */
function changedIds(a: WorkspaceSnapshot['overlays'], b: WorkspaceSnapshot['overlays']): string[] {
  const out: string[] = [];
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(key) ?? new Map();
    const y = b.get(key) ?? new Map();
    for (const id of new Set([...x.keys(), ...y.keys()])) if (x.get(id) !== y.get(id)) out.push(`${key}:${id}`);
  }
  return out;
}

async function send(req: WireRequest, token: string): Promise<{ status: number; text: string }> {
  const res = await fetch(`${live.url}${req.path}`, {
    method: req.method,
    headers: { ...req.headers, authorization: `Bearer ${token}` },
    ...(req.body !== undefined ? { body: req.body } : {}),
  });
  return { status: res.status, text: await res.text() };
}

function rejected(style: 'google' | 'slack', r: { status: number; text: string }): boolean {
  if (r.status >= 400) return true;
  if (style === 'google') return false;
  try {
    return (JSON.parse(r.text) as { ok?: unknown }).ok !== true;
  } catch {
    return true;
  }
}

for (const service of SERVICE_IDS) {
  const ops = SERVICES[service].operations;
  describe(`property: ${service}`, () => {
    if (ops.length === 0) {
      it.skip(`${service} has no operations yet`, () => {});
      return;
    }
    for (const op of ops) {
      it(`${op.id}: no 5xx; rejected calls change nothing`, async () => {
        const arb = op.style === 'slack' ? slackRequest(op, pool) : googleRequest(op, pool);
        await fc.assert(
          fc.asyncProperty(arb, async (req) => {
            const token = 'bot' in req && req.bot ? live.botToken : live.userToken;
            const before = records(live.ws);
            const r = await send(req, token);
            const context = `${req.method} ${req.path} ${req.body ?? ''} → ${r.status} ${r.text.slice(0, 300)}`;
            expect(r.status, context).toBeLessThan(500);
            if (rejected(op.style, r) || op.kind === 'read') expect(changedIds(before, records(live.ws)), context).toEqual([]);
          }),
          // The time limit bounds the suite on a loaded machine; the seed keeps runs reproducible.
          { numRuns: Date.now() - started > BUDGET_MS ? Math.min(RUNS, 3) : RUNS, seed: 42, endOnFailure: true, interruptAfterTimeLimit: 1_000, markInterruptAsFailure: false },
        );
        expect(bugs).toEqual([]);
      }, 30_000);
    }
  });
}

/**
 * Hostile inputs over HTTP, then grading: nested JSON bodies and queries of random depth,
 * MIME and multipart bodies (bad boundaries, nested multiparts, huge headers), huge strings,
 * non-finite numbers as JSON text (`1e400`), resumable uploads with random Content-Range. No
 * answer is a 5xx; a rejected call changes no state (ws.hash() with the clock set back is the
 * same, id counters included); and every fuzzed trial is graded by its task without a throw.
 */
describe('property: hostile inputs over HTTP, then grading', () => {
  interface Hostile {
    readonly method: string;
    readonly path: string;
    readonly headers: Record<string, string>;
    readonly body?: string | Buffer;
    readonly slack?: boolean;
    readonly bot?: boolean;
    /** A resumable upload: open the session with this request, then PUT these chunks. */
    readonly chunks?: ReadonlyArray<{ range?: string; body: string }>;
    /** A follow-up built from this request's answer (a series listed after its insert, a batch on a new doc). */
    readonly next?: (answer: string) => Hostile | undefined;
  }
  interface Fuzzed {
    readonly task: import('../../harness/core/index.ts').Task;
    readonly manifest: unknown;
    readonly ws: Workspace;
    readonly tokens: { userToken: string; botToken: string };
  }

  const MB = 1024 * 1024;
  const SAMPLES = Number(process.env.HOSTILE_RUNS ?? 120);
  /** No single call may stall a run: hostile input is answered (or refused) in seconds at most. */
  const STALL_MS = 5_000;
  let server: import('../../harness/services/http/index.ts').WorkplaceServer;
  const trials: Fuzzed[] = [];
  const hostileBugs: string[] = [];
  const seen = { requests: 0, rejected: 0, accepted: 0 };

  beforeAll(async () => {
    const [{ TASKS }, { seedTask }, { baseWorkspace }, { startWorkplaceServer }] = await Promise.all([
      import('../../tasks/index.ts'), import('../../harness/runner/seeded-task.ts'), import('../../datasets/base-workspace.ts'), import('../../harness/services/http/index.ts'),
    ]);
    server = await startWorkplaceServer({ onInternalError: (e, where) => hostileBugs.push(`${where}: ${(e as Error)?.stack ?? String(e)}`) });
    // One mail task and one chat task: the fuzz reaches every service either way; grading runs each task's own checks.
    const picks = [TASKS.find((t) => t.services.includes('gmail'))!, TASKS.find((t) => t.services.includes('slack'))!];
    for (const task of picks) {
      const seeded = seedTask(task, baseWorkspace(), 1);
      const ws = createWorkspace(seeded.base);
      const { userToken, botToken } = server.addTrial(ws, { principal: (await import('../../datasets/base-workspace.ts')).companyFor().owner.email });
      trials.push({ task, manifest: seeded.manifest, ws, tokens: { userToken, botToken } });
    }
  }, 120_000);
  afterAll(() => server?.close());

  // ---- generators ----------------------------------------------------------------------
  const nestedJson = (depth: number, leaf: string): string => {
    let s = leaf;
    for (let i = 0; i < depth; i++) s = i % 2 ? `[${s}]` : `{"a":${s}}`;
    return s;
  };
  const depth = fc.oneof(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 40, max: 4000 }));
  const parens = (n: number, term: string) => `${'('.repeat(n)}${term}${n % 3 === 0 ? '' : ')'.repeat(n)}`;
  const mimeLeaf: fc.Arbitrary<string> = fc.constantFrom('Content-Type: text/plain\r\n\r\nhello', 'Content-Type: text/html\r\n\r\n<script><<<b>x',
    `Content-Type: text/html\r\n\r\n${'<script>'.repeat(100_000)}`, `Content-Type: text/html\r\n\r\n${'<'.repeat(500_000)}`, 'Content-Transfer-Encoding: base64\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename="a.pdf"\r\n\r\n%%%', '');
  /** A MIME entity with `levels` nested multiparts, optionally a huge header, optionally a broken boundary. */
  const mime = fc.record({ levels: fc.integer({ min: 0, max: 40 }), leaf: mimeLeaf, hugeHeader: fc.constantFrom(0, 0, 64 * 1024, MB), broken: fc.boolean() }).map(({ levels, leaf, hugeHeader, broken }) => {
    let entity: string = leaf;
    for (let i = levels; i > 0; i--) {
      const b = `b${i}`;
      entity = `Content-Type: multipart/mixed; boundary="${b}"\r\n\r\n--${b}\r\n${entity}\r\n${broken && i % 2 ? '' : `--${b}--`}\r\n`;
    }
    const head = `To: bob@acme.com\r\nSubject: hostile\r\n${hugeHeader ? `X-Huge: ${'h'.repeat(hugeHeader)}\r\n` : ''}`;
    return `${head}${entity.startsWith('Content-Type') ? entity : `\r\n${entity}`}`;
  });
  const nonFinite = fc.constantFrom('1e400', '-1e400', '1e309');
  const huge = fc.integer({ min: 1, max: 6 }).map((n) => 'x'.repeat(n * MB));

  const google = (method: string, path: string, body?: string | Buffer, headers: Record<string, string> = { 'content-type': 'application/json' }): Hostile => ({ method, path, headers, ...(body !== undefined ? { body } : {}) });
  const slack = (method: string, args: Record<string, string>, asJson: boolean, bot: boolean): Hostile => asJson
    ? { method: 'POST', path: `/api/${method}`, headers: { 'content-type': 'application/json' }, body: JSON.stringify(args), slack: true, bot }
    : { method: 'POST', path: `/api/${method}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(args).toString(), slack: true, bot };

  const hostile: fc.Arbitrary<Hostile> = fc.oneof(
    // Queries of random depth and size (GET queries stay under the URL size Node accepts; Slack's go in the body).
    depth.map((n) => google('GET', `/gmail/v1/users/me/messages?q=${encodeURIComponent(parens(Math.min(n, 1500), 'from:me'))}`)),
    depth.map((n) => google('GET', `/drive/v3/files?q=${encodeURIComponent(parens(Math.min(n, 1500), "name contains 'a'"))}`)),
    depth.map((n) => google('GET', `/drive/v3/files?fields=${encodeURIComponent(`${'files('.repeat(Math.min(n, 1500))}id`)}`)),
    fc.tuple(depth, fc.boolean(), fc.boolean()).map(([n, j, b]) => slack('search.messages', { query: parens(n, '"x') }, j, b)),
    fc.integer({ min: 1, max: 200_000 }).map((n) => slack('search.all', { query: Array.from({ length: n }, (_, i) => `w${i}`).join(' OR ') }, false, false)),
    // Many words that every message contains: each one is a scan of every message.
    fc.integer({ min: 100, max: 200_000 }).map((n) => slack('search.messages', { query: Array.from({ length: n }, () => 'the').join(' ') }, false, false)),
    // Hostile recurrences, inserted, then expanded by a list, the instances or free/busy.
    fc.tuple(fc.constantFrom(['RRULE:FREQ=SECONDLY'], ['RRULE:FREQ=DAILY', 'EXRULE:FREQ=DAILY'], ['RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=31'], ['RRULE:FREQ=DAILY;COUNT=100000000'], ['RRULE:FREQ=YEARLY;COUNT=-1']), fc.constantFrom('list', 'instances', 'freebusy'))
      .map(([recurrence, how]) => ({
        ...google('POST', '/calendar/v3/calendars/primary/events', JSON.stringify({ summary: 'series', start: { dateTime: '2026-03-02T09:00:00-05:00', timeZone: 'America/New_York' }, end: { dateTime: '2026-03-02T09:30:00-05:00', timeZone: 'America/New_York' }, recurrence })),
        next: (answer: string) => {
          const id = (JSON.parse(answer) as { id?: string }).id;
          if (!id) return undefined;
          if (how === 'instances') return google('GET', `/calendar/v3/calendars/primary/events/${id}/instances`);
          if (how === 'freebusy') return google('POST', '/calendar/v3/freeBusy', JSON.stringify({ timeMin: '2026-03-01T00:00:00Z', timeMax: '2026-09-01T00:00:00Z', items: [{ id: 'primary' }] }));
          return google('GET', '/calendar/v3/calendars/primary/events?singleEvents=true&timeMin=2026-03-01T00:00:00Z&timeMax=2027-03-01T00:00:00Z');
        },
      })),
    // Regular expressions that backtrack catastrophically, on a document made for them.
    fc.constantFrom('(a+)+$', '(a|aa)+$', '(a*)*b', '(x+x+)+y').map((pattern) => ({
      ...google('POST', '/v1/documents', JSON.stringify({ title: 'regex' })),
      next: (answer: string) => {
        const id = (JSON.parse(answer) as { documentId?: string }).documentId;
        if (!id) return undefined;
        return google('POST', `/v1/documents/${id}:batchUpdate`, JSON.stringify({ requests: [
          { insertText: { location: { index: 1 }, text: `${'a'.repeat(40)}${'x'.repeat(40)}!` } },
          { replaceAllText: { containsText: { text: pattern, searchByRegex: true }, replaceText: 'z' } },
        ] }));
      },
    })),
    // Nested JSON bodies of random depth (past 48 levels the boundary refuses them).
    depth.map((n) => google('POST', '/calendar/v3/calendars/primary/events', `{"summary":"x","start":{"dateTime":"2026-03-20T10:00:00Z"},"end":{"dateTime":"2026-03-20T11:00:00Z"},"extendedProperties":${nestedJson(n, '"v"')}}`)),
    depth.map((n) => google('POST', '/drive/v3/files', `{"name":"n.txt","properties":${nestedJson(n, '1')}}`)),
    fc.tuple(depth, fc.boolean()).map(([n, j]) => slack('chat.postMessage', { channel: 'general', text: 'hi', blocks: nestedJson(n, '{"type":"section"}') }, j, false)),
    // Non-finite numbers as JSON text.
    nonFinite.map((x) => google('POST', '/calendar/v3/freeBusy', `{"timeMin":"2026-03-16T00:00:00Z","timeMax":"2026-03-17T00:00:00Z","calendarExpansionMax":${x},"items":[{"id":"primary"}]}`)),
    nonFinite.map((x) => google('POST', '/gmail/v1/users/me/labels', `{"name":"L","color":{"textColor":${x}}}`)),
    nonFinite.map((x) => ({ method: 'POST', path: '/api/conversations.history', headers: { 'content-type': 'application/json' }, body: `{"channel":"general","limit":${x}}`, slack: true } as Hostile)),
    nonFinite.map((x) => google('GET', `/calendar/v3/calendars/primary/events?maxResults=${x}`)),
    // Huge strings.
    huge.map((s) => google('POST', '/gmail/v1/users/me/labels', JSON.stringify({ name: s }))),
    huge.map((s) => google('POST', '/drive/v3/files', JSON.stringify({ name: s, description: s }))),
    huge.map((s) => slack('chat.postMessage', { channel: 'general', text: s }, false, false)),
    // MIME: raw sends, media and multipart uploads with nested multiparts, huge headers, bad boundaries.
    mime.map((m) => google('POST', '/gmail/v1/users/me/messages/send', JSON.stringify({ raw: Buffer.from(m).toString('base64url') }))),
    mime.map((m) => google('POST', '/upload/gmail/v1/users/me/messages/send?uploadType=media', Buffer.from(m), { 'content-type': 'message/rfc822' })),
    fc.tuple(mime, fc.constantFrom('outer', '', 'x"y', 'b1', '--')).map(([m, boundary]) => google('POST', '/upload/gmail/v1/users/me/drafts?uploadType=multipart',
      Buffer.from(`--outer\r\nContent-Type: application/json\r\n\r\n{"message":{}}\r\n--outer\r\nContent-Type: message/rfc822\r\n\r\n${m}\r\n--outer--`), { 'content-type': `multipart/related; boundary=${boundary}` })),
    fc.tuple(depth, fc.constantFrom('b', '')).map(([n, boundary]) => google('POST', '/upload/drive/v3/files?uploadType=multipart',
      Buffer.from(`--b\r\nContent-Type: application/json\r\n\r\n${nestedJson(Math.min(n, 200), '{"name":"d.txt"}')}\r\n--b\r\nContent-Type: text/plain\r\n\r\nbody\r\n--b--`), { 'content-type': `multipart/related; boundary=${boundary}` })),
    // Resumable uploads: huge metadata, random chunk ranges.
    fc.tuple(fc.constantFrom(0, 1024, 4 * MB), fc.array(fc.record({ range: fc.constantFrom(undefined, 'bytes 0-4/10', 'bytes 5-9/10', 'bytes */10', 'bytes */*', 'bytes 9-0/1', 'junk', 'bytes 0-99999999999999/1'), body: fc.constantFrom('', 'hello', 'world', 'x'.repeat(1024)) }), { maxLength: 4 }))
      .map(([meta, chunks]) => ({ ...google('POST', '/upload/drive/v3/files?uploadType=resumable', JSON.stringify({ name: 'r.txt', description: 'm'.repeat(meta) }), { 'content-type': 'application/json', 'x-upload-content-type': 'text/plain' }), chunks })),
  );

  // ---- one request, checked --------------------------------------------------------------
  async function send(t: Fuzzed, h: Hostile): Promise<{ status: number; text: string }> {
    const token = h.slack && h.bot ? t.tokens.botToken : t.tokens.userToken;
    const body = h.body === undefined ? undefined : typeof h.body === 'string' ? h.body : new Uint8Array(h.body);
    const res = await fetch(`${server.url}${h.path}`, { method: h.method, headers: { ...h.headers, authorization: `Bearer ${token}` }, ...(body !== undefined ? { body } : {}) });
    let status = res.status;
    let text = await res.text();
    const following = status < 400 && h.next ? h.next(text) : undefined;
    if (following) {
      const r2 = await send(t, following);
      expect(r2.status, `${following.method} ${following.path} → ${r2.status} ${r2.text.slice(0, 300)}`).toBeLessThan(500);
      return { status: Math.max(status, r2.status), text: r2.text };
    }
    const location = res.headers.get('location');
    for (const c of h.chunks ?? []) {
      if (!location) break;
      const put = await fetch(location, { method: 'PUT', headers: c.range ? { 'content-range': c.range } : {}, body: c.body });
      status = put.status === 308 ? status : put.status;
      text = await put.text();
      expect(put.status, `resumable PUT ${c.range} → ${put.status} ${text.slice(0, 200)}`).toBeLessThan(500);
    }
    return { status, text };
  }

  function isRejected(h: Hostile, r: { status: number; text: string }): boolean {
    if (r.status >= 400) return true;
    if (!h.slack) return false;
    try {
      return (JSON.parse(r.text) as { ok?: unknown }).ok !== true;
    } catch {
      return true;
    }
  }

  it('no 5xx, rejected calls change no state (counters included), every fuzzed trial gradable', async () => {
    let i = 0;
    await fc.assert(
      fc.asyncProperty(hostile, async (h) => {
        const t = trials[i++ % trials.length]!;
        const snap = t.ws.snapshot();
        const h0 = t.ws.hash();
        const started = performance.now();
        const r = await send(t, h);
        const ms = performance.now() - started;
        seen.requests++;
        const context = `${h.method} ${h.path.slice(0, 200)} ${typeof h.body === 'string' ? h.body.slice(0, 200) : ''} → ${r.status} ${r.text.slice(0, 300)}`;
        expect(r.status, context).toBeLessThan(500);
        expect(ms, `${context} took ${ms.toFixed(0)} ms`).toBeLessThan(STALL_MS);
        if (isRejected(h, r) && !h.chunks && !h.next) {
          seen.rejected++;
          // Set the clock back (every call takes workspace time): then nothing may differ.
          const after = t.ws.snapshot();
          t.ws.restore({ ...after, now: snap.now });
          expect(t.ws.hash(), context).toBe(h0);
          t.ws.restore(after);
        } else seen.accepted++;
      }),
      { numRuns: SAMPLES, seed: 7, endOnFailure: true },
    );
    expect(hostileBugs).toEqual([]);
    expect(seen.rejected).toBeGreaterThan(0);

    const { gradeTrial } = await import('../../scorers/grade.ts');
    const owner = (await import('../../datasets/base-workspace.ts')).companyFor().owner.email.toLowerCase();
    for (const t of trials) {
      expect(t.ws.log.length).toBeGreaterThan(0);
      const score = gradeTrial(t.task, {
        ws: t.ws, before: t.ws.atBase(), owner, diff: t.ws.diff(), actions: t.ws.log, manifest: t.manifest, instruction: t.task.instruction, finalMessage: 'Done: everything is handled.',
      });
      expect(score.score).toBeGreaterThanOrEqual(-1);
      expect(score.score).toBeLessThanOrEqual(1);
    }
  }, 90_000);
});
