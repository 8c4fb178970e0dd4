import { describe, expect, it } from 'vitest';
import { channel, err, ok, owner, trial } from './helpers.ts';

describe('slack conversations (read)', () => {
  it('auth.test names the owner for user tokens and the bot for bot tokens', () => {
    const ws = trial();
    const u = ok(ws, 'auth.test');
    expect(u.user_id).toBe(owner.slackId);
    expect(u.team_id).toBe('T0CORVID1');
    expect(u.bot_id).toBeUndefined();
    const b = ok(ws, 'auth.test', {}, 'bot');
    expect(b.user).toBe('deskbench-bot');
    expect(b.bot_id).toMatch(/^B/);
  });

  it('unknown principals are invalid_auth', () => {
    const ws = trial();
    const r = ws.invoke('slack.auth.test', {}, { face: 'tool', auth: { principal: 'nobody@corvidlabs.com', tokenKind: 'user' } });
    expect(r.ok ? '' : r.error.reason).toBe('invalid_auth');
  });

  it('conversations.list defaults to public channels and filters by types and exclude_archived', () => {
    const ws = trial();
    const pub = ok(ws, 'conversations.list', { limit: '1000' }).channels;
    expect(pub.length).toBeGreaterThanOrEqual(17);
    expect(pub.every((c: any) => c.is_channel && !c.is_private)).toBe(true);
    expect(pub.some((c: any) => c.name === 'q3-offsite' && c.is_archived)).toBe(true);
    const live = ok(ws, 'conversations.list', { limit: 1000, exclude_archived: 'true' }).channels;
    expect(live.some((c: any) => c.is_archived)).toBe(false);
    const priv = ok(ws, 'conversations.list', { types: 'private_channel', limit: 1000 }).channels.map((c: any) => c.name);
    expect(priv).toContain('leadership');
    expect(priv).not.toContain('legal-private');
    expect(priv).not.toContain('finance-private');
    const ims = ok(ws, 'conversations.list', { types: 'im,mpim', limit: 1000 }).channels;
    expect(ims.filter((c: any) => c.is_im).length).toBeGreaterThanOrEqual(9);
    expect(ims.filter((c: any) => c.is_mpim).length).toBe(2);
    expect(err(ws, 'conversations.list', { types: 'channels' })).toBe('invalid_types');
  });

  it('conversations.list pages with cursors until next_cursor is empty', () => {
    const ws = trial();
    const seen: string[] = [];
    let cursor = '';
    let pages = 0;
    do {
      const r = ok(ws, 'conversations.list', { limit: 5, cursor, types: 'public_channel,private_channel' });
      seen.push(...r.channels.map((c: any) => c.id));
      cursor = r.response_metadata.next_cursor;
      pages++;
    } while (cursor);
    expect(pages).toBeGreaterThan(3);
    expect(new Set(seen).size).toBe(seen.length);
    expect(err(ws, 'conversations.list', { cursor: 'garbage!!' })).toBe('invalid_cursor');
  });

  it('private channels the caller is not in are channel_not_found', () => {
    const ws = trial();
    expect(err(ws, 'conversations.info', { channel: channel(ws, 'legal-private').id })).toBe('channel_not_found');
    expect(err(ws, 'conversations.history', { channel: channel(ws, 'finance-private').id })).toBe('channel_not_found');
    expect(ok(ws, 'conversations.info', { channel: channel(ws, 'leadership').id }).channel.is_private).toBe(true);
  });

  it('history is newest first, pages without overlap and honours oldest/latest/inclusive', () => {
    const ws = trial();
    const eng = channel(ws, 'engineering').id;
    const all: any[] = [];
    let cursor: string | undefined;
    do {
      const r = ok(ws, 'conversations.history', { channel: eng, limit: 100, ...(cursor ? { cursor } : {}) });
      all.push(...r.messages);
      expect(r.has_more).toBe(r.response_metadata.next_cursor !== '');
      cursor = r.response_metadata.next_cursor || undefined;
    } while (cursor);
    expect(all.length).toBeGreaterThan(250);
    for (let i = 1; i < all.length; i++) expect(Number(all[i - 1].ts)).toBeGreaterThan(Number(all[i].ts));
    expect(all.every((m) => !m.thread_ts || m.thread_ts === m.ts)).toBe(true);
    const mid = all[50].ts;
    const older = ok(ws, 'conversations.history', { channel: eng, latest: mid, limit: 5 }).messages;
    expect(older[0].ts).toBe(all[51].ts);
    const incl = ok(ws, 'conversations.history', { channel: eng, latest: mid, inclusive: 'true', limit: 5 }).messages;
    expect(incl[0].ts).toBe(mid);
    const newer = ok(ws, 'conversations.history', { channel: eng, oldest: all[3].ts, limit: 999 }).messages;
    expect(newer.map((m: any) => m.ts)).toEqual(all.slice(0, 3).map((m) => m.ts));
    expect(err(ws, 'conversations.history', { channel: eng, oldest: 'yesterday' })).toBe('invalid_ts_oldest');
  });

  it('base history has threads, reactions, bot messages and pins', () => {
    const ws = trial();
    const eng = channel(ws, 'engineering').id;
    const msgs = ok(ws, 'conversations.history', { channel: eng, limit: 999 }).messages;
    const parent = msgs.find((m: any) => m.reply_count > 0);
    expect(parent.latest_reply).toBeDefined();
    const thread = ok(ws, 'conversations.replies', { channel: eng, ts: parent.ts }).messages;
    expect(thread[0].ts).toBe(parent.ts);
    expect(thread.length).toBe(parent.reply_count + 1);
    expect(thread.slice(1).every((m: any) => m.thread_ts === parent.ts && m.parent_user_id)).toBe(true);
    expect(thread.at(-1).ts).toBe(parent.latest_reply);
    expect(msgs.some((m: any) => m.reactions?.length)).toBe(true);
    expect(msgs.some((m: any) => m.subtype === 'bot_message' && m.bot_id)).toBe(true);
    const deploys = ok(ws, 'conversations.history', { channel: channel(ws, 'deploys').id, limit: 50 }).messages;
    expect(deploys.some((m: any) => m.bot_profile?.name === 'Deploy Bot')).toBe(true);
    expect(ok(ws, 'pins.list', { channel: eng }).items.length).toBeGreaterThan(0);
  });

  it('the bot reads only channels it is in', () => {
    const ws = trial();
    expect(ok(ws, 'conversations.history', { channel: channel(ws, 'engineering').id, limit: 1 }, 'bot').messages).toHaveLength(1);
    expect(err(ws, 'conversations.history', { channel: channel(ws, 'sales').id }, 'bot')).toBe('not_in_channel');
    expect(err(ws, 'conversations.info', { channel: channel(ws, 'leadership').id }, 'bot')).toBe('channel_not_found');
    // The owner reads public channels they are not in.
    expect(ok(ws, 'conversations.history', { channel: channel(ws, 'design').id, limit: 1 }).messages).toHaveLength(1);
  });

  it('conversations.members and users.conversations agree', () => {
    const ws = trial();
    const lead = channel(ws, 'leadership');
    const members = ok(ws, 'conversations.members', { channel: lead.id }).members;
    expect(members).toContain(owner.slackId);
    const mine = ok(ws, 'users.conversations', { types: 'public_channel,private_channel', limit: 1000 }).channels.map((c: any) => c.id);
    expect(mine).toContain(lead.id);
    expect(mine).not.toContain(channel(ws, 'design').id);
  });
});
