/**
 * `deskbench quickstart` (npm start): with an API key set it prints the projected cost and
 * spends nothing without --yes (the offline run goes ahead); with --yes it runs the model too;
 * a store that already holds runs is said to pool them.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openRunStore } from '../../harness/store/index.ts';
import { TASKS } from '../../tasks/index.ts';
import { projectedCost, quickstartModel } from '../../harness/cli/commands/quickstart.ts';
import { startScriptedServer } from '../support/llm/server.ts';
import { tempDir } from '../support/temp-dir.ts';
import { events, runCli } from './spawn-cli.ts';

const dir = tempDir('deskbench-quickstart-');

describe('quickstart', () => {
  it('picks a model only when a key (or DESKBENCH_MODEL) is set, and projects its cost from list prices', () => {
    expect(quickstartModel({})).toBeNull();
    expect(quickstartModel({ OPENAI_API_KEY: 'sk' })).toBe('openai:gpt-5-mini');
    expect(quickstartModel({ ANTHROPIC_API_KEY: 'k' })).toBe('anthropic:claude-sonnet-4-6');
    expect(quickstartModel({ OPENAI_API_KEY: 'sk', DESKBENCH_MODEL: 'openai:gpt-4.1' })).toBe('openai:gpt-4.1');
    // gpt-5-mini: $0.25 / $2 per million; 60k in + 3k out = $0.021 a trial.
    const p = projectedCost('openai:gpt-5-mini', ['a', 'b'], join(dir, 'none.db'));
    expect(p.usd).toBeCloseTo(0.042, 6);
    expect(p.basis).toContain('no stored history of the model');
    expect(projectedCost('openai-compatible:my-local', ['a'], join(dir, 'none.db')).usd).toBeNull();
  });

  it('with a key and no --yes it prints the projected cost, leaves the model out and says the store pools runs', async () => {
    const db = join(dir, 'pooled.db');
    const before = await runCli(['run', '--agent', 'noop', '--task', 'label-stackwise-invoices', '--db', db, '--quiet']);
    expect(before.code, before.err).toBe(0);
    const r = await runCli(['quickstart', '--db', db, '--quiet'], { OPENAI_API_KEY: 'sk-test-not-used' });
    expect(r.code, r.err).toBe(0);
    const usd = (TASKS.length * 0.021).toFixed(2);
    expect(r.err).toContain(`an API key is set: openai:gpt-5-mini over ${TASKS.length} tasks would cost about $${usd} (list prices and an assumed ~60k input`);
    expect(r.err).toContain('leaving openai:gpt-5-mini out: nothing is spent (add --yes to include it');
    expect(r.err).toContain(`note: ${db} already holds 1 run(s); this run is added to them.`);
    const store = openRunStore(db, { create: false });
    try {
      const [latest] = store.listRuns();
      expect(latest!.spec.agents).toEqual(['oracle', 'noop']);
      expect(store.runCounts(latest!.runId).scored).toBe(2 * TASKS.length);
    } finally {
      store.close();
    }
  }, 180_000);

  it('with --yes it runs the model as well', async () => {
    const server = await startScriptedServer({ protocol: 'openai-chat', script: () => ({ kind: 'reply', text: 'Nothing to do.', usage: { input: 50, output: 5 } }) });
    afterAll(() => server.close());
    const db = join(dir, 'yes.db');
    const r = await runCli(['quickstart', '--db', db, '--yes', '--quiet'], {
      DESKBENCH_MODEL: 'openai-compatible:scripted', OPENAI_BASE_URL: server.baseUrl,
    });
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain(`openai-compatible:scripted over ${TASKS.length} tasks would cost an unknown amount`);
    expect(server.requests.length).toBe(TASKS.length);
    const store = openRunStore(db, { create: false });
    try {
      const [run] = store.listRuns();
      expect(run!.spec.agents).toEqual(['oracle', 'noop', 'openai-compatible:scripted']);
      expect(store.runCounts(run!.runId).scored).toBe(3 * TASKS.length);
    } finally {
      store.close();
    }
    expect(events(r.out)).toEqual([]);
  }, 240_000);
});
