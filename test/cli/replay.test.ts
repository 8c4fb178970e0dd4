/**
 * `--agent replay:<file>` through the real CLI: the file's own task is used when no task is
 * given (never every task), a file that names none needs --task, a trajectory with no tool
 * calls (an exported oracle trial) warns before the run, and a recorded model trial replays
 * to the same actions and score.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openRunStore } from '../../harness/store/index.ts';
import { startScriptedServer } from '../support/llm/server.ts';
import { tempDir } from '../support/temp-dir.ts';
import { events, runCli } from './spawn-cli.ts';

const dir = tempDir('deskbench-replay-');
const TASK = 'label-stackwise-invoices';

async function exportOne(db: string, trialId: string, out: string): Promise<string> {
  const r = await runCli(['export', '--trial', trialId, '--out', out, '--db', db]);
  expect(r.code, r.err).toBe(0);
  const [file] = readdirSync(out).filter((f) => f.endsWith('.json'));
  return join(out, file!);
}

function trialsOf(db: string, runId: string) {
  const store = openRunStore(db, { create: false });
  try {
    return store.listTrials({ runIds: [runId], includeInfraErrors: true }).map((t) => ({ ...t, actions: store.getTrial(t.trialId).actions }));
  } finally {
    store.close();
  }
}

describe('replay files', () => {
  it('an exported oracle trial replays on its own task only, with a warning that it does nothing', async () => {
    const db = join(dir, 'oracle.db');
    const first = await runCli(['run', '--agent', 'oracle', '--task', TASK, '--db', db, '--json']);
    expect(first.code, first.err).toBe(0);
    const trialId = String(events(first.out).find((e) => e.type === 'trial_finished')!.trialId);
    const file = await exportOne(db, trialId, join(dir, 'oracle-atif'));

    const r = await runCli(['run', '--agent', `replay:${file}`, '--db', db, '--json']);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain(`deskbench: warning: replay:${file} has no tool calls (recorded by oracle, a reference agent that acts through the task API, not tools): replaying it changes nothing`);
    const ev = events(r.out);
    expect(ev[0]).toMatchObject({ type: 'run_started', planned: 1 });
    const finished = ev.filter((e) => e.type === 'trial_finished');
    expect(finished).toHaveLength(1);
    expect(finished[0]).toMatchObject({ key: expect.objectContaining({ taskId: TASK }), score: 0 });
  }, 90_000);

  it('a recorded model trial replays to the same actions and score, on its own task', async () => {
    const server = await startScriptedServer({
      protocol: 'openai-chat',
      script: [
        { kind: 'reply', usage: { input: 900, output: 40 }, toolCalls: [{ name: 'call_operation', arguments: { operation: 'gmail.users.labels.create', args: { userId: 'me', requestBody: { name: 'Vendors/Stackwise' } } } }] },
        { kind: 'reply', text: 'I created the label.', usage: { input: 1000, output: 10 } },
      ],
    });
    afterAll(() => server.close());
    const db = join(dir, 'model.db');
    const first = await runCli(['run', '--agent', 'openai-compatible:scripted', '--base-url', server.baseUrl, '--task', TASK, '--conditions', 'sks-off__meta-off', '--db', db, '--json']);
    expect(first.code, first.err).toBe(0);
    const original = events(first.out).find((e) => e.type === 'trial_finished')!;
    const file = await exportOne(db, String(original.trialId), join(dir, 'model-atif'));

    const r = await runCli(['run', '--agent', `replay:${file}`, '--conditions', 'sks-off__meta-off', '--db', db, '--json']);
    expect(r.code, r.err).toBe(0);
    expect(r.err).not.toContain('warning');
    const replayed = events(r.out).find((e) => e.type === 'trial_finished')!;
    expect(replayed.score).toBe(original.score);
    const [trial] = trialsOf(db, String(replayed.runId));
    expect(trial!.taskId).toBe(TASK);
    expect(trial!.actions.map((a) => `${a.op}:${a.outcome}`)).toEqual(['gmail.users.labels.create:ok']);
  }, 90_000);

  it('a file that does not name its task needs --task; with it, it runs there', async () => {
    const file = join(dir, 'hand-written.json');
    writeFileSync(file, JSON.stringify({
      schema_version: 'ATIF-v1.6', session_id: 'hand-1', agent: { name: 'my-agent', version: '1' },
      steps: [
        { step_id: 1, source: 'user', message: 'Label the Stackwise invoices.' },
        { step_id: 2, source: 'agent', message: '', tool_calls: [{ tool_call_id: 'c1', function_name: 'call_operation', arguments: { operation: 'gmail.users.labels.create', args: { userId: 'me', requestBody: { name: 'Vendors/Stackwise' } } } }] },
      ],
    }));
    const db = join(dir, 'hand.db');
    const refused = await runCli(['run', '--agent', `replay:${file}`, '--db', db]);
    expect(refused.code).toBe(2);
    expect(refused.err.split('\n')[0]).toBe(`deskbench: replay:${file} does not name the task it was recorded on: pass --task <id>`);
    const r = await runCli(['run', '--agent', `replay:${file}`, '--task', TASK, '--db', db, '--json']);
    expect(r.code, r.err).toBe(0);
    expect(events(r.out).filter((e) => e.type === 'trial_finished')).toHaveLength(1);
  }, 90_000);
});
