/**
 * Limits of command agents: an agent that never exits is ended at the wall limit with its whole
 * process group (a child it started included, even one in its own session inside the sandbox);
 * one that crashes is scored as its own failure with its exit code; one that calls without end
 * is stopped at the step limit; an interrupt ends it at once.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isDeskbenchError } from '../../../harness/core/index.ts';
import { loadAgent } from '../../../harness/agents/registry.ts';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../support/temp-dir.ts';
import { cliAgentFile, commandTrial } from './trial.ts';

const rootOnly = process.getuid?.() === 0 ? describe : describe.skip;
const DEF = cliAgentFile('limits-agent.toml');
const TASK = 'label-stackwise-invoices';

/** Host processes whose command line carries `marker`. */
function survivors(marker: string): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').includes(marker)) out.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

async function settle(marker: string): Promise<number[]> {
  for (let i = 0; i < 40 && survivors(marker).length; i++) await new Promise((r) => setTimeout(r, 50));
  return survivors(marker);
}

function marker(): string {
  return `deskbench-limits-${process.pid}-${Math.floor(performance.now() * 1000)}`;
}

describe('command agent limits', () => {
  rootOnly('in the sandbox', () => {
    it('ends an agent that never exits at the wall limit, with the child it started in its own session', async () => {
      const m = marker();
      const ex = await commandTrial(`cmd:${DEF}?script=hang&marker=${m}&child=detached`, TASK, { limits: { maxWallMs: 4_000 } });
      expect(ex.termination).toBe('time_limit');
      expect(ex.durationMs).toBeLessThan(6_000);
      expect(ex.score).not.toBeNull();
      expect(await settle(m)).toEqual([]);
    }, 30_000);

    it('scores a crash as the agent\'s own failure, with its exit code and what it said', async () => {
      const ex = await commandTrial(`cmd:${DEF}?script=crash`, TASK);
      expect(ex.termination).toBe('agent_error');
      expect(ex.error).toMatch(/^limits-agent exited with code 3: boom: the agent fell over$/);
      expect(ex.score?.score).toBe(0);
    }, 30_000);

    it('stops an agent at the step limit: its calls past the limit are refused and it is ended', async () => {
      const m = marker();
      const ex = await commandTrial(`cmd:${DEF}?script=loop&marker=${m}`, TASK, { limits: { maxSteps: 5, maxWallMs: 30_000 } });
      expect(ex.termination).toBe('step_limit');
      expect(ex.actions.filter((a) => a.op === 'gmail.users.labels.list')).toHaveLength(5);
      expect(ex.durationMs).toBeLessThan(10_000);
      expect(await settle(m)).toEqual([]);
    }, 30_000);

    it('ends the agent at once when the run is interrupted', async () => {
      const m = marker();
      const stop = new AbortController();
      setTimeout(() => stop.abort(), 1_500);
      const started = Date.now();
      const ex = await commandTrial(`cmd:${DEF}?script=hang&marker=${m}`, TASK, { limits: { maxWallMs: 60_000 }, signal: stop.signal });
      expect(ex.termination).toBe('cancelled');
      expect(Date.now() - started).toBeLessThan(4_000);
      expect(await settle(m)).toEqual([]);
    }, 30_000);
  });

  describe('without the sandbox (--no-sandbox)', () => {
    it('ends the process group at the wall limit: the agent and the child it started in its group', async () => {
      const m = marker();
      const ex = await commandTrial(`cmd:${DEF}?script=hang&marker=${m}&child=group`, TASK, { limits: { maxWallMs: 4_000 }, settings: { sandbox: false } });
      expect(ex.termination).toBe('time_limit');
      expect(await settle(m)).toEqual([]);
    }, 30_000);

    it('records the opt-out in the harness label', async () => {
      const agent = await loadAgent(`cmd:${DEF}?script=crash`, { sandbox: false, mailHelpers: true });
      expect(agent.harness).toBe('limits-agent+unsandboxed+mail');
      expect(agent.kind).toBe('external');
    });
  });

  it('refuses before any trial an agent whose program is not installed, naming it', async () => {
    const dir = tempDir('deskbench-missing-');
    const def = join(dir, 'missing.toml');
    writeFileSync(def, 'name = "missing"\nmodel = "m"\ncommand = ["deskbench-no-such-cli", "{instruction}"]\n[instruction]\nvia = "argument"\n[final_message]\nchannel = "stdout"\n');
    const err = await loadAgent(`cmd:${def}`, { sandbox: false }).catch((e: unknown) => e);
    expect(isDeskbenchError(err, 'E_CONFIG')).toBe(true);
    expect((err as Error).message).toMatch(/the command "deskbench-no-such-cli" is not installed \(looked on \/usr\/local\/bin:\/usr\/bin:\/bin\)/);
  });
});
