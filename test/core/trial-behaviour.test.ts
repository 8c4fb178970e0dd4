/** The scripted user and responders: deterministic, logged, on every face, never able to break a trial. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_USER_REPLY, type Responder, type TrialBehaviour, type WorkspaceBase } from '../../harness/core/index.ts';
import { buildAgentTools } from '../../harness/agents/tools/index.ts';
import { taskApi } from '../../harness/runner/task-api.ts';
import { createWorkspace } from '../../harness/services/workspace.ts';
import { baseWorkspace, companyFor } from '../../datasets/base-workspace.ts';
import { phrase, scriptedUser } from '../../tasks/sdk.ts';
import { mailSentTo, replyInThread } from '../../tasks/support/responders.ts';
import { rawOf } from '../../tasks/support/gmail.ts';
import { COMPANY } from '../../tasks/people.ts';

const OWNER = companyFor(1).owner;
const AUTH = { principal: OWNER.email, tokenKind: 'user' as const };
const ANA = COMPANY.people.find((p) => p.email !== OWNER.email)!;

function base(behaviour: TrialBehaviour): WorkspaceBase {
  return { ...baseWorkspace(1), behaviour };
}
const answer = scriptedUser([{ about: [phrase('which', 'globex')], reply: 'Globex Labs, the Berlin one.' }]);
const reply: Responder = {
  id: 'ana-replies', when: mailSentTo(ANA.email), afterSeconds: 3,
  act: replyInThread(ANA, () => 'The Q3 number is 412k.'),
};
const send = (ws: ReturnType<typeof createWorkspace>, to: string) => ws.invoke('gmail.users.messages.send', {
  userId: 'me', requestBody: { raw: rawOf({ to: [to], subject: 'Q3 number?', body: 'Could you send me the Q3 number?' }) },
}, { face: 'tool', auth: AUTH });
const inboxFrom = (ws: ReturnType<typeof createWorkspace>, email: string) =>
  [...ws.collection<{ from: string; labelIds: string[]; text: string; threadId: string }>('gmail.messages').values()].filter((m) => m.from === email.toLowerCase() && m.labelIds.includes('INBOX') && m.text.includes('412k'));

describe('the scripted user', () => {
  it('answers a question that names the topic, gives the fixed reply otherwise, and logs every question', async () => {
    const ws = createWorkspace(base({ answer }));
    const tools = buildAgentTools({ ws, services: ['gmail'], profile: 'discover', condition: { skills: false, meta: false }, auth: AUTH });
    expect(tools.specs.map((s) => s.name)).toContain('ask_user');
    const clock = ws.nowMs();
    const r1 = await tools.execute({ id: '1', name: 'ask_user', arguments: { question: 'Which Globex do you mean, Corp or Labs?' } });
    expect(JSON.parse(r1.content)).toEqual({ reply: 'Globex Labs, the Berlin one.' });
    const r2 = await tools.execute({ id: '2', name: 'ask_user', arguments: { question: 'Should I also CC finance?' } });
    expect(JSON.parse(r2.content)).toEqual({ reply: DEFAULT_USER_REPLY });
    expect(ws.log.map((a) => [a.kind, a.op, (a.args as { question: string }).question])).toEqual([
      ['ask', 'user.ask', 'Which Globex do you mean, Corp or Labs?'], ['ask', 'user.ask', 'Should I also CC finance?'],
    ]);
    expect(ws.nowMs()).toBe(clock + 2000);
    // A reference agent asks through the task API and gets the same answer.
    expect(taskApi(ws, AUTH).ask('which globex?')).toBe('Globex Labs, the Berlin one.');
    const bad = await tools.execute({ id: '3', name: 'ask_user', arguments: { question: 42 } });
    expect(bad.isError).toBe(true);
  });

  it('a matcher that throws gives the fixed reply, not a failed trial', () => {
    const ws = createWorkspace(base({ answer: () => { throw new Error('boom'); } }));
    expect(ws.askUser('anything?', 'tool').reply).toBe(DEFAULT_USER_REPLY);
  });
});

describe('responders', () => {
  it('react once, after their delay in workspace time, before the call that reaches it, logged with their changes', () => {
    const ws = createWorkspace(base({ responders: [reply] }));
    const sent = send(ws, ANA.email);
    expect(sent.ok).toBe(true);
    expect(inboxFrom(ws, ANA.email)).toHaveLength(0);
    ws.invoke('gmail.users.labels.list', { userId: 'me' }, { face: 'tool', auth: AUTH });
    ws.invoke('gmail.users.labels.list', { userId: 'me' }, { face: 'tool', auth: AUTH });
    expect(inboxFrom(ws, ANA.email)).toHaveLength(0);
    ws.invoke('gmail.users.labels.list', { userId: 'me' }, { face: 'tool', auth: AUTH });
    const replies = inboxFrom(ws, ANA.email);
    expect(replies).toHaveLength(1);
    const sentThread = (sent.ok ? (sent.value as { threadId: string }).threadId : '');
    expect(replies[0]!.threadId).toBe(sentThread);
    const entry = ws.log.find((a) => a.kind === 'responder')!;
    expect(entry).toMatchObject({ op: 'responder:ana-replies', outcome: 'ok', write: true, args: { trigger: sent.action.seq } });
    expect(entry.changes!.some((c) => c.ref.startsWith('gmail.messages:') && c.before === undefined)).toBe(true);
    // The entry comes before the call during which it happened, and only once.
    expect(ws.log.at(-1)!.op).toBe('gmail.users.labels.list');
    send(ws, ANA.email);
    for (let i = 0; i < 5; i++) ws.invoke('gmail.users.labels.list', { userId: 'me' }, { face: 'tool', auth: AUTH });
    expect(ws.log.filter((a) => a.kind === 'responder')).toHaveLength(1);
  });

  it('do not react to a refused write or a mail to someone else; a trigger test or reaction that throws changes nothing', () => {
    const ws = createWorkspace(base({ responders: [
      reply,
      { id: 'throws-in-when', when: () => { throw new Error('x'); }, act: () => undefined },
      { id: 'throws-in-act', when: () => true, afterSeconds: 1, act: (w) => { w.collection('gmail.labels').set('Label_x', { id: 'Label_x', name: 'half' }); throw new Error('half-way'); } },
    ] }));
    ws.invoke('gmail.users.messages.send', { userId: 'me', requestBody: { raw: '%%%' } }, { face: 'tool', auth: AUTH });
    send(ws, 'someone.else@example.com');
    for (let i = 0; i < 6; i++) ws.invoke('gmail.users.labels.list', { userId: 'me' }, { face: 'tool', auth: AUTH });
    expect(inboxFrom(ws, ANA.email)).toHaveLength(0);
    const failed = ws.log.find((a) => a.op === 'responder:throws-in-act')!;
    expect(failed).toMatchObject({ outcome: 'responderError', write: false });
    expect(ws.collection('gmail.labels').get('Label_x')).toBeUndefined();
    expect(ws.log.some((a) => a.op === 'responder:throws-in-when')).toBe(false);
  });

  it('snapshots and restores waiting reactions', () => {
    const ws = createWorkspace(base({ responders: [reply] }));
    send(ws, ANA.email);
    const snap = ws.snapshot();
    for (let i = 0; i < 4; i++) ws.invoke('gmail.users.labels.list', { userId: 'me' }, { face: 'tool', auth: AUTH });
    expect(inboxFrom(ws, ANA.email)).toHaveLength(1);
    ws.restore(snap);
    expect(inboxFrom(ws, ANA.email)).toHaveLength(0);
    for (let i = 0; i < 4; i++) ws.invoke('gmail.users.labels.list', { userId: 'me' }, { face: 'tool', auth: AUTH });
    expect(inboxFrom(ws, ANA.email)).toHaveLength(1);
  });
});
