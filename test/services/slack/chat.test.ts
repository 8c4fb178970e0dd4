import { describe, expect, it } from 'vitest';
import { COL } from '../../../harness/services/slack/model.ts';
import { channel, company, err, ok, owner, trial } from './helpers.ts';

describe('slack chat and channel writes', () => {
  it('postMessage stores a message with an increasing ts and renders blocks from JSON strings', () => {
    const ws = trial();
    const gen = channel(ws, 'general').id;
    const a = ok(ws, 'chat.postMessage', { channel: gen, text: 'hello team' });
    const b = ok(ws, 'chat.postMessage', { channel: '#general', text: 'x', blocks: JSON.stringify([{ type: 'section', text: { type: 'mrkdwn', text: '*hi*' } }]) });
    expect(a.ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(Number(b.ts)).toBeGreaterThan(Number(a.ts));
    expect(b.message.blocks[0].type).toBe('section');
    expect(a.message.user).toBe(owner.slackId);
    const top = ok(ws, 'conversations.history', { channel: gen, limit: 2 }).messages;
    expect(top.map((m: any) => m.ts)).toEqual([b.ts, a.ts]);
    expect(ws.diff()[COL.messages]!.added).toHaveLength(2);
  });

  it('rejects bad posts with the real error strings and leaves no trace', () => {
    const ws = trial();
    expect(err(ws, 'chat.postMessage', { channel: channel(ws, 'general').id })).toBe('no_text');
    expect(err(ws, 'chat.postMessage', { channel: 'C0NOPE00000', text: 'x' })).toBe('channel_not_found');
    expect(err(ws, 'chat.postMessage', { channel: channel(ws, 'q3-offsite').id, text: 'x' })).toBe('is_archived');
    expect(err(ws, 'chat.postMessage', { channel: channel(ws, 'design').id, text: 'x' })).toBe('not_in_channel');
    expect(err(ws, 'chat.postMessage', { channel: channel(ws, 'sales').id, text: 'x' }, 'bot')).toBe('not_in_channel');
    expect(err(ws, 'chat.postMessage', { channel: channel(ws, 'general').id, text: 'x'.repeat(40_001) })).toBe('msg_too_long');
    expect(ws.diff()).toEqual({});
  });

  it('bot posts carry bot_id and bot_profile', () => {
    const ws = trial();
    const r = ok(ws, 'chat.postMessage', { channel: channel(ws, 'engineering').id, text: 'build green' }, 'bot');
    expect(r.message.bot_id).toMatch(/^B/);
    expect(r.message.bot_profile.name).toBe('Deskbench Assistant');
  });

  it('threads: replies update the parent summary; broadcast replies show in history', () => {
    const ws = trial();
    const gen = channel(ws, 'general').id;
    const p = ok(ws, 'chat.postMessage', { channel: gen, text: 'parent' });
    const r1 = ok(ws, 'chat.postMessage', { channel: gen, text: 'r1', thread_ts: p.ts });
    const r2 = ok(ws, 'chat.postMessage', { channel: gen, text: 'r2', thread_ts: r1.ts, reply_broadcast: 'true' });
    expect(r2.message.thread_ts).toBe(p.ts);
    const thread = ok(ws, 'conversations.replies', { channel: gen, ts: p.ts }).messages;
    expect(thread.map((m: any) => m.text)).toEqual(['parent', 'r1', 'r2']);
    expect(thread[0].reply_count).toBe(2);
    expect(thread[0].latest_reply).toBe(r2.ts);
    const hist = ok(ws, 'conversations.history', { channel: gen, limit: 3 }).messages;
    expect(hist[0].subtype).toBe('thread_broadcast');
    expect(hist.some((m: any) => m.text === 'r1')).toBe(false);
    expect(err(ws, 'chat.postMessage', { channel: gen, text: 'x', thread_ts: '1.000000' })).toBe('thread_not_found');
    ok(ws, 'chat.delete', { channel: gen, ts: r1.ts });
    expect(ok(ws, 'conversations.replies', { channel: gen, ts: p.ts }).messages[0].reply_count).toBe(1);
  });

  it('update and delete only own messages', () => {
    const ws = trial();
    const gen = channel(ws, 'general').id;
    const mine = ok(ws, 'chat.postMessage', { channel: gen, text: 'typo' });
    const u = ok(ws, 'chat.update', { channel: gen, ts: mine.ts, text: 'fixed' });
    expect(u.message.edited.user).toBe(owner.slackId);
    expect(u.text).toBe('fixed');
    const theirs = ok(ws, 'conversations.history', { channel: gen, limit: 50 }).messages.find((m: any) => m.user && m.user !== owner.slackId);
    expect(err(ws, 'chat.update', { channel: gen, ts: theirs.ts, text: 'x' })).toBe('cant_update_message');
    expect(err(ws, 'chat.delete', { channel: gen, ts: theirs.ts })).toBe('cant_delete_message');
    expect(err(ws, 'chat.delete', { channel: gen, ts: '1.000001' })).toBe('message_not_found');
    ok(ws, 'chat.delete', { channel: gen, ts: mine.ts });
    expect(err(ws, 'chat.getPermalink', { channel: gen, message_ts: mine.ts })).toBe('message_not_found');
    expect(ok(ws, 'chat.getPermalink', { channel: gen, message_ts: theirs.ts }).permalink).toBe(`https://corvidlabs.slack.com/archives/${gen}/p${theirs.ts.replace('.', '')}`);
  });

  it('posting to a user id opens a DM; conversations.open finds DMs and creates group DMs', () => {
    const ws = trial();
    const other = company.employees.find((p) => p.title === 'Chief Executive Officer')!;
    const r = ok(ws, 'chat.postMessage', { channel: other.slackId, text: 'got a minute?' });
    expect(r.channel).toMatch(/^D/);
    expect(ok(ws, 'conversations.open', { users: other.slackId }).channel.id).toBe(r.channel);
    const two = company.employees.filter((p) => p.team === 'Legal').slice(0, 2).map((p) => p.slackId).join(',');
    const g = ok(ws, 'conversations.open', { users: two });
    expect(g.channel.is_mpim).toBe(true);
    expect(ok(ws, 'conversations.open', { users: two }).channel.id).toBe(g.channel.id);
    expect(err(ws, 'conversations.open', { users: 'U0NOBODY' })).toBe('user_not_found');
    ok(ws, 'conversations.close', { channel: r.channel });
    expect(ok(ws, 'conversations.close', { channel: r.channel }).already_closed).toBe(true);
  });

  it('create, rename, topic, invite, kick, leave, join, archive', () => {
    const ws = trial();
    const c = ok(ws, 'conversations.create', { name: 'q2-planning', is_private: 'true' }).channel;
    expect(c.is_private).toBe(true);
    expect(err(ws, 'conversations.create', { name: 'q2-planning' })).toBe('name_taken');
    expect(err(ws, 'conversations.create', { name: 'Bad Name' })).toBe('invalid_name_specials');
    const renamed = ok(ws, 'conversations.rename', { channel: c.id, name: 'q2-plan' }).channel;
    expect(renamed.previous_names).toEqual(['q2-planning']);
    expect(ok(ws, 'conversations.setTopic', { channel: c.id, topic: 'Planning Q2' }).channel.topic.value).toBe('Planning Q2');
    const people = company.employees.filter((p) => p.team === 'Finance').map((p) => p.slackId!);
    expect(ok(ws, 'conversations.invite', { channel: c.id, users: people.join(',') }).channel.id).toBe(c.id);
    expect(ok(ws, 'conversations.info', { channel: c.id, include_num_members: true }).channel.num_members).toBe(1 + people.length);
    expect(err(ws, 'conversations.invite', { channel: c.id, users: people[0] })).toBe('already_in_channel');
    expect(err(ws, 'conversations.invite', { channel: c.id, users: owner.slackId })).toBe('cant_invite_self');
    ok(ws, 'conversations.kick', { channel: c.id, user: people[0] });
    expect(ok(ws, 'conversations.members', { channel: c.id }).members).not.toContain(people[0]);
    const design = channel(ws, 'design').id;
    expect(ok(ws, 'conversations.join', { channel: design }).channel.is_member).toBe(true);
    ok(ws, 'conversations.leave', { channel: design });
    expect(err(ws, 'conversations.leave', { channel: channel(ws, 'general').id })).toBe('cant_leave_general');
    ok(ws, 'conversations.archive', { channel: c.id });
    expect(err(ws, 'chat.postMessage', { channel: c.id, text: 'x' })).toBe('is_archived');
    expect(err(ws, 'conversations.archive', { channel: c.id })).toBe('already_archived');
    ok(ws, 'conversations.unarchive', { channel: c.id });
    expect(err(ws, 'conversations.archive', { channel: channel(ws, 'general').id })).toBe('cant_archive_general');
    ok(ws, 'conversations.mark', { channel: c.id, ts: '1773669600.000001' });
    expect(ok(ws, 'conversations.info', { channel: c.id }).channel.last_read).toBe('1773669600.000001');
  });

  it('scheduled messages: schedule, list, delete, and time checks', () => {
    const ws = trial();
    const gen = channel(ws, 'general').id;
    const now = Math.floor(ws.nowMs() / 1000);
    expect(err(ws, 'chat.scheduleMessage', { channel: gen, text: 'x', post_at: now - 10 })).toBe('time_in_past');
    expect(err(ws, 'chat.scheduleMessage', { channel: gen, text: 'x', post_at: now + 200 * 86400 })).toBe('time_too_far');
    const s = ok(ws, 'chat.scheduleMessage', { channel: gen, text: 'standup moved', post_at: String(now + 3600) });
    expect(s.scheduled_message_id).toMatch(/^Q/);
    const list = ok(ws, 'chat.scheduledMessages.list', { channel: gen }).scheduled_messages;
    expect(list).toEqual([expect.objectContaining({ id: s.scheduled_message_id, text: 'standup moved', channel_id: gen })]);
    ok(ws, 'chat.deleteScheduledMessage', { channel: gen, scheduled_message_id: s.scheduled_message_id });
    expect(err(ws, 'chat.deleteScheduledMessage', { channel: gen, scheduled_message_id: s.scheduled_message_id })).toBe('invalid_scheduled_message_id');
  });

  it('ephemeral and me messages', () => {
    const ws = trial();
    const gen = channel(ws, 'general');
    const someone = gen.members.find((m) => m !== owner.slackId && m.startsWith('U0') && !m.includes('BOT'))!;
    expect(ok(ws, 'chat.postEphemeral', { channel: gen.id, user: someone, text: 'psst' }).message_ts).toMatch(/\./);
    expect(ws.diff()[COL.messages]).toBeUndefined();
    const me = ok(ws, 'chat.meMessage', { channel: gen.id, text: 'waves' });
    expect(ok(ws, 'conversations.history', { channel: gen.id, limit: 1 }).messages[0]).toMatchObject({ ts: me.ts, subtype: 'me_message' });
  });
});
