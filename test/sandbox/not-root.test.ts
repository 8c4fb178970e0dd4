/**
 * Without root the sandbox cannot be built: `deskbench run` refuses a command agent clearly, with
 * the way out; `--no-sandbox` runs it as the caller, and the harness label says so.
 */
import { chmodSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openRunStore } from '../../harness/store/index.ts';
import { tempDir } from '../support/temp-dir.ts';
import { deskbench } from '../agents/command/cli.ts';
import { cliAgentFile } from '../agents/command/trial.ts';

// The test needs to become an ordinary user, which only root can.
const asRoot = process.getuid?.() === 0 ? describe : describe.skip;

asRoot('command agents without root', () => {
  const dir = tempDir('deskbench-not-root-');
  chmodSync(dir, 0o777);
  const nobody = { uid: 65534, gid: 65534, cwd: dir };
  const env = { DESKBENCH_AGENT_SCRIPT: cliAgentFile('solve-labels.mjs'), HOME: dir };

  it('are refused before anything is stored, with the hint to run as root or pass --no-sandbox', async () => {
    const db = join(dir, 'refused.db');
    const r = await deskbench(['run', '--agent', 'cmd:script-agent', '--task', 'label-stackwise-invoices', '--db', db, '--quiet'], env, 120_000, nobody);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('agent cmd:script-agent cannot be sandboxed: the sandbox needs root');
    expect(r.stderr).toContain('pass --no-sandbox');
    expect(existsSync(db)).toBe(false);
  }, 150_000);

  it('run as the caller with --no-sandbox, recorded in the run spec and the harness label', async () => {
    const db = join(dir, 'unsandboxed.db');
    const r = await deskbench(['run', '--agent', 'cmd:script-agent', '--task', 'label-stackwise-invoices', '--db', db, '--quiet', '--no-sandbox'], env, 120_000, nobody);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const store = openRunStore(db);
    try {
      const [t] = store.listTrials();
      expect(t).toMatchObject({ harness: 'script-agent+unsandboxed+mail', termination: 'completed' });
      expect(store.getTrial(t!.trialId).score?.score).toBe(1);
      expect((store.getRun(t!.runId).spec as { agentFlags: { sandbox?: boolean } }).agentFlags.sandbox).toBe(false);
    } finally {
      store.close();
    }
  }, 150_000);

  it('removes the trial folder even when the agent locked part of it', async () => {
    const tmp = join(dir, 'tmp');
    mkdirSync(tmp, { mode: 0o777 });
    chmodSync(tmp, 0o777);
    const db = join(dir, 'locked.db');
    const r = await deskbench(['run', '--agent', 'cmd:script-agent', '--task', 'label-stackwise-invoices', '--db', db, '--quiet', '--no-sandbox'],
      { ...env, DESKBENCH_AGENT_SCRIPT: cliAgentFile('lock-folder.mjs'), TMPDIR: tmp }, 120_000, nobody);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readdirSync(tmp).filter((n) => n.startsWith('deskbench-trial-'))).toEqual([]);
  }, 150_000);
});
