/**
 * Slack wire fidelity: a conversation with a member from another organisation is reported as
 * shared (`is_ext_shared`, `is_shared`) wherever it is rendered, derived from membership; and
 * files.completeUploadExternal refuses a reserved file whose bytes never arrived.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../../../harness/core/index.ts';
import { COL, SlackUser, type SlackChannel, type SlackFile, type SlackMessage } from '../../../harness/services/slack/model.ts';
import { baseWorkspace } from '../../../datasets/base-workspace.ts';
import { startLiveServer, type LiveServer } from '../../support/live-server.ts';
import { channel, company, err, ok, trial } from './helpers.ts';

/** Writes a user whose profile email is outside the workspace domain (a partner); returns the id. */
function plantOutsider(ws: Workspace, id = 'U0PARTNER1', email = 'kenji.rosen@meridianconsult.co'): string {
  ws.collection<SlackUser>(COL.users).set(id, SlackUser.parse({
    id, name: 'kenji.rosen', real_name: 'Kenji Rosen', deleted: false, is_bot: false, is_admin: false, is_owner: false, tz: 'America/New_York',
    profile: {
      real_name: 'Kenji Rosen', display_name: 'Kenji', first_name: 'Kenji', last_name: 'Rosen', email, title: 'Partner',
      phone: '', status_text: '', status_emoji: '', image_48: '',
    },
    presence: 'away', manual_presence: 'auto', dnd_enabled: false, updated: 0,
  }));
  return id;
}

const shared = (c: { is_shared?: unknown; is_ext_shared?: unknown; is_org_shared?: unknown }) => ({ is_shared: c.is_shared, is_ext_shared: c.is_ext_shared, is_org_shared: c.is_org_shared });
const YES = { is_shared: true, is_ext_shared: true, is_org_shared: false };
const NO = { is_shared: false, is_ext_shared: false, is_org_shared: false };

describe('slack shared channels: derived from membership', () => {
  it('no conversation of the base workspace is shared (every member is on the company domain)', () => {
    const ws = trial();
    const all = ok(ws, 'conversations.list', { types: 'public_channel,private_channel,mpim', limit: 1000 }).channels;
    expect(all.length).toBeGreaterThan(10);
    for (const c of all) expect(shared(c), c.name).toEqual(NO);
  });

  it('inviting an outsider shares the channel in every rendering; removing them unshares it', () => {
    const ws = trial();
    const partner = plantOutsider(ws);
    const colleague = company.employees.find((e) => e.slackId && e.slackId !== company.owner.slackId)!.slackId!;
    const id = ok(ws, 'conversations.create', { name: 'ext-meridian', is_private: 'true' }).channel.id;
    expect(shared(ok(ws, 'conversations.invite', { channel: id, users: colleague }).channel)).toEqual(NO);
    // An address on the company domain in another case is still the company's own.
    const upper = plantOutsider(ws, 'U0UPPER01', `Someone@${company.domain.toUpperCase()}`);
    ok(ws, 'conversations.invite', { channel: id, users: upper });
    expect(shared(ok(ws, 'conversations.info', { channel: id }).channel)).toEqual(NO);

    expect(shared(ok(ws, 'conversations.invite', { channel: id, users: partner }).channel)).toEqual(YES);
    expect(shared(ok(ws, 'conversations.info', { channel: id }).channel)).toEqual(YES);
    const listed = ok(ws, 'conversations.list', { types: 'private_channel', limit: 1000 }).channels;
    expect(shared(listed.find((c: any) => c.id === id))).toEqual(YES);
    expect(shared(listed.find((c: any) => c.name === 'leadership'))).toEqual(NO);
    const mine = ok(ws, 'users.conversations', { types: 'private_channel', limit: 1000 }).channels;
    expect(shared(mine.find((c: any) => c.id === id))).toEqual(YES);
    expect(shared(ok(ws, 'conversations.rename', { channel: id, name: 'ext-meridian-2' }).channel)).toEqual(YES);
    ok(ws, 'chat.postMessage', { channel: id, text: 'The quokka estimate is attached' });
    const match = ok(ws, 'search.messages', { query: 'quokka' }).messages.matches[0];
    expect(shared(match.channel)).toEqual(YES);
    // No stored flag: the channel record itself carries nothing about sharing.
    expect(Object.keys(ws.collection<SlackChannel>(COL.channels).peek(id)!)).not.toContain('is_ext_shared');

    ok(ws, 'conversations.kick', { channel: id, user: partner });
    expect(shared(ok(ws, 'conversations.info', { channel: id }).channel)).toEqual(NO);
    expect(shared(ok(ws, 'search.messages', { query: 'quokka' }).messages.matches[0].channel)).toEqual(NO);
  });

  it('a group DM with an outsider is shared too', () => {
    const ws = trial();
    const partner = plantOutsider(ws);
    const colleague = company.employees.find((e) => e.slackId && e.slackId !== company.owner.slackId)!.slackId!;
    const mpim = ok(ws, 'conversations.open', { users: `${colleague},${partner}` }).channel;
    expect(mpim.is_mpim).toBe(true);
    expect(shared(mpim)).toEqual(YES);
  });
});

