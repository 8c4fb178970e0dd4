/**
 * The methods added to reach past 100: what each does to the workspace and who may do it,
 * called in process as the owner, a colleague or the app's bot (canvases, stars, dnd,
 * user groups, remote files, unfurls, public links, avatars).
 */
import { describe, expect, it } from 'vitest';
import type { TokenKind, Workspace } from '../../../harness/core/index.ts';
import { COL, type SlackCanvas, type SlackMessage } from '../../../harness/services/slack/model.ts';
import { channel, company, err, ok, owner, trial } from './helpers.ts';

/** A colleague who is in #general but not the owner. */
const colleague = company.employees.find((p) => p.slackId && p.id !== owner.id && p.team === 'Engineering')!;

/** Calls as another member (their user token). */
function as(ws: Workspace, who: { email: string }, method: string, args: Record<string, unknown> = {}, token: TokenKind = 'user') {
  return ws.invoke(`slack.${method}`, args, { face: 'tool', auth: { principal: who.email, tokenKind: token } });
}
const md = (markdown: string) => ({ type: 'markdown', markdown });

describe('canvases', () => {
  it('only the owner sees a new canvas; a channel grant lets its members read, a write grant lets them edit', () => {
    const ws = trial();
    const gen = channel(ws, 'general').id;
    const id = ok(ws, 'canvases.create', { title: 'Offsite plan', document_content: md('# Agenda\nDay one\n\n## Budget\n- travel\n- venue') }).canvas_id;
    const lookup = { canvas_id: id, criteria: JSON.stringify({ section_types: ['h2'] }) };
    const r1 = as(ws, colleague, 'canvases.sections.lookup', lookup);
    expect(r1.ok ? 'ok' : r1.error.reason).toBe('canvas_not_found');
    ok(ws, 'canvases.access.set', { canvas_id: id, access_level: 'read', channel_ids: JSON.stringify([gen]) });
    const r2 = as(ws, colleague, 'canvases.sections.lookup', lookup);
    expect(r2.ok && (r2.value as { sections: unknown[] }).sections.length).toBe(1);
    const edit = { canvas_id: id, changes: JSON.stringify([{ operation: 'insert_at_end', document_content: md('Signed off') }]) };
    const r3 = as(ws, colleague, 'canvases.edit', edit);
    expect(r3.ok ? 'ok' : r3.error.reason).toBe('restricted_action');
    ok(ws, 'canvases.access.set', { canvas_id: id, access_level: 'write', user_ids: JSON.stringify([colleague.slackId]) });
    expect(as(ws, colleague, 'canvases.edit', edit).ok).toBe(true);
    const r4 = as(ws, colleague, 'canvases.delete', { canvas_id: id });
    expect(r4.ok ? 'ok' : r4.error.reason).toBe('restricted_action');
    expect(err(ws, 'canvases.access.set', { canvas_id: id, access_level: 'read', channel_ids: JSON.stringify([gen]), user_ids: JSON.stringify([colleague.slackId]) })).toBe('invalid_parameters');
    ok(ws, 'canvases.access.delete', { canvas_id: id, user_ids: JSON.stringify([colleague.slackId]) });
    expect(ws.collection<SlackCanvas>(COL.canvases).peek(id)!.access).toEqual({ [`channel:${gen}`]: 'read' });
    ok(ws, 'canvases.delete', { canvas_id: id });
    expect(err(ws, 'canvases.delete', { canvas_id: id })).toBe('canvas_not_found');
  });

  it('edits by section: insert before/after, replace, delete, rename; the whole canvas replaced without a section id', () => {
    const ws = trial();
    const id = ok(ws, 'canvases.create', { title: 'Plan', document_content: md('# Goals\nShip\n\n# Risks\nScope') }).canvas_id;
    const text = () => ws.collection<SlackCanvas>(COL.canvases).peek(id)!.sections.map((s) => s.markdown);
    const [goals, , risks] = ws.collection<SlackCanvas>(COL.canvases).peek(id)!.sections.map((s) => s.id);
    const change = (c: Record<string, unknown>) => ok(ws, 'canvases.edit', { canvas_id: id, changes: JSON.stringify([c]) });
    change({ operation: 'insert_before', section_id: goals, document_content: md('Owner: Wei') });
    change({ operation: 'insert_after', section_id: risks, document_content: md('- budget') });
    expect(text()).toEqual(['Owner: Wei', '# Goals', 'Ship', '# Risks', '- budget', 'Scope']);
    change({ operation: 'replace', section_id: risks, document_content: md('# Open risks') });
    change({ operation: 'delete', section_id: goals });
    change({ operation: 'rename', title_content: md('Plan v2') });
    expect(text()).toEqual(['Owner: Wei', 'Ship', '# Open risks', '- budget', 'Scope']);
    expect(ws.collection<SlackCanvas>(COL.canvases).peek(id)!.title).toBe('Plan v2');
    expect(err(ws, 'canvases.edit', { canvas_id: id, changes: JSON.stringify([{ operation: 'delete', section_id: goals }]) })).toBe('canvas_editing_failed');
    change({ operation: 'replace', document_content: md('Fresh start') });
    expect(text()).toEqual(['Fresh start']);
    expect(err(ws, 'canvases.create', { document_content: '{"type":"html","html":"x"}' })).toBe('invalid_arguments');
  });

  it('a channel has one channel canvas, which its members can edit', () => {
    const ws = trial();
    const eng = channel(ws, 'engineering').id;
    const id = ok(ws, 'conversations.canvases.create', { channel_id: eng, document_content: md('# Eng notes') }).canvas_id;
    expect(err(ws, 'conversations.canvases.create', { channel_id: eng })).toBe('channel_canvas_already_exists');
    expect(as(ws, colleague, 'canvases.edit', { canvas_id: id, changes: JSON.stringify([{ operation: 'insert_at_end', document_content: md('- on-call rota') }]) }).ok).toBe(true);
    expect(err(ws, 'conversations.canvases.create', { channel_id: channel(ws, 'design').id })).toBe('not_in_channel');
  });
});

