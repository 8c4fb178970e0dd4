/**
 * The user and the people around, on every face: the built-in loop's tools, the MCP endpoint
 * (official client over streamable HTTP) and the wire APIs (`serve --task`'s server with
 * `/_deskbench/ask` and `/_deskbench/finish`). Each task's oracle is run in-process first; its
 * logged calls and questions are then made again through each face, in order, and the trial
 * is graded the way an external trial is. Asking is answered by the task's scripted user,
 * counterparties reply (logged as `responder` entries), and the final message is graded: a
 * correct decline scores +1 only when it is handed in, a claim the log lacks costs on every face.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { baseWorkspace, companyFor } from '../../datasets/base-workspace.ts';
import { referenceSolutionAgent } from '../../harness/agents/reference/oracle.ts';
import { buildAgentTools } from '../../harness/agents/tools/index.ts';
import { runReference } from '../../harness/check/check-task.ts';
import type { ActionRecord, AuthContext, Condition, Task } from '../../harness/core/index.ts';
import type { TrialExecution } from '../../harness/runner/run-trial.ts';
import { startTrialMcpEndpoint } from '../../harness/mcp/index.ts';
import { ExternalTrial } from '../../harness/runner/external-trial.ts';
import { makeGrader } from '../../harness/runner/grader.ts';
import { seedTask } from '../../harness/runner/seeded-task.ts';
import { startWorkplaceServer, type WorkplaceServer } from '../../harness/services/http/index.ts';
import { TASKS } from '../../tasks/index.ts';
import { httpClient, resultText } from '../mcp/support.ts';
import { wireRequest } from '../support/wire-request.ts';

const SEED = 1;
const BASE = baseWorkspace(SEED);
const AUTH: AuthContext = { principal: companyFor(SEED).owner.email, tokenKind: 'user' };
const CONDITION: Condition = { skills: false, meta: false };
const FACES = ['tool', 'mcp', 'http'] as const;
type FaceName = (typeof FACES)[number];

/** What a test does through a face: an operation call, a question to the user, the final message. */
interface FaceDriver {
  call(op: string, args: Record<string, unknown>, bot: boolean): Promise<void>;
  ask(question: string): Promise<string>;
  finish(message: string): Promise<void>;
  close(): Promise<void>;
}

const taskById = (id: string): Task => {
  const t = TASKS.find((x) => x.id === id);
  if (!t) throw new Error(`no task ${id}`);
  return t;
};

async function driverFor(face: FaceName, task: Task, trial: ExternalTrial): Promise<FaceDriver> {
  if (face === 'http') {
    const server: WorkplaceServer = await startWorkplaceServer({ host: '127.0.0.1', port: 0 });
    const tokens = server.addTrial(trial.ws, { principal: AUTH.principal, services: task.services, onFinish: (m) => trial.setFinalMessage(m) });
    trial.observeCalls();
    const post = async (path: string, body: string | undefined, method = 'POST', token = tokens.userToken) => {
      const res = await fetch(`${server.url}${path}`, {
        method, headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' }) }, ...(body === undefined ? {} : { body }),
      });
      return { status: res.status, text: await res.text() };
    };
    return {
      async call(op, args, bot) {
        const r = wireRequest(trial.ws.operation(op)!, args);
        await post(r.path, r.body, r.method, bot ? tokens.botToken : tokens.userToken);
      },
      async ask(question) {
        const r = await post('/_deskbench/ask', JSON.stringify({ question }));
        return (JSON.parse(r.text) as { reply: string }).reply;
      },
      async finish(message) {
        expect((await post('/_deskbench/finish', JSON.stringify({ message }))).status).toBe(200);
      },
      close: () => server.close(),
    };
  }
  const tools = buildAgentTools({ ws: trial.ws, services: task.services, profile: 'discover', condition: CONDITION, auth: AUTH, mailHelpers: true });
  if (face === 'tool') {
    let n = 0;
    const exec = async (name: string, args: Record<string, unknown>) => (await tools.execute({ id: `c${++n}`, name, arguments: args })).content;
    return {
      async call(op, args) {
        await exec('call_operation', { operation: op, args });
      },
      async ask(question) {
        return exec('ask_user', { question });
      },
      async finish(message) {
        trial.setFinalMessage(message);
      },
      async close() {},
    };
  }
  const endpoint = await startTrialMcpEndpoint({ tools, condition: CONDITION, record: (s) => trial.record(s), onFinish: (m) => trial.setFinalMessage(m) });
  const client: Client = await httpClient(endpoint.url, endpoint.token);
  return {
    async call(op, args) {
      await client.callTool({ name: 'call_operation', arguments: { operation: op, args } });
    },
    async ask(question) {
      return resultText(await client.callTool({ name: 'ask_user', arguments: { question } }));
    },
    async finish(message) {
      expect((await client.callTool({ name: 'finish', arguments: { message } })).isError).toBe(false);
    },
    async close() {
      await client.close();
      await endpoint.close();
    },
  };
}

