/**
 * `deskbench serve --task --db --agent-name`: the official clients act over HTTP, the agent
 * posts its final message, the server stops, and the trial is graded by the harness grader
 * and stored like any other; services outside the task are refused and logged; the
 * announcement carries the workspace clock, the time zone and the services.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openRunStore } from '../../harness/store/index.ts';
import { googleClients, slackClient } from '../support/official-clients.ts';
import { tempDir } from '../support/temp-dir.ts';
import { BIN, start, type Child } from './child.ts';

const TASK = 'label-stackwise-invoices';
const ENV = { NO_PROXY: '127.0.0.1,localhost' };

interface Info {
  rootUrl: string;
  userToken: string;
  botToken: string;
  finish: string;
  trialInfo: string;
  task: string;
  instruction: string;
  workspace: { now: string; timeZone: string; localTime: string; localDate: string; services: string[]; user: { email: string; name: string } };
}

// A test that fails half-way must not leave its server running.
const children: Child[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill('SIGKILL');
});

async function serve(args: string[], env: Record<string, string> = {}): Promise<{ child: Child; info: Info }> {
  const child = start(['serve', '--task', TASK, '--port', '0', '--json', ...args], { env: { ...ENV, ...env } });
  children.push(child);
  const line = await child.waitFor((l) => l.event?.rootUrl !== undefined);
  return { child, info: line.event as unknown as Info };
}

/** The oracle's three calls, made by the official Gmail client. */
async function solve(info: Info): Promise<void> {
  const { gmail } = googleClients(info.rootUrl.replace(/\/$/, ''), info.userToken);
  const found = await gmail.users.messages.list({ userId: 'me', q: 'from:stackwise.io subject:invoice in:inbox', maxResults: 100 });
  const ids = (found.data.messages ?? []).map((m) => m.id!);
  expect(ids).toHaveLength(23);
  const label = await gmail.users.labels.create({ userId: 'me', requestBody: { name: 'Vendors/Stackwise' } });
  await gmail.users.messages.batchModify({ userId: 'me', requestBody: { ids, addLabelIds: [label.data.id!] } });
}

