/** Two trials on one server never see each other's state; removed trials' tokens stop working. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkplaceServer, type WorkplaceServer } from '../../harness/services/http/index.ts';
import { OPERATIONS } from '../../harness/services/registry.ts';
import { createEmptyWorkspace } from '../../harness/services/workspace.ts';
import { FIXTURE_OPS, fixtureWorkspace } from '../support/fixture-service.ts';
import { googleClients } from '../support/official-clients.ts';

describe('isolation (fixture operations)', () => {
  let server: WorkplaceServer;
  beforeAll(async () => {
    server = await startWorkplaceServer({ operations: FIXTURE_OPS.values() });
  });
  afterAll(() => server.close());

  const call = (token: string, path: string, init: RequestInit = {}) =>
    fetch(`${server.url}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.headers as Record<string, string>) } });

  it('a record written in trial A is invisible to trial B, over the wire and in B\'s state', async () => {
    const wsA = fixtureWorkspace();
    const wsB = fixtureWorkspace();
    const a = server.addTrial(wsA, { principal: 'a@corvidlabs.com' });
    const b = server.addTrial(wsB, { principal: 'b@corvidlabs.com' });
    const created = await (await call(a.userToken, '/fixture/v1/users/me/notes', { method: 'POST', body: JSON.stringify({ title: 'only-in-A' }) })).json();
    expect(created.owner).toBe('a@corvidlabs.com');

    const listB = await (await call(b.userToken, '/fixture/v1/users/me/notes')).json();
    expect(listB.notes).toEqual([]);
    expect((await call(b.userToken, `/fixture/v1/users/me/notes/${created.id}`)).status).toBe(404);
    const listA = await (await call(a.userToken, '/fixture/v1/users/me/notes')).json();
    expect(listA.notes.map((n: { id: string }) => n.id)).toEqual([created.id]);

    // Slack side too, with bot tokens.
    await call(a.botToken, '/api/posts.add', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'channel=C1&text=secret' });
    const postsB = await (await call(b.botToken, '/api/posts.list', { method: 'POST' })).json();
    expect(postsB).toEqual({ ok: true, posts: [] });

    expect(wsB.collection('drive.notes').size).toBe(0);
    expect(wsB.log.every((r) => r.face === 'http')).toBe(true);
    expect(wsA.log.map((r) => r.op)).toEqual(['drive.notes.create', 'drive.notes.list', 'slack.posts.add']);
    expect(Object.keys(wsB.diff())).toEqual([]);

    // Admin views are per trial.
    const adminState = await (await fetch(`${server.url}/_admin/state?trial=${b.trialId}`, { headers: { authorization: `Bearer ${server.adminToken}` } })).json();
    expect(adminState.collections['drive.notes']).toEqual({});
  });

  it('a removed trial\'s tokens are rejected', async () => {
    const t = server.addTrial(fixtureWorkspace());
    expect((await call(t.userToken, '/fixture/v1/users/me/notes')).status).toBe(200);
    expect(server.removeTrial(t.trialId)).toBe(true);
    expect((await call(t.userToken, '/fixture/v1/users/me/notes')).status).toBe(401);
    expect(await (await call(t.botToken, '/api/posts.list', { method: 'POST' })).json()).toEqual({ ok: false, error: 'invalid_auth' });
  });
});

const hasLabels = OPERATIONS.has('gmail.users.labels.create') && OPERATIONS.has('gmail.users.labels.list');

describe.skipIf(!hasLabels)('isolation (real Gmail labels, official client)', () => {
  let server: WorkplaceServer;
  beforeAll(async () => {
    server = await startWorkplaceServer();
  });
  afterAll(() => server.close());

  it('a label created in trial A does not appear in trial B', async () => {
    const a = server.addTrial(createEmptyWorkspace(), { principal: 'a@corvidlabs.com' });
    const b = server.addTrial(createEmptyWorkspace(), { principal: 'b@corvidlabs.com' });
    const ga = googleClients(server.url, a.userToken).gmail;
    const gb = googleClients(server.url, b.userToken).gmail;
    const made = await ga.users.labels.create({ userId: 'me', requestBody: { name: 'Isolation-A' } });
    expect(made.data.name).toBe('Isolation-A');
    const inA = (await ga.users.labels.list({ userId: 'me' })).data.labels ?? [];
    const inB = (await gb.users.labels.list({ userId: 'me' })).data.labels ?? [];
    expect(inA.map((l) => l.name)).toContain('Isolation-A');
    expect(inB.map((l) => l.name)).not.toContain('Isolation-A');
    // The same name is free in B.
    const inBToo = await gb.users.labels.create({ userId: 'me', requestBody: { name: 'Isolation-A' } });
    expect(inBToo.status).toBe(200);
  });
});