describe('stars, dnd, user groups', () => {
  it('stars: messages, files and channels, newest first; already_starred, not_starred; only the caller sees them', () => {
    const ws = trial();
    const gen = channel(ws, 'general').id;
    const m = ok(ws, 'chat.postMessage', { channel: gen, text: 'save me' });
    const file = ok(ws, 'files.list', { count: 1 }).files[0].id;
    ok(ws, 'stars.add', { channel: gen, timestamp: m.ts });
    ok(ws, 'stars.add', { file });
    ok(ws, 'stars.add', { channel: gen });
    expect(err(ws, 'stars.add', { channel: gen, timestamp: m.ts })).toBe('already_starred');
    expect(err(ws, 'stars.add', {})).toBe('no_item_specified');
    const items = ok(ws, 'stars.list').items;
    expect(items.map((i: any) => i.type)).toEqual(['channel', 'file', 'message']);
    expect(items[2].message).toMatchObject({ ts: m.ts, is_starred: true });
    const other = as(ws, colleague, 'stars.list');
    expect(other.ok && (other.value as { items: unknown[] }).items).toEqual([]);
    ok(ws, 'stars.remove', { file });
    expect(err(ws, 'stars.remove', { file })).toBe('not_starred');
    expect(err(ws, 'stars.list', {}, 'bot')).toBe('not_allowed_token_type');
  });

  it('dnd: a snooze starts and ends; teamInfo answers for several members, at most 50', () => {
    const ws = trial();
    expect(ok(ws, 'dnd.info').snooze_enabled).toBe(false);
    const s = ok(ws, 'dnd.setSnooze', { num_minutes: 60 });
    expect(s).toMatchObject({ snooze_enabled: true, snooze_remaining: 3600 });
    expect(ok(ws, 'dnd.info')).toMatchObject({ snooze_enabled: true, snooze_endtime: s.snooze_endtime });
    ok(ws, 'dnd.endSnooze');
    expect(err(ws, 'dnd.endSnooze')).toBe('snooze_not_active');
    expect(err(ws, 'dnd.setSnooze', { num_minutes: 0 })).toBe('invalid_arguments');
    const ids = company.employees.slice(0, 3).map((p) => p.slackId);
    expect(Object.keys(ok(ws, 'dnd.teamInfo', { users: ids.join(',') }).users)).toEqual(ids);
    expect(err(ws, 'dnd.teamInfo', { users: company.employees.map((p) => p.slackId).concat(Array.from({ length: 20 }, (_, i) => `U0X${i}`)).join(',') })).toBe('too_many_users');
  });

  it('user groups: create, rename, members replaced, disable hides, enable shows; names and handles unique; the bot lacks usergroups:write', () => {
    const ws = trial();
    const g = ok(ws, 'usergroups.create', { name: 'Pilot team', description: 'Initech pilot' }).usergroup;
    expect(g).toMatchObject({ handle: 'pilot-team', user_count: 0, created_by: owner.slackId, deleted_by: null });
    expect(err(ws, 'usergroups.create', { name: 'pilot TEAM' })).toBe('name_already_exists');
    expect(err(ws, 'usergroups.create', { name: 'Other', handle: 'general' })).toBe('handle_already_exists');
    expect(err(ws, 'usergroups.create', { name: 'Other', handle: 'Bad Handle' })).toBe('invalid_handle');
    ok(ws, 'usergroups.update', { usergroup: g.id, name: 'Pilot crew', handle: 'pilot-crew' });
    const members = [owner.slackId, colleague.slackId];
    expect(ok(ws, 'usergroups.users.update', { usergroup: g.id, users: members.join(',') }).usergroup.users).toEqual(members);
    expect(err(ws, 'usergroups.users.update', { usergroup: g.id, users: 'U0NOBODY00' })).toBe('invalid_users');
    expect(ok(ws, 'usergroups.users.list', { usergroup: g.id }).users).toEqual(members);
    ok(ws, 'usergroups.disable', { usergroup: g.id });
    expect(ok(ws, 'usergroups.list').usergroups.map((x: any) => x.id)).not.toContain(g.id);
    expect(err(ws, 'usergroups.users.list', { usergroup: g.id })).toBe('subteam_disabled');
    expect(ok(ws, 'usergroups.list', { include_disabled: true }).usergroups.find((x: any) => x.id === g.id).deleted_by).toBe(owner.slackId);
    ok(ws, 'usergroups.enable', { usergroup: g.id });
    expect(ok(ws, 'usergroups.list').usergroups.find((x: any) => x.id === g.id)).toMatchObject({ name: 'Pilot crew', handle: 'pilot-crew', date_delete: 0 });
    // Members join the group's default channels (with the join message); members already there stay as they are.
    const legal = channel(ws, 'legal-private').id;
    expect(err(ws, 'usergroups.update', { usergroup: g.id, channels: legal })).toBe('invalid_channel');
    const leadership = channel(ws, 'leadership');
    ok(ws, 'usergroups.update', { usergroup: g.id, channels: leadership.id });
    expect(channel(ws, 'leadership').members).toContain(colleague.slackId);
    const newcomer = company.employees.find((p) => p.slackId && !channel(ws, 'leadership').members.includes(p.slackId))!;
    ok(ws, 'usergroups.users.update', { usergroup: g.id, users: [...members, newcomer.slackId].join(',') });
    expect(channel(ws, 'leadership').members).toContain(newcomer.slackId);
    expect(ok(ws, 'conversations.history', { channel: leadership.id, limit: 1 }).messages[0]).toMatchObject({ subtype: 'channel_join', text: `<@${newcomer.slackId}> has joined the channel` });
    const r = ws.invoke('slack.usergroups.create', { name: 'Bots' }, { face: 'tool', auth: { principal: owner.email, tokenKind: 'bot' } });
    const body: Record<string, unknown> = r.ok ? {} : { error: r.error.reason, ...r.error.extra };
    expect(body).toMatchObject({ error: 'missing_scope', needed: 'usergroups:write', provided: expect.stringContaining('chat:write') });
  });
});