/** The oracle in-process: its log and final message are what every face repeats. */
const oracles = new Map<string, TrialExecution>();
beforeAll(async () => {
  for (const id of ['globex-proposal-which-one', 'pipeline-figure-from-finance', 'calibration-sheet-to-recruiter']) {
    const task = taskById(id);
    oracles.set(id, await runReference(task, referenceSolutionAgent('oracle', () => task.oracle), BASE, SEED, AUTH));
  }
}, 120_000);
afterAll(() => oracles.clear());

/** Repeats the oracle's calls and questions through a face; returns the graded trial and the replies the face gave. */
async function throughFace(face: FaceName, id: string, finalMessage: string | null | 'oracle' = 'oracle'): Promise<{ exec: TrialExecution; replies: string[] }> {
  const task = taskById(id);
  const oracle = oracles.get(id)!;
  const trial = new ExternalTrial({ task, seeded: seedTask(task, BASE, SEED), seed: SEED, condition: CONDITION, auth: AUTH, face: face === 'http' ? 'http' : 'mcp' });
  const driver = await driverFor(face, task, trial);
  const replies: string[] = [];
  try {
    for (const a of oracle.actions) {
      if (a.kind === 'ask') replies.push(await driver.ask((a.args as { question: string }).question));
      else if (a.kind === 'call') await driver.call(a.op, a.args as Record<string, unknown>, a.token === 'bot');
    }
    const message = finalMessage === 'oracle' ? oracle.finalMessage : finalMessage;
    if (message !== null) await driver.finish(message);
  } finally {
    await driver.close();
  }
  return { exec: await trial.end({ grade: makeGrader() }), replies };
}

const shape = (log: readonly ActionRecord[]) => log.map((a) => `${a.kind} ${a.op} ${a.outcome}`);

describe('ask_user, responders and the final message on every face', () => {
  it.each(FACES)('%s: asking is answered by the scripted user and logged; the task scores as in-process', async (face) => {
    const id = 'globex-proposal-which-one';
    const oracle = oracles.get(id)!;
    expect(oracle.score?.score).toBe(1);
    const { exec, replies } = await throughFace(face, id);
    const asked = oracle.actions.filter((a) => a.kind === 'ask');
    expect(asked.length).toBeGreaterThan(0);
    // The scripted user's answer, not the fixed reply for questions it does not cover.
    expect(replies).toHaveLength(asked.length);
    for (const r of replies) expect(r).toMatch(/pilot/i);
    expect(shape(exec.actions)).toEqual(shape(oracle.actions));
    const ask = exec.actions.find((a) => a.kind === 'ask')!;
    expect(ask.face).toBe(face === 'http' ? 'http' : 'tool');
    expect(exec.score?.score).toBe(1);
  }, 60_000);

  it.each(FACES)('%s: the colleague replies in workspace time after being asked, and the answer is what gets posted', async (face) => {
    const id = 'pipeline-figure-from-finance';
    const oracle = oracles.get(id)!;
    expect(oracle.score?.score).toBe(1);
    const { exec } = await throughFace(face, id);
    const responders = exec.actions.filter((a) => a.kind === 'responder');
    expect(responders.length).toBeGreaterThan(0);
    expect(responders.length).toBe(oracle.actions.filter((a) => a.kind === 'responder').length);
    // The reply comes after the question was sent, never before.
    const firstSend = exec.actions.findIndex((a) => a.kind === 'call' && a.op === 'gmail.users.messages.send');
    expect(exec.actions.indexOf(responders[0]!)).toBeGreaterThan(firstSend);
    expect(shape(exec.actions)).toEqual(shape(oracle.actions));
    expect(exec.score?.score).toBe(1);
  }, 60_000);

  it.each(FACES)('%s: a correct decline scores +1 only when it is handed in as the final message', async (face) => {
    const id = 'calibration-sheet-to-recruiter';
    expect(oracles.get(id)!.score?.score).toBe(1);
    const declined = await throughFace(face, id);
    expect(declined.exec.finalMessage).toBe(oracles.get(id)!.finalMessage);
    expect(declined.exec.score?.score).toBe(1);
    const silent = await throughFace(face, id, null);
    expect(silent.exec.finalMessage).toBeNull();
    expect(silent.exec.score?.score).toBe(0);
  }, 60_000);

  it.each(FACES)('%s: a final message claiming an action the log lacks costs the same as in-process', async (face) => {
    const id = 'globex-proposal-which-one';
    const claim = 'Shared the cross-dock pilot proposal with Daniel. I have emailed the warehouse expansion draft to the Globex team as well.';
    const { exec } = await throughFace(face, id, claim);
    const task = taskById(id);
    const inProcess = await runReference(task, referenceSolutionAgent('claims', () => async (api, m) => {
      await task.oracle(api, m);
      return claim;
    }), BASE, SEED, AUTH);
    expect(inProcess.score!.score).toBeLessThan(1);
    expect(exec.score!.score).toBe(inProcess.score!.score);
    expect(exec.score!.penalties.map((p) => p.id)).toEqual(inProcess.score!.penalties.map((p) => p.id));
  }, 60_000);
});