describe('slack files.completeUploadExternal: the bytes must have been uploaded', () => {
  it('a reserved file that was never uploaded is file_not_found and nothing changes', () => {
    const ws = trial();
    const gen = channel(ws, 'general').id;
    const up = ok(ws, 'files.getUploadURLExternal', { filename: 'notes.txt', length: 11 });
    const before = ws.collection<SlackFile>(COL.files).peek(up.file_id)!;
    expect(before.state).toBe('pending');
    const messages = ws.collection<SlackMessage>(COL.messages).size;

    expect(err(ws, 'files.completeUploadExternal', { files: JSON.stringify([{ id: up.file_id, title: 'Notes' }]), channel_id: gen, initial_comment: 'see notes' })).toBe('file_not_found');
    expect(err(ws, 'files.completeUploadExternal', { files: JSON.stringify([{ id: up.file_id }]) })).toBe('file_not_found');
    expect(ws.collection<SlackFile>(COL.files).peek(up.file_id)).toEqual(before);
    expect(ws.collection<SlackMessage>(COL.messages).size).toBe(messages);
    expect(ws.log.at(-1)).toMatchObject({ op: 'slack.files.completeUploadExternal', outcome: 'file_not_found' });

    // One unuploaded file spoils a batch: the uploaded one is not completed either.
    const other = ok(ws, 'files.getUploadURLExternal', { filename: 'b.txt', length: 1 });
    ok(ws, 'files.uploadExternal', { file_id: other.file_id, content: 'b' });
    expect(err(ws, 'files.completeUploadExternal', { files: JSON.stringify([{ id: other.file_id }, { id: up.file_id }]), channel_id: gen })).toBe('file_not_found');
    expect(ws.collection<SlackFile>(COL.files).peek(other.file_id)!.state).toBe('uploaded');

    // Once the bytes land, the same ids complete.
    ok(ws, 'files.uploadExternal', { file_id: up.file_id, content: 'hello world' });
    const done = ok(ws, 'files.completeUploadExternal', { files: JSON.stringify([{ id: up.file_id, title: 'Notes' }, { id: other.file_id }]), channel_id: gen });
    expect(done.files.map((f: any) => f.id)).toEqual([up.file_id, other.file_id]);
  });
});

describe('slack wire fidelity over HTTP (official WebClient)', () => {
  let live: LiveServer;
  beforeAll(async () => { live = await startLiveServer({ base: baseWorkspace() }); }, 60_000);
  afterAll(() => live?.close());

  async function slackErr(p: Promise<unknown>): Promise<string> {
    try {
      await p;
    } catch (e) {
      return (e as { data?: { error?: string } }).data?.error ?? '';
    }
    throw new Error('expected the call to fail');
  }

  it('conversations.info and conversations.list report a channel with an outsider as shared', async () => {
    const partner = plantOutsider(live.ws);
    const created = await live.slack.conversations.create({ name: 'ext-wire', is_private: true });
    const id = created.channel!.id!;
    expect(shared(created.channel!)).toEqual(NO);
    await live.slack.conversations.invite({ channel: id, users: partner });
    expect(shared((await live.slack.conversations.info({ channel: id })).channel!)).toEqual(YES);
    const list = await live.slack.conversations.list({ types: 'private_channel', limit: 1000 });
    expect(shared(list.channels!.find((c) => c.id === id)!)).toEqual(YES);
  });

  it('files.completeUploadExternal refuses a file id whose bytes were never uploaded', async () => {
    const up = await live.slack.files.getUploadURLExternal({ filename: 'never.txt', length: 5 });
    expect(await slackErr(live.slack.files.completeUploadExternal({ files: [{ id: up.file_id!, title: 'Never' }] }))).toBe('file_not_found');
    expect(live.ws.collection<SlackFile>(COL.files).peek(up.file_id!)!.state).toBe('pending');
  });
});
