/** The HTTP face asks the task's scripted user like the tool face: same reply, same log entry. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_USER_REPLY } from '../../../harness/core/index.ts';
import { startWorkplaceServer, type WorkplaceServer } from '../../../harness/services/http/index.ts';
import { createWorkspace } from '../../../harness/services/workspace.ts';
import { baseWorkspace, companyFor } from '../../../datasets/base-workspace.ts';
import { phrase, scriptedUser } from '../../../tasks/sdk.ts';

const ws = createWorkspace({ ...baseWorkspace(1), behaviour: { answer: scriptedUser([{ about: [phrase('which', 'proposal')], reply: 'The pilot one.' }]) } });
let server: WorkplaceServer;
let token = '';

beforeAll(async () => {
  server = await startWorkplaceServer({ host: '127.0.0.1', port: 0 });
  token = server.addTrial(ws, { principal: companyFor(1).owner.email }).userToken;
});
afterAll(() => server.close());

const ask = (body: unknown, auth = token) => fetch(`${server.url}/_deskbench/ask`, {
  method: 'POST', headers: { authorization: `Bearer ${auth}`, 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body),
});

describe('POST /_deskbench/ask', () => {
  it('answers from the scripted user, or with the fixed reply, and logs each question', async () => {
    expect(await (await ask({ question: 'Which proposal should Daniel get?' })).json()).toEqual({ ok: true, reply: 'The pilot one.' });
    expect(await (await ask({ question: 'Anything else?' })).json()).toEqual({ ok: true, reply: DEFAULT_USER_REPLY });
    expect(ws.log.filter((a) => a.kind === 'ask').map((a) => [a.face, (a.args as { question: string }).question])).toEqual([
      ['http', 'Which proposal should Daniel get?'], ['http', 'Anything else?'],
    ]);
  });

  it('refuses a bad body (logged) and a missing token (not run)', async () => {
    const before = ws.log.length;
    const bad = await ask({ question: '' });
    expect(bad.status).toBe(400);
    expect(ws.log.at(-1)).toMatchObject({ op: 'user.ask', outcome: 'invalidArgument' });
    expect((await ask('{oops')).status).toBe(400);
    expect((await ask({ question: 'hi' }, 'nope')).status).toBe(401);
    expect(ws.log.length).toBe(before + 2);
  });
});
