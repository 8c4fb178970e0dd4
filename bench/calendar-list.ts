/**
 * Benchmark: Calendar `events.list` on calendars with recurring series, at `--scale` 1, 10 and
 * 100 (the base's meetings and N−1 older copies of them), through `Workspace.invoke` with the
 * time index, against the same answers computed by reading every event of the calendar (the
 * scan, `listEvents` with source `scan`) in the same run. Each line gives the median wall time
 * per call and the CPU time per call (user + system over the timed calls, which contention on a
 * busy machine distorts far less), on an untouched trial and on one after ten writes (a new
 * meeting and a new weekly series in the week, a meeting moved into it, one deleted, instances
 * of a weekday series moved and cancelled, a weekly 1:1 moved, the CEO's invitation, an all-day
 * event). Every call's
 * indexed answer is checked equal to the scan's before timing.
 *
 * The base is `baseWorkspace(1, N)`, the workspace `--scale N` runs on (about 20 s to build at 100×).
 *
 * Run: npx tsx bench/calendar-list.ts [scales=1,10,100] [calls=300]
 */
import { isDeepStrictEqual } from 'node:util';
import { cpus, loadavg } from 'node:os';
import type { OperationContext, Workspace } from '../harness/core/index.ts';
import { createWorkspace } from '../harness/services/workspace.ts';
import { auth, CEO, MONTH, OWNER, SHARED, WEEK, opts } from '../test/support/calendar-fixture.ts';
import { checkScale } from '../datasets/scale/add-copies.ts';
import { baseWorkspace } from '../datasets/base-workspace.ts';
import { accessRole } from '../harness/services/calendar/access.ts';
import { listEvents, type EventSource, type ListParams } from '../harness/services/calendar/list-events.ts';
import type { StoredCalendar, StoredEvent } from '../harness/services/calendar/model.ts';
import { median } from './stats.ts';

const args = process.argv.slice(2);
const SCALES = (args[0] ?? '1,10,100').split(',').map((s) => checkScale(Number(s)));
const RUNS = Number(args[1] ?? 300);
if (!(Number.isInteger(RUNS) && RUNS >= 10 && RUNS <= 100_000)) throw new Error('usage: calendar-list.ts [scales=1,10,100] [calls 10..100000]');
const TARGET_MS = 1;


/** What an agent lists (the first is the realistic trial's call, bench/support/realistic-trial.ts). */
const CALLS: Array<{ name: string; params: Partial<ListParams> & { calendarId: string } }> = [
  { name: 'realistic trial: primary, week, singleEvents, orderBy startTime', params: { calendarId: 'primary', ...WEEK, singleEvents: true, orderBy: 'startTime' } },
  { name: 'primary, month, singleEvents, orderBy startTime', params: { calendarId: 'primary', ...MONTH, singleEvents: true, orderBy: 'startTime' } },
  { name: 'primary, month, singleEvents=false', params: { calendarId: 'primary', ...MONTH } },
  { name: 'engineering (daily and fortnightly series), week, singleEvents', params: { calendarId: SHARED.engineering, ...WEEK, singleEvents: true, orderBy: 'startTime' } },
  { name: 'engineering, month, singleEvents', params: { calendarId: SHARED.engineering, ...MONTH, singleEvents: true } },
  { name: 'executive (weekday series), month, singleEvents', params: { calendarId: SHARED.executive, ...MONTH, singleEvents: true, orderBy: 'startTime' } },
  { name: "CEO's calendar, month, singleEvents", params: { calendarId: CEO, ...MONTH, singleEvents: true, orderBy: 'startTime' } },
  { name: 'primary, upcoming (timeMin only), singleEvents, orderBy startTime, 50', params: { calendarId: 'primary', timeMin: '2026-03-16T14:00:00Z', singleEvents: true, orderBy: 'startTime', maxResults: 50 } },
  { name: 'primary, no window or order, first page of 250', params: { calendarId: 'primary' } },
  { name: "primary, q 'brightline', no window (tested until the page is full)", params: { calendarId: 'primary', q: 'brightline' } },
];

