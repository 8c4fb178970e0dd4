import { describe, expect, it } from 'vitest';
import { slackService } from '../../../harness/services/slack/index.ts';
import { channel, company, err, ok, owner, trial } from './helpers.ts';

describe('slack users, reactions, pins, bookmarks, files, search, groups', () => {
  it('implements at least 45 methods, each with described params', () => {
    expect(slackService.operations.length).toBeGreaterThanOrEqual(45);
    for (const op of slackService.operations) expect(op.http.path).toBe(`/api/${op.id.slice('slack.'.length)}`);
  });

  it('users: list pages, info, lookupByEmail, presence, profile', () => {
    const ws = trial();
    const p1 = ok(ws, 'users.list', { limit: 20 });
    const p2 = ok(ws, 'users.list', { limit: 100, cursor: p1.response_metadata.next_cursor });
    expect(p1.members.length + p2.members.length).toBe(company.employees.length + 3);
    expect(p2.response_metadata.next_cursor).toBe('');
    expect(p1.members.concat(p2.members).some((u: any) => u.deleted)).toBe(true);
    const someone = company.employees[4]!;
    expect(ok(ws, 'users.lookupByEmail', { email: someone.email.toUpperCase() }).user.id).toBe(someone.slackId);
    expect(err(ws, 'users.lookupByEmail', { email: 'x@corvid-labs.com' })).toBe('users_not_found');
    expect(ok(ws, 'users.info', { user: someone.slackId }).user.profile.email).toBe(someone.email);
    expect(err(ws, 'users.info', { user: 'U0NOPE' })).toBe('user_not_found');
    ok(ws, 'users.setPresence', { presence: 'away' });
    expect(ok(ws, 'users.getPresence', {})).toMatchObject({ presence: 'away', manual_away: true });
    expect(err(ws, 'users.setPresence', { presence: 'busy' })).toBe('invalid_presence');
    expect(err(ws, 'users.setPresence', { presence: 'away' }, 'bot')).toBe('missing_scope');
    expect(ok(ws, 'users.profile.get', { user: owner.slackId }).profile.title).toBe('Chief of Staff');
  });

  it('reactions add/get/remove/list', () => {
    const ws = trial();
    const gen = channel(ws, 'general').id;
    const m = ok(ws, 'chat.postMessage', { channel: gen, text: 'ship it' });
    ok(ws, 'reactions.add', { channel: gen, timestamp: m.ts, name: ':rocket:' });
    expect(err(ws, 'reactions.add', { channel: gen, timestamp: m.ts, name: 'rocket' })).toBe('already_reacted');
    expect(err(ws, 'reactions.add', { channel: gen, timestamp: m.ts, name: 'not an emoji' })).toBe('invalid_name');
    expect(ok(ws, 'reactions.get', { channel: gen, timestamp: m.ts }).message.reactions).toEqual([{ name: 'rocket', users: [owner.slackId], count: 1 }]);
    expect(ok(ws, 'reactions.list', { limit: 1 }).items[0].message.ts).toBe(m.ts);
    ok(ws, 'reactions.remove', { channel: gen, timestamp: m.ts, name: 'rocket' });
    expect(err(ws, 'reactions.remove', { channel: gen, timestamp: m.ts, name: 'rocket' })).toBe('no_reaction');
    expect(ok(ws, 'reactions.get', { channel: gen, timestamp: m.ts }).message.reactions).toBeUndefined();
  });

  it('pins and bookmarks', () => {
    const ws = trial();
    const gen = channel(ws, 'general').id;
    const m = ok(ws, 'chat.postMessage', { channel: gen, text: 'read me' });
    ok(ws, 'pins.add', { channel: gen, timestamp: m.ts });
    expect(err(ws, 'pins.add', { channel: gen, timestamp: m.ts })).toBe('already_pinned');
    expect(ok(ws, 'pins.list', { channel: gen }).items[0]).toMatchObject({ type: 'message', created_by: owner.slackId, message: { ts: m.ts } });
    ok(ws, 'pins.remove', { channel: gen, timestamp: m.ts });
    expect(err(ws, 'pins.remove', { channel: gen, timestamp: m.ts })).toBe('no_pin');
    const before = ok(ws, 'bookmarks.list', { channel_id: gen }).bookmarks;
    expect(before.map((b: any) => b.title)).toContain('Employee handbook');
    const b = ok(ws, 'bookmarks.add', { channel_id: gen, title: 'Wiki', type: 'link', link: 'https://wiki.corvidlabs.com' }).bookmark;
    expect(ok(ws, 'bookmarks.list', { channel_id: gen }).bookmarks.at(-1).id).toBe(b.id);
    expect(ok(ws, 'bookmarks.edit', { channel_id: gen, bookmark_id: b.id, title: 'Team wiki' }).bookmark.title).toBe('Team wiki');
    ok(ws, 'bookmarks.remove', { channel_id: gen, bookmark_id: b.id });
    expect(err(ws, 'bookmarks.remove', { channel_id: gen, bookmark_id: b.id })).toBe('not_found');
    expect(err(ws, 'bookmarks.add', { channel_id: gen, title: 'x', type: 'link', link: 'https://x.com' }, 'bot')).toBe('missing_scope');
  });

  it('files: list, info with content, external upload flow, delete', () => {
    const ws = trial();
    const files = ok(ws, 'files.list', { count: 100 }).files;
    expect(files.length).toBeGreaterThanOrEqual(9);
    expect(files.some((f: any) => f.name === 'headcount-plan-2026.csv')).toBe(true);
    const runbook = files.find((f: any) => f.name === 'oncall-runbook.md');
    const info = ok(ws, 'files.info', { file: runbook.id });
    // Slack puts a snippet's text beside the file object, not inside it.
    expect(info.content).toContain('dead-letter queue');
    expect(info.file.content).toBeUndefined();
    expect(err(ws, 'files.delete', { file: runbook.id })).toBe('cant_delete_file');
    const up = ok(ws, 'files.getUploadURLExternal', { filename: 'notes.txt', length: 11 });
    expect(up.upload_url).toBe(`/api/files.uploadExternal?file_id=${up.file_id}`);
    ok(ws, 'files.uploadExternal', { file_id: up.file_id, content: 'hello world' });
    const gen = channel(ws, 'general').id;
    const done = ok(ws, 'files.completeUploadExternal', { files: JSON.stringify([{ id: up.file_id, title: 'Notes' }]), channel_id: gen, initial_comment: 'see notes' });
    expect(done.files[0]).toMatchObject({ id: up.file_id, title: 'Notes', channels: [gen] });
    const post = ok(ws, 'conversations.history', { channel: gen, limit: 1 }).messages[0];
    expect(post).toMatchObject({ text: 'see notes', files: [expect.objectContaining({ id: up.file_id })] });
    expect(ok(ws, 'files.info', { file: up.file_id }).content).toBe('hello world');
    ok(ws, 'files.delete', { file: up.file_id });
    expect(err(ws, 'files.info', { file: up.file_id })).toBe('file_not_found');
    expect(err(ws, 'files.completeUploadExternal', { files: '[{"id":"F0NOPE"}]' })).toBe('file_not_found');
  });

  it('search is user-token only and honours in:/from:/phrases; private channels stay private', () => {
    const ws = trial();
    expect(err(ws, 'search.messages', { query: 'deploy' }, 'bot')).toBe('not_allowed_token_type');
    const gen = channel(ws, 'general').id;
    ok(ws, 'chat.postMessage', { channel: gen, text: 'The zebra migration is done' });
    const r = ok(ws, 'search.messages', { query: '"zebra migration" in:#general from:me' });
    expect(r.messages.total).toBe(1);
    expect(r.messages.matches[0]).toMatchObject({ channel: { id: gen, name: 'general' }, user: owner.slackId });
    expect(ok(ws, 'search.messages', { query: 'zebra in:#random' }).messages.total).toBe(0);
    const legal = ok(ws, 'search.messages', { query: 'trademark' }).messages.matches;
    expect(legal.some((m: any) => m.channel.name === 'legal-private')).toBe(false);
    const paged = ok(ws, 'search.messages', { query: 'the', count: 5, page: 2, sort: 'timestamp' }).messages;
    expect(paged.paging).toMatchObject({ count: 5, page: 2 });
    expect(ok(ws, 'search.files', { query: 'runbook' }).files.matches[0].name).toBe('oncall-runbook.md');
    const both = ok(ws, 'search.all', { query: 'pipeline' });
    expect(both.messages.total).toBeGreaterThan(0);
    expect(both.files.total).toBeGreaterThan(0);
  });

  it('team, emoji, dnd, bots, usergroups', () => {
    const ws = trial();
    expect(ok(ws, 'team.info').team).toMatchObject({ id: 'T0CORVID1', domain: 'corvidlabs', email_domain: 'corvidlabs.com' });
    expect(ok(ws, 'team.profile.get').profile.fields.length).toBeGreaterThan(0);
    expect(ok(ws, 'emoji.list').emoji['corvid-party']).toMatch(/^https:/);
    expect(ok(ws, 'dnd.info')).toHaveProperty('dnd_enabled');
    expect(err(ws, 'dnd.info', {}, 'bot')).toBe('missing_scope');
    const bot = ok(ws, 'auth.test', {}, 'bot');
    expect(ok(ws, 'bots.info', { bot: bot.bot_id }).bot.user_id).toBe(bot.user_id);
    const groups = ok(ws, 'usergroups.list', { include_users: 'true' }).usergroups;
    const eng = groups.find((g: any) => g.handle === 'eng');
    expect(eng.users.length).toBe(company.employees.filter((p) => p.team === 'Engineering').length);
    expect(groups.some((g: any) => g.handle === 'leads')).toBe(true);
    expect(ok(ws, 'usergroups.users.list', { usergroup: eng.id }).users).toEqual(eng.users);
    expect(err(ws, 'usergroups.users.list', { usergroup: 'S0NOPE' })).toBe('no_such_subteam');
  });
});

describe('slack robustness', () => {
  it('dummy arguments never crash a handler (every failure is a Slack error)', () => {
    const ws = trial();
    const dummy = { channel: 'x', channel_id: 'x', user: 'x', users: 'x', ts: 'x', timestamp: 'x', message_ts: 'x', name: 'x', text: 'x', topic: 'x', purpose: 'x', file: 'x', file_id: 'x', files: 'x', filename: 'x', length: 'x', query: 'x', usergroup: 'x', bot: 'x', email: 'x', presence: 'x', post_at: 'x', scheduled_message_id: 'x', bookmark_id: 'x', title: 'x', type: 'x', link: 'x', cursor: 'x', limit: 'x' };
    for (const op of slackService.operations) {
      for (const args of [{}, dummy]) {
        for (const tokenKind of ['user', 'bot'] as const) {
          const r = ws.invoke(op.id, args, { face: 'tool', auth: { principal: owner.email, tokenKind } });
          if (!r.ok) expect(r.error.httpStatus, `${op.id} ${r.error.reason}`).toBe(200);
        }
      }
    }
  });
});