function postFinish(info: Info, body: unknown, token = info.userToken): Promise<Response> {
  return fetch(info.finish, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

function cli(args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, DESKBENCH_DB: '' }, timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('deskbench serve --task stores its trial', () => {
  it('official clients act, POST /_deskbench/finish, SIGINT: graded +1 and stored with the final message; other services refused and logged', async () => {
    const db = join(tempDir('deskbench-serve-'), 'runs.db');
    const { child, info } = await serve(['--db', db, '--agent-name', 'byo-agent', '--model', 'example-model-1']);
    // The announcement: the workspace clock (not the machine's), the user's time zone and the task's services.
    expect(info.workspace.services).toEqual(['gmail']);
    expect(info.workspace.now).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/);
    expect(Math.abs(Date.parse(info.workspace.now) - Date.now())).toBeGreaterThan(60_000);
    expect(info.workspace.timeZone).toMatch(/^[A-Za-z]+\/[A-Za-z_]+$|^UTC$/);
    expect(info.workspace.localTime).toContain(info.workspace.localDate.slice(0, 4));
    const told = await fetch(info.trialInfo, { headers: { authorization: `Bearer ${info.userToken}` } });
    expect(await told.json()).toEqual({ ok: true, trial: info.workspace });
    expect((await fetch(info.trialInfo)).status).toBe(401);

    await solve(info);
    // Services outside the task: refused on the wire as the APIs refuse a disabled API, and logged.
    const { calendar } = googleClients(info.rootUrl.replace(/\/$/, ''), info.userToken);
    type WireError = { status?: number; response?: { data?: { error?: { status?: string; errors?: Array<{ reason: string }> } } } };
    const refused = await calendar.events.list({ calendarId: 'primary' }).then(() => undefined, (e: WireError) => e);
    expect(refused?.status).toBe(403);
    expect(refused?.response?.data?.error?.errors?.[0]?.reason).toBe('accessNotConfigured');
    expect(refused?.response?.data?.error?.status).toBe('PERMISSION_DENIED');
    const slack = slackClient(info.rootUrl.replace(/\/$/, ''), info.userToken);
    await expect(slack.chat.postMessage({ channel: 'C0GENERAL', text: 'invoices are labelled' })).rejects.toMatchObject({ data: { ok: false, error: 'access_denied' } });

    expect((await postFinish(info, { text: 'wrong field' })).status).toBe(400);
    expect((await postFinish(info, { message: 'x' }, info.botToken)).status).toBe(401);
    expect((await postFinish(info, { message: 'first draft' })).status).toBe(200);
    expect((await postFinish(info, { message: 'Labelled the 23 Stackwise invoices.' })).status).toBe(200);

    child.proc.kill('SIGINT');
    const graded = (await child.waitFor((l) => l.event?.task === TASK && l.event?.score !== undefined)).event as { score: { score: number }; actions: number; finalMessage: string };
    const stored = ((await child.waitFor((l) => l.event?.stored !== undefined)).event as { stored: { trialId: string; runId: string } }).stored;
    expect((await child.exited).code).toBe(0);
    expect(graded.score.score).toBe(1);
    expect(graded.finalMessage).toBe('Labelled the 23 Stackwise invoices.');
    expect(graded.actions).toBe(5);

    const store = openRunStore(db, { create: false, readonly: true });
    const trial = store.getTrial(stored.trialId);
    const runs = store.listRuns();
    store.close();
    expect(runs.map((r) => [r.runId, r.status])).toEqual([[stored.runId, 'complete']]);
    expect(trial).toMatchObject({
      agent: 'byo-agent', model: 'example-model-1', harness: 'http', taskId: TASK, condition: 'sks-off__meta-off', status: 'scored', termination: 'completed',
      finalMessage: 'Labelled the 23 Stackwise invoices.',
    });
    expect(trial.score!.score).toBe(1);
    expect(trial.actions.map((a) => [a.op, a.face, a.outcome])).toEqual([
      ['gmail.users.messages.list', 'http', 'ok'], ['gmail.users.labels.create', 'http', 'ok'], ['gmail.users.messages.batchModify', 'http', 'ok'],
      ['calendar.events.list', 'http', 'invalidArgument'], ['slack.chat.postMessage', 'http', 'invalidArgument'],
    ]);
    // The refused write is logged with its arguments and write flag, as the tool face logs it.
    expect(trial.actions[4]).toMatchObject({ write: true, args: { rejected: 'slack is not offered in this task', args: { channel: 'C0GENERAL', text: 'invoices are labelled' } } });
    // One tool step per call with what the server answered, then the final message.
    const calls = trial.steps.filter((s) => s.role === 'assistant' && s.toolCalls?.length).map((s) => s.toolCalls![0]!.name);
    expect(calls).toEqual(trial.actions.map((a) => a.op));
    const labelResult = trial.steps.find((s) => s.role === 'tool' && s.actionSeqs?.[0] === trial.actions[1]!.seq);
    expect(JSON.parse(labelResult!.content)).toMatchObject({ name: 'Vendors/Stackwise' });
    expect(trial.steps.at(-1)).toMatchObject({ role: 'assistant', content: 'Labelled the 23 Stackwise invoices.' });

    const show = cli(['show', stored.trialId, '--db', db]);
    expect(show.code, show.err).toBe(0);
    expect(show.out).toContain('agent byo-agent  model example-model-1');
    expect(show.out).toContain('Labelled the 23 Stackwise invoices.');
  }, 120_000);

  it('--exit-on-finish stops, grades and stores as soon as the agent posts its final message', async () => {
    const db = join(tempDir('deskbench-serve-'), 'runs.db');
    const { child, info } = await serve(['--db', db, '--agent-name', 'quick', '--exit-on-finish']);
    await solve(info);
    expect((await postFinish(info, { message: 'done' })).status).toBe(200);
    expect((await child.exited).code).toBe(0);
    const stored = child.lines.map((l) => l.event?.stored as { trialId: string } | undefined).find(Boolean);
    expect(stored).toBeDefined();
    const store = openRunStore(db, { create: false, readonly: true });
    expect(store.getTrial(stored!.trialId)).toMatchObject({ agent: 'quick', finalMessage: 'done', score: { score: 1 } });
    store.close();
  }, 120_000);

  it('--final-message-file: the message the agent wrote is read when the server stops (SIGTERM)', async () => {
    const dir = tempDir('deskbench-serve-');
    const db = join(dir, 'runs.db');
    const file = join(dir, 'last-message.txt');
    const { child, info } = await serve(['--db', db, '--agent-name', 'file-writer', '--final-message-file', file]);
    await solve(info);
    writeFileSync(file, 'Labelled them all.\n');
    child.proc.kill('SIGTERM');
    expect((await child.exited).code).toBe(0);
    const stored = child.lines.map((l) => l.event?.stored as { trialId: string } | undefined).find(Boolean);
    const store = openRunStore(db, { create: false, readonly: true });
    expect(store.getTrial(stored!.trialId).finalMessage).toBe('Labelled them all.');
    store.close();
  }, 120_000);

  it('a store that cannot be written after the agent worked: the grade is printed first, then exit 3 naming the store; nothing half-written', async () => {
    const db = join(tempDir('deskbench-serve-'), 'runs.db');
    const { child, info } = await serve(['--db', db, '--agent-name', 'unlucky'], { DESKBENCH_BUSY_TIMEOUT_MS: '300' });
    await solve(info);
    // Another process holds the store's write lock past the busy timeout.
    const holder = new Database(db);
    holder.exec('BEGIN IMMEDIATE');
    try {
      child.proc.kill('SIGINT');
      const { code } = await child.exited;
      expect(code).toBe(3);
      const graded = child.lines.find((l) => l.event?.task === TASK && l.event?.score !== undefined);
      expect((graded?.event as { score: { score: number } } | undefined)?.score.score).toBe(1);
      expect(child.stderr()).toMatch(/the trial was graded \(above\) but not stored: .*locked by another process/);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    const store = openRunStore(db, { create: false, readonly: true });
    expect(store.listTrials({})).toHaveLength(0);
    store.close();
  }, 120_000);

  it('refuses storing flags without --task, and --db without --agent-name', () => {
    const noTask = cli(['serve', '--agent-name', 'x', '--port', '0']);
    expect(noTask.code).toBe(2);
    expect(noTask.err).toMatch(/--agent-name needs --task/);
    const noName = cli(['serve', '--task', TASK, '--db', 'x.db', '--port', '0']);
    expect(noName.code).toBe(2);
    expect(noName.err).toMatch(/--db is for storing the trial: name its agent with --agent-name/);
  }, 120_000);
});
