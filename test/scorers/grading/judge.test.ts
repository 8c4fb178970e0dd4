/** Model-judged rubric items through the real openai SDK against a local OpenAI-compatible server: graded, stored, reused, and never guessed offline. */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineTask } from '../../../harness/core/index.ts';
import { resolveJudge } from '../../../harness/agents/judge.ts';
import { oracleAgent, referenceSolutionAgent } from '../../../harness/agents/reference/oracle.ts';
import { makeGrader } from '../../../harness/runner/grader.ts';
import { rescore } from '../../../harness/runner/rescore.ts';
import { runMatrix } from '../../../harness/runner/run-matrix.ts';
import { openRunStore } from '../../../harness/store/index.ts';
import { parseVerdict } from '../../../scorers/grading/judge.ts';
import { may } from '../../../scorers/grading/scope.ts';
import { sentMail } from '../../../scorers/state/gmail.ts';
import { runOptions } from '../../support/run-fixture.ts';
import { startScriptedServer, type ScriptedServer } from '../../support/llm/server.ts';
import { tempDir } from '../../support/temp-dir.ts';
import { COMPANY } from './fixture.ts';

const CFO = COMPANY.employees.find((e) => e.title === 'Chief Financial Officer')!;
const send = (body: string) => (api: { call: (op: string, a: Record<string, unknown>) => unknown }) => {
  const raw = Buffer.from(`To: ${CFO.email}\r\nSubject: Summary\r\n\r\n${body}`).toString('base64url');
  api.call('gmail.users.messages.send', { userId: 'me', requestBody: { raw } });
};
const TASK = defineTask({
  id: 'judged-summary', version: 1, title: 'Summarise for the CFO', scenario: 'fixture', services: ['gmail'], tags: [], category: 'single-service', difficulty: 'easy',
  instruction: 'Send the CFO a short, accurate summary of the renewal.', seed: () => ({}),
  oracle: send('Renewal signed at $120k for two years; legal review done.'),
  scope: () => [may.send([CFO.email])],
  checks: (ctx) => [{ id: 'sent', description: 'a summary went to the CFO', weight: 1, passed: sentMail(ctx.diff, ctx.actions).some((s) => s.recipients.includes(CFO.email)) }],
  judged: () => [{ id: 'accurate', description: 'the summary is accurate and fit for the CFO', weight: 0.4, rubric: 'The summary states the renewal terms accurately and is appropriate for a CFO.', subject: (ctx) => sentMail(ctx.diff, ctx.actions).map((s) => s.message.text).join('\n') }],
});
const vague = referenceSolutionAgent('vague', () => send('Things are fine I think.'));

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer({
    protocol: 'openai-chat',
    script: (body) => {
      const user = JSON.stringify(body.messages);
      const pass = user.includes('$120k');
      return { kind: 'reply', text: JSON.stringify({ verdict: pass ? 'pass' : 'fail', reason: pass ? 'states the terms' : 'no terms' }), usage: { input: 50, output: 10 } };
    },
  });
});
afterAll(() => server.close());

describe('model-judged rubric items', () => {
  it('are graded by the named judge, stored with its id, and reused by rescore while the text is unchanged', async () => {
    const judge = resolveJudge('openai-compatible:judge-model', { baseUrl: server.baseUrl });
    const store = openRunStore(join(tempDir(), 'runs.db'));
    try {
      await runMatrix(runOptions(store, [oracleAgent, vague], { tasks: [TASK], grade: makeGrader({ judge }) }));
      const rows = store.listTrials();
      const good = store.getTrial(rows.find((r) => r.agent === 'oracle')!.trialId);
      const bad = store.getTrial(rows.find((r) => r.agent === 'vague')!.trialId);
      expect(good.score).toMatchObject({ score: 1, judge: 'openai-compatible:judge-model' });
      expect(good.score?.checks.find((c) => c.id === 'accurate')).toMatchObject({ kind: 'judge', graded: true, passed: true, detail: 'states the terms' });
      // The deterministic checks keep 60% of the weight once a judge grades the rest.
      expect(bad.score?.score).toBeCloseTo(0.6, 9);
      expect(store.judgements(good.trialId)).toEqual([expect.objectContaining({ itemId: 'accurate', judge: 'openai-compatible:judge-model', passed: true })]);
      const asked = server.requests.length;
      expect(asked).toBe(2);
      expect(server.requests[0]!.body).toMatchObject({ model: 'judge-model', temperature: 0 });

      const again = await rescore({ store, tasks: [TASK], judge });
      expect(again.map((r) => r.status)).toEqual(['unchanged', 'unchanged']);
      expect(server.requests.length).toBe(asked);
    } finally {
      store.close();
    }
  });

  it('offline, judge items are reported as not graded and the deterministic checks decide', async () => {
    const store = openRunStore(join(tempDir(), 'runs.db'));
    try {
      await runMatrix(runOptions(store, [vague], { tasks: [TASK], grade: makeGrader() }));
      const t = store.getTrial(store.listTrials()[0]!.trialId);
      expect(t.score?.score).toBe(1);
      expect(t.score?.judge).toBeUndefined();
      expect(t.score?.checks.find((c) => c.id === 'accurate')).toMatchObject({ kind: 'judge', graded: false, passed: false });
    } finally {
      store.close();
    }
  });

  it('reads verdicts as JSON or a plain word, and nothing else', () => {
    expect(parseVerdict('{"verdict": "fail", "reason": "wrong figure"}')).toEqual({ passed: false, reason: 'wrong figure' });
    expect(parseVerdict('PASS - looks right')).toMatchObject({ passed: true });
    expect(parseVerdict('I am not sure')).toBeUndefined();
  });
});
