/** Admin routes: admin token only; agent tokens get 403 and a sandbox-escalation record. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLiveServer, type LiveServer } from '../../support/live-server.ts';
import { fixtureWorkspace } from '../../support/fixture-service.ts';

let live: LiveServer;
beforeAll(async () => {
  live = await startLiveServer({ ws: fixtureWorkspace() });
});
afterAll(() => live.close());

const addNote = (title: string) =>
  live.fetch('/fixture/v1/users/me/notes', { method: 'POST', body: JSON.stringify({ title }) }).then((r) => r.json() as Promise<{ id: string }>);

describe('admin routes', () => {
  it('agent tokens get 403 and the attempt is logged as an escalation on their trial', async () => {
    for (const token of [live.userToken, live.botToken]) {
      const res = await fetch(`${live.url}/_admin/state?trial=${live.trialId}`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(403);
    }
    const esc = live.ws.log.filter((a) => a.kind === 'escalation');
    expect(esc).toHaveLength(2);
    expect(esc[0]).toMatchObject({ op: 'admin:GET /_admin/state', face: 'http', status: 403, outcome: 'forbidden' });
    expect(esc[1]!.args).toMatchObject({ tokenKind: 'bot' });
  });

  it('no token gets 403 too (nothing to attribute it to)', async () => {
    const before = live.ws.log.length;
    const res = await fetch(`${live.url}/_admin/diff`);
    expect(res.status).toBe(403);
    expect(live.ws.log.length).toBe(before);
  });

  it('state, diff, actions and hash with the admin token', async () => {
    const note = await addNote('admin-visible');
    const state = await (await live.admin('/_admin/state')).json();
    expect(state.collections['drive.notes'][note.id].title).toBe('admin-visible');
    const diff = await (await live.admin('/_admin/diff')).json();
    expect(diff.diff['drive.notes'].added.map((a: { id: string }) => a.id)).toContain(note.id);
    const actions = await (await live.admin('/_admin/actions')).json();
    expect(actions.actions.some((a: { op: string }) => a.op === 'drive.notes.create')).toBe(true);
    const hash = await (await live.admin('/_admin/hash')).json();
    expect(hash.hash).toBe(live.ws.hash());
  });

  it('snapshot, restore and reset', async () => {
    const a = await addNote('before-snap');
    expect((await live.admin('/_admin/snapshot/s1', { method: 'POST' })).status).toBe(200);
    const b = await addNote('after-snap');
    expect(live.ws.collection('drive.notes').peek(b.id)).toBeDefined();
    expect((await live.admin('/_admin/restore/s1', { method: 'POST' })).status).toBe(200);
    expect(live.ws.collection('drive.notes').peek(b.id)).toBeUndefined();
    expect(live.ws.collection('drive.notes').peek(a.id)).toBeDefined();
    expect((await live.admin('/_admin/restore/nope', { method: 'POST' })).status).toBe(404);
    expect((await live.admin('/_admin/reset', { method: 'POST' })).status).toBe(200);
    expect(live.ws.collection('drive.notes').size).toBe(0);
    expect((await live.admin('/_admin/reset')).status).toBe(405);
    expect((await live.admin('/_admin/nothing')).status).toBe(404);
  });

  it('trial selection: unknown trial is 404; lists trials', async () => {
    const res = await fetch(`${live.url}/_admin/state?trial=zzz`, { headers: { authorization: `Bearer ${live.adminToken}` } });
    expect(res.status).toBe(404);
    const list = await (await live.admin('/_admin/trials')).json();
    expect(list.trials.map((t: { trialId: string }) => t.trialId)).toEqual([live.trialId]);
  });
});