describe('files: remote files, public links; avatars; unfurls', () => {
  it('remote files: the bot adds (adding again updates), shares into a channel, and removes; users may read but not add', () => {
    const ws = trial();
    const gen = channel(ws, 'general').id;
    const args = { external_id: 'doc-7', external_url: 'https://docs.corvidlabs.com/d/7', title: 'Launch plan' };
    const f = ok(ws, 'files.remote.add', args, 'bot').file;
    expect(f).toMatchObject({ mode: 'external', is_external: true, external_id: 'doc-7', external_url: 'https://docs.corvidlabs.com/d/7', url_private: 'https://docs.corvidlabs.com/d/7' });
    expect(ok(ws, 'files.remote.add', { ...args, title: 'Launch plan v2' }, 'bot').file.id).toBe(f.id);
    expect(err(ws, 'files.remote.add', args)).toBe('not_allowed_token_type');
    ok(ws, 'files.remote.share', { file: f.id, channels: gen }, 'bot');
    const post = ok(ws, 'conversations.history', { channel: gen, limit: 1 }).messages[0];
    expect(post.files[0]).toMatchObject({ id: f.id, title: 'Launch plan v2' });
    expect(ok(ws, 'files.remote.info', { external_id: 'doc-7' }).file.channels).toEqual([gen]);
    expect(ok(ws, 'files.remote.list', { channel: gen }).files.map((x: any) => x.id)).toEqual([f.id]);
    ok(ws, 'files.remote.remove', { external_id: 'doc-7' }, 'bot');
    expect(err(ws, 'files.remote.info', { file: f.id })).toBe('file_not_found');
  });

  it('a public link on the caller\'s own file; revoked again; others\' files refused', () => {
    const ws = trial();
    const up = ok(ws, 'files.getUploadURLExternal', { filename: 'plan.txt', length: 4 });
    ok(ws, 'files.uploadExternal', { file_id: up.file_id, content: 'plan' });
    ok(ws, 'files.completeUploadExternal', { files: JSON.stringify([{ id: up.file_id }]) });
    const shared = ok(ws, 'files.sharedPublicURL', { file: up.file_id }).file;
    expect(shared.public_url_shared).toBe(true);
    expect(shared.permalink_public).toMatch(/^https:\/\/slack-files\.com\/T0CORVID1-/);
    expect(err(ws, 'files.sharedPublicURL', { file: up.file_id })).toBe('already_public');
    expect(ok(ws, 'files.revokePublicURL', { file: up.file_id }).file.public_url_shared).toBe(false);
    const theirs = ok(ws, 'files.list', { count: 100 }).files.find((f: any) => f.user !== owner.slackId);
    expect(err(ws, 'files.sharedPublicURL', { file: theirs.id })).toBe('not_allowed');
  });

  it('users.setPhoto takes PNG/JPEG/GIF bytes (new avatar hash, original image), refuses other bytes; deletePhoto restores the default', () => {
    const ws = trial();
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
    const photo = (data: Buffer) => ws.invoke('slack.users.setPhoto', {}, { face: 'tool', auth: { principal: owner.email, tokenKind: 'user' }, media: { mimeType: 'image/png', data } });
    const r = photo(png);
    expect(r.ok).toBe(true);
    const profile = ok(ws, 'users.profile.get').profile;
    expect(profile).toMatchObject({ is_custom_image: true, image_original: expect.stringMatching(/_original\.png$/) });
    expect(profile.avatar_hash).toMatch(/^[0-9a-f]{12}$/);
    const bad = photo(Buffer.from('not an image'));
    expect(bad.ok ? '' : bad.error.reason).toBe('bad_image');
    ok(ws, 'users.deletePhoto');
    const after = ok(ws, 'users.profile.get').profile;
    expect(after.image_original).toBeUndefined();
    expect(after.avatar_hash).toMatch(/^g/);
  });

  it('chat.unfurl adds previews of links in the message, seen by every reader; other URLs are refused', () => {
    const ws = trial();
    const gen = channel(ws, 'general').id;
    const m = ok(ws, 'chat.postMessage', { channel: gen, text: 'Ticket <https://tickets.corvidlabs.com/T-9|T-9> is open' }, 'bot');
    expect(err(ws, 'chat.unfurl', { channel: gen, ts: m.ts, unfurls: JSON.stringify({ 'https://elsewhere.example/1': { text: 'x' } }) }, 'bot')).toBe('cannot_unfurl_message');
    expect(err(ws, 'chat.unfurl', { channel: gen, ts: '1.000001', unfurls: '{}' }, 'bot')).toBe('cannot_find_message');
    expect(err(ws, 'chat.unfurl', { channel: gen, ts: m.ts, unfurls: 'nope' }, 'bot')).toBe('invalid_unfurls_format');
    ok(ws, 'chat.unfurl', { channel: gen, ts: m.ts, unfurls: JSON.stringify({ 'https://tickets.corvidlabs.com/T-9': { title: 'T-9: login fails', text: 'Priority: high' } }) }, 'bot');
    const stored = ws.collection<SlackMessage>(COL.messages).peek(`${gen}:${m.ts}`)!;
    expect(stored.attachments).toEqual([expect.objectContaining({ title: 'T-9: login fails', app_unfurl_url: 'https://tickets.corvidlabs.com/T-9', is_app_unfurl: true })]);
    expect(ok(ws, 'conversations.history', { channel: gen, limit: 1 }).messages[0].attachments[0].title).toBe('T-9: login fails');
  });

  it('calls: registered by a calling app with members and outside people, updated, participants changed, ended', () => {
    const ws = trial();
    const call = ok(ws, 'calls.add', { external_unique_id: 'zoom-1', join_url: 'https://meet.corvidlabs.com/1', title: 'Pricing sync', users: JSON.stringify([{ slack_id: colleague.slackId }, { external_id: 'k1', display_name: 'Kenji' }]) }).call;
    expect(call).toMatchObject({ id: expect.stringMatching(/^R/), title: 'Pricing sync', date_start: Math.floor(ws.nowMs() / 1000), users: [{ slack_id: colleague.slackId }, { external_id: 'k1', display_name: 'Kenji' }] });
    expect(err(ws, 'calls.add', { external_unique_id: 'x', join_url: 'https://x.example', users: JSON.stringify([{ slack_id: 'U0NOBODY00' }]) })).toBe('user_not_found');
    expect(err(ws, 'calls.add', { external_unique_id: 'x', join_url: 'https://x.example' }, 'bot')).toBe('invalid_created_by');
    expect(err(ws, 'calls.add', { external_unique_id: 'x', join_url: 'ftp://x' })).toBe('invalid_arguments');
    ok(ws, 'calls.update', { id: call.id, title: 'Pricing sync (moved)' });
    ok(ws, 'calls.participants.add', { id: call.id, users: JSON.stringify([{ slack_id: owner.slackId }]) });
    ok(ws, 'calls.participants.remove', { id: call.id, users: JSON.stringify([{ external_id: 'k1', display_name: 'Kenji' }]) });
    expect(ok(ws, 'calls.info', { id: call.id }).call).toMatchObject({ title: 'Pricing sync (moved)', users: [{ slack_id: colleague.slackId }, { slack_id: owner.slackId }] });
    expect(ok(ws, 'calls.end', { id: call.id, duration: 600 }).call.date_end).toBe(call.date_start + 600);
    expect(err(ws, 'calls.info', { id: 'R0NOPE' })).toBe('invalid_arguments');
  });
});