/** Ten writes an agent could make around the listed week. */
function tenWrites(ws: Workspace): void {
  const call = (op: string, a: Record<string, unknown>) => {
    const r = ws.invoke(op, a, opts);
    if (!r.ok) throw new Error(`${op}: ${r.error.message}`);
    return r.value as { id: string; items?: Array<{ id: string }> };
  };
  const events = [...ws.collection<StoredEvent>('calendar.events').values()];
  const mine = events.filter((e) => e.calendarId === OWNER && !e.recurrence && !e.recurringEventId && e.status !== 'cancelled' && e.start.dateTime?.startsWith('2026-03-1'));
  const instancesOf = (calendarId: string, summaryPart: string) => {
    const master = events.find((e) => e.calendarId === calendarId && e.recurrence && e.summary?.includes(summaryPart)) ?? events.find((e) => e.calendarId === calendarId && e.recurrence)!;
    return call('calendar.events.instances', { calendarId, eventId: master.id, ...WEEK }).items!;
  };
  call('calendar.events.insert', { calendarId: 'primary', requestBody: { summary: 'Prep: Brightline call', start: { dateTime: '2026-03-18T09:00:00-04:00' }, end: { dateTime: '2026-03-18T09:30:00-04:00' } } });
  call('calendar.events.insert', { calendarId: 'primary', requestBody: { summary: 'Pipeline review', recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=TU,TH'], start: { dateTime: '2026-03-03T16:00:00', timeZone: 'America/New_York' }, end: { dateTime: '2026-03-03T16:30:00', timeZone: 'America/New_York' } } });
  call('calendar.events.patch', { calendarId: 'primary', eventId: mine[0]!.id, requestBody: { start: { dateTime: '2026-03-19T15:00:00-04:00' }, end: { dateTime: '2026-03-19T15:30:00-04:00' } } });
  call('calendar.events.delete', { calendarId: 'primary', eventId: mine[1]!.id });
  const weekdays = instancesOf(SHARED.executive, 'standup');
  call('calendar.events.patch', { calendarId: SHARED.executive, eventId: weekdays[1]!.id, requestBody: { summary: 'Exec standup (moved)', start: { dateTime: '2026-03-17T11:00:00-04:00' }, end: { dateTime: '2026-03-17T11:15:00-04:00' } } });
  call('calendar.events.delete', { calendarId: SHARED.executive, eventId: weekdays[3]!.id });
  const oneOnOne = instancesOf(OWNER, '1:1');
  call('calendar.events.patch', { calendarId: 'primary', eventId: oneOnOne[0]!.id, requestBody: { start: { dateTime: '2026-03-20T16:00:00-04:00' }, end: { dateTime: '2026-03-20T16:30:00-04:00' } } });
  call('calendar.events.insert', { calendarId: CEO, requestBody: { summary: 'Board prep', start: { dateTime: '2026-03-20T13:00:00-04:00' }, end: { dateTime: '2026-03-20T14:00:00-04:00' }, attendees: [{ email: OWNER }] } });
  call('calendar.events.insert', { calendarId: 'primary', requestBody: { summary: 'Offsite', start: { date: '2026-03-19' }, end: { date: '2026-03-21' } } });
  call('calendar.events.patch', { calendarId: 'primary', eventId: mine[2]!.id, requestBody: { summary: 'Renamed' } });
}

function cpuMs(start: NodeJS.CpuUsage): number {
  const c = process.cpuUsage(start);
  return (c.user + c.system) / 1000;
}

/** Median wall ms and CPU ms per call of `fn`, after a warm-up. */
function time(fn: () => unknown, runs: number): { median: number; cpu: number } {
  for (let i = 0; i < Math.min(50, runs); i++) fn();
  const xs: number[] = [];
  const c0 = process.cpuUsage();
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    xs.push(performance.now() - t);
  }
  return { median: median(xs), cpu: cpuMs(c0) / runs };
}

const f = (x: number) => x.toFixed(3).padStart(7);
const results: unknown[] = [];
process.stdout.write(`calendar events.list (${RUNS} calls each after 50 warm-up; load ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores)\n`);
for (const scale of SCALES) {
  const t0 = performance.now();
  const base = baseWorkspace(1, scale);
  const buildMs = performance.now() - t0;
  const events = base.collections.get('calendar.events')!;
  const series = [...events.values()].filter((e) => (e as StoredEvent).recurrence).length;
  process.stdout.write(`\nscale ${scale}: ${events.size} events (${series} series), built in ${Math.round(buildMs)} ms (whole workspace)\n`);
  const untouched = createWorkspace(base);
  const written = createWorkspace(base);
  tenWrites(written);
  for (const [state, ws] of [['untouched', untouched], ['after 10 writes', written]] as const) {
    process.stdout.write(`  ${state}:${' '.repeat(52)}items   index median / cpu     scan median / cpu   (ms per call)\n`);
    const ctx = { ws, auth } as unknown as OperationContext;
    for (const c of CALLS) {
      const id = c.params.calendarId === 'primary' ? OWNER : c.params.calendarId;
      const cal = ws.collection<StoredCalendar>('calendar.calendars').peek(id)!;
      const role = accessRole(ctx, cal, OWNER);
      const direct = (source: EventSource) => listEvents(ctx, cal, role, { ...c.params, calendarId: id } as ListParams, undefined, source);
      const viaInvoke = () => {
        const r = ws.invoke('calendar.events.list', c.params, opts);
        if (!r.ok) throw new Error(`${c.name}: ${r.error.message}`);
        return r.value as { items: unknown[] };
      };
      // Warm the index policy (a small base is indexed after a few reads), then check the answers agree.
      for (let i = 0; i < 10; i++) direct('index');
      const answer = direct('index');
      if (!isDeepStrictEqual({ ...answer, updated: '' }, { ...direct('scan'), updated: '' })) throw new Error(`${c.name}: the index and the scan answer differently`);
      const index = time(viaInvoke, RUNS);
      const scan = time(() => direct('scan'), Math.max(10, Math.min(RUNS, Math.round(RUNS / scale) * 3)));
      const items = answer.items.length;
      process.stdout.write(`    ${c.name.padEnd(72)} ${String(items).padStart(4)}  ${f(index.median)} / ${f(index.cpu)}   ${f(scan.median)} / ${f(scan.cpu)}\n`);
      results.push({ scale, state, call: c.name, items, indexMedianMs: index.median, indexCpuMs: index.cpu, scanMedianMs: scan.median, scanCpuMs: scan.cpu });
    }
  }
}
const realistic = results.filter((r) => (r as { call: string }).call.startsWith('realistic')) as Array<{ indexMedianMs: number }>;
const met = realistic.every((r) => r.indexMedianMs <= TARGET_MS);
process.stdout.write(`\ntarget: the realistic call and the series lists median <= ${TARGET_MS} ms -> realistic call ${met ? 'met' : 'NOT met'} at every scale\n`);
process.stdout.write(`${JSON.stringify({ bench: 'calendar-list', loadAverage: loadavg()[0], results })}\n`);
