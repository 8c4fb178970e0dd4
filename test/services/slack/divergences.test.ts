/**
 * The divergences from the real Slack Web API found by comparing responses field by field,
 * each checked through the official WebClient against a live server, from the public
 * reference: blocks on every message, profile images / avatar_hash / tz_offset, the fields
 * of conversations.info and conversations.list, reminders.* and users.profile.set existing
 * and acting, files.info placing a snippet's content beside the file, leaving a channel the
 * caller is not in answering not_in_channel, and the charset warnings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebClient } from '@slack/web-api';
import { baseWorkspace } from '../../../datasets/base-workspace.ts';
import { COL, type SlackMessage } from '../../../harness/services/slack/model.ts';
import { startLiveServer, type LiveServer } from '../../support/live-server.ts';

let live: LiveServer;
let slack: WebClient;
const chan: Record<string, string> = {};

/** The Slack error of a call that must fail, with the whole body. */
async function failure(p: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await p;
  } catch (e) {
    const err = e as { code?: string; data?: Record<string, unknown> };
    expect(err.code).toBe('slack_webapi_platform_error');
    return err.data ?? {};
  }
  throw new Error('expected the call to fail');
}

/** The words of a rich_text block, as a reader sees them (mentions as their ids, links as their text). */
function richWords(blocks: unknown): string {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (!v || typeof v !== 'object') return;
    const e = v as Record<string, unknown>;
    if (e.type === 'text') out.push(String(e.text));
    else if (e.type === 'link') out.push(String(e.text ?? e.url));
    else if (e.type === 'user') out.push(String(e.user_id));
    else if (e.type === 'channel') out.push(String(e.channel_id));
    else if (e.type === 'emoji') out.push(`:${String(e.name)}:`);
    else if (e.type === 'usergroup') out.push(String(e.usergroup_id));
    else if (e.type === 'broadcast') out.push(`@${String(e.range)}`);
    walk(e.elements);
  };
  walk(blocks);
  return out.join(' ');
}

/** The words of mrkdwn text a reader sees: mentions by id, links by label, formatting marks dropped. */
function textWords(text: string): string[] {
  const plain = text
    .replace(/<[@#!]([^|>]+)(?:\|[^>]*)?>/g, ' $1 ')
    .replace(/<([^|>]+)\|([^>]*)>/g, ' $2 ')
    .replace(/<([^>]+)>/g, ' $1 ')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  return plain.match(/[A-Za-z0-9]{2,}/g) ?? [];
}

beforeAll(async () => {
  live = await startLiveServer({ base: baseWorkspace() });
  slack = live.slack;
  const all = await slack.conversations.list({ types: 'public_channel,private_channel', limit: 1000 });
  for (const c of all.channels ?? []) chan[c.name!] = c.id!;
}, 60_000);
afterAll(() => live?.close());

describe('blocks: every message carries the rich_text Slack derives from its text', () => {
  it('every message of every conversation the owner can read, mirroring its words', async () => {
    const convs = await slack.conversations.list({ types: 'public_channel,private_channel,mpim,im', limit: 1000 });
    let seen = 0;
    for (const c of convs.channels ?? []) {
      for await (const page of slack.paginate('conversations.history', { channel: c.id!, limit: 200 })) {
        for (const m of (page as unknown as { messages: Array<Record<string, any>> }).messages) {
          seen++;
          if (!m.text) continue;
          expect(m.blocks?.[0]?.type, `${c.id} ${m.ts}`).toBe('rich_text');
          const words = richWords(m.blocks);
          for (const w of textWords(m.text)) expect(words, `${c.id} ${m.ts}`).toContain(w);
        }
      }
    }
    // The base workspace holds thousands of messages; the owner reads most of them.
    expect(seen).toBeGreaterThan(2_000);
  }, 60_000);

  it('a posted message gets sections, styles, mentions, links, emoji, lists, quotes and code; the stored record keeps only what was sent', async () => {
    const text = '*Ship* _today_ `npm ci` <@U000000ST> <#C0GF6MBM6I3|general> <https://docs.corvidlabs.com/x|the doc> :tada:\n• one\n• two\n&gt; quoted\n```code```';
    const r = await slack.chat.postMessage({ channel: chan.general!, text });
    const [block] = r.message!.blocks as Array<{ type: string; block_id: string; elements: Array<Record<string, any>> }>;
    expect(block!.type).toBe('rich_text');
    expect(block!.block_id).toMatch(/^[A-Za-z0-9]{5}$/);
    expect(block!.elements.map((e) => e.type)).toEqual(['rich_text_section', 'rich_text_list', 'rich_text_quote', 'rich_text_preformatted']);
    expect(block!.elements[0]!.elements).toEqual([
      { type: 'text', text: 'Ship', style: { bold: true } }, { type: 'text', text: ' ' },
      { type: 'text', text: 'today', style: { italic: true } }, { type: 'text', text: ' ' },
      { type: 'text', text: 'npm ci', style: { code: true } }, { type: 'text', text: ' ' },
      { type: 'user', user_id: 'U000000ST' }, { type: 'text', text: ' ' },
      { type: 'channel', channel_id: 'C0GF6MBM6I3' }, { type: 'text', text: ' ' },
      { type: 'link', url: 'https://docs.corvidlabs.com/x', text: 'the doc' }, { type: 'text', text: ' ' },
      { type: 'emoji', name: 'tada' },
    ]);
    expect(block!.elements[1]).toMatchObject({ style: 'bullet', elements: [{ elements: [{ text: 'one' }] }, { elements: [{ text: 'two' }] }] });
    expect(block!.elements[2]!.elements).toEqual([{ type: 'text', text: 'quoted' }]);
    expect(block!.elements[3]!.elements).toEqual([{ type: 'text', text: 'code' }]);
    // The same blocks on every read, and the record holds only what the caller sent.
    const again = await slack.conversations.history({ channel: chan.general!, latest: r.ts, inclusive: true, limit: 1 });
    expect(again.messages![0]!.blocks).toEqual(r.message!.blocks);
    expect(live.ws.collection<SlackMessage>(COL.messages).peek(`${chan.general}:${r.ts}`)!.blocks).toBeUndefined();
  });

  it('blocks the caller sends are kept; an edit re-derives blocks of a text-only message', async () => {
    const own = [{ type: 'section', text: { type: 'mrkdwn', text: 'custom' } }];
    const a = await slack.chat.postMessage({ channel: chan.general!, text: 'fallback', blocks: own });
    expect(a.message!.blocks).toMatchObject(own);
    const b = await slack.chat.postMessage({ channel: chan.general!, text: 'first words' });
    const upd = await slack.chat.update({ channel: chan.general!, ts: b.ts!, text: 'second words' });
    expect(richWords(upd.message!.blocks)).toBe('second words');
  });

  it('system messages (joins) carry no blocks, as Slack writes them', async () => {
    const c = await slack.conversations.create({ name: 'blockless-join' });
    const h = await slack.conversations.history({ channel: c.channel!.id! });
    const join = h.messages!.find((m) => m.subtype === 'channel_join')!;
    expect(join.blocks).toBeUndefined();
  });
});

describe('profiles: images, avatar_hash, time zone', () => {
  it('every member has image_24…image_512 and avatar_hash; photos add image_original and image_1024', async () => {
    const members: Array<Record<string, any>> = [];
    for await (const page of slack.paginate('users.list', { limit: 100 })) members.push(...(page as unknown as { members: Array<Record<string, any>> }).members);
    expect(members.length).toBeGreaterThan(40);
    let custom = 0;
    for (const u of members) {
      for (const size of [24, 32, 48, 72, 192, 512]) expect(u.profile[`image_${size}`], `${u.id} ${size}`).toMatch(/^https:\/\//);
      expect(u.profile.avatar_hash, u.id).toMatch(/^[0-9a-g][0-9a-f]{11}$/);
      if (u.profile.is_custom_image) {
        custom++;
        expect(u.profile.image_original).toMatch(/^https:\/\//);
        expect(u.profile.image_1024).toMatch(/^https:\/\//);
      } else expect(u.profile.image_original).toBeUndefined();
      expect(u.profile.display_name_normalized).toBe(u.profile.display_name.normalize('NFKD').replace(/[\u0300-\u036f]/g, ''));
      if (!u.is_bot) expect(u.profile.email).toMatch(/@/);
    }
    expect(custom).toBeGreaterThan(10);
  });

  it('tz_label and tz_offset follow the member\'s zone at the workspace clock (daylight saving included)', async () => {
    const me = await slack.users.info({ user: (await slack.auth.test()).user_id! });
    const at = new Date(live.ws.nowMs());
    const zone = me.user!.tz!;
    const offsetName = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(at).find((p) => p.type === 'timeZoneName')!.value;
    const m = /GMT([+-])(\d{2}):(\d{2})/.exec(offsetName)!;
    expect(me.user!.tz_offset).toBe((m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3]) * 60));
    expect(me.user!.tz_label).toBe(new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'long' }).formatToParts(at).find((p) => p.type === 'timeZoneName')!.value);
    expect(me.user!.profile).toMatchObject({ status_expiration: 0, status_emoji_display_info: [] });
  });
});

describe('conversations: the fields conversations.info and conversations.list return', () => {
  const CHANNEL = ['id', 'name', 'is_channel', 'is_group', 'is_im', 'is_mpim', 'is_private', 'created', 'creator', 'is_archived', 'is_general', 'unlinked', 'name_normalized', 'is_shared', 'is_ext_shared', 'is_org_shared', 'pending_shared', 'is_pending_ext_shared', 'is_member', 'topic', 'purpose', 'previous_names'];

  it('conversations.info: every documented field, topic and purpose with creator and last_set, num_members on request, last_read for members', async () => {
    const info = await slack.conversations.info({ channel: chan.general!, include_num_members: true });
    for (const f of CHANNEL) expect(info.channel, f).toHaveProperty(f);
    expect(info.channel).toMatchObject({ is_channel: true, is_general: true, is_member: true, is_private: false });
    expect(Object.keys(info.channel!.topic!).sort()).toEqual(['creator', 'last_set', 'value']);
    expect(typeof info.channel!.num_members).toBe('number');
    expect(info.channel!.last_read).toMatch(/^\d+\.\d{6}$/);
    expect((await slack.conversations.info({ channel: chan.general! })).channel!.num_members).toBeUndefined();
    const priv = await slack.conversations.info({ channel: chan.leadership! });
    expect(priv.channel).toMatchObject({ is_channel: false, is_group: true, is_private: true });
  });

  it('conversations.list: every documented field and num_members on each channel; DMs have user and is_user_deleted', async () => {
    const list = await slack.conversations.list({ types: 'public_channel,private_channel,im', limit: 1000 });
    for (const c of list.channels!) {
      if (c.is_im) {
        expect(c).toMatchObject({ is_im: true, is_org_shared: false, priority: 0 });
        expect(c.user).toMatch(/^U/);
        expect(typeof c.is_user_deleted).toBe('boolean');
        continue;
      }
      for (const f of CHANNEL) expect(c, `${c.name} ${f}`).toHaveProperty(f);
      expect(typeof c.num_members).toBe('number');
      expect((c as Record<string, unknown>).last_read).toBeUndefined();
    }
    expect(list.channels!.find((c) => c.name === 'incidents')!.previous_names).toEqual(['ops-alerts']);
  });
});

describe('reminders and users.profile.set exist and act', () => {
  it('reminders: add (words and timestamps), info, list, complete, delete; others and bots refused', async () => {
    const now = Math.floor(live.ws.nowMs() / 1000);
    const r = await slack.reminders.add({ text: 'Send the board pack', time: 'in 15 minutes' });
    expect(r.reminder).toMatchObject({ text: 'Send the board pack', recurring: false, complete_ts: 0 });
    expect(r.reminder!.time! - now).toBeGreaterThanOrEqual(15 * 60 - 5);
    expect(r.reminder!.time! - now).toBeLessThanOrEqual(15 * 60 + 5);
    const abs = await slack.reminders.add({ text: 'Renewal call', time: String(now + 3 * 86_400) });
    expect(abs.reminder!.time).toBe(now + 3 * 86_400);
    const weekly = await slack.reminders.add({ text: 'Standup notes', time: 'every Monday at 9am' });
    expect(weekly.reminder).toMatchObject({ recurring: true });
    expect((weekly.reminder as { recurrence?: unknown }).recurrence).toEqual({ frequency: 'weekly', weekdays: ['monday'] });
    expect((await slack.reminders.info({ reminder: r.reminder!.id! })).reminder!.text).toBe('Send the board pack');
    await slack.reminders.complete({ reminder: r.reminder!.id! });
    const listed = (await slack.reminders.list()).reminders!;
    expect(listed.find((x) => x.id === r.reminder!.id)!.complete_ts).toBeGreaterThan(0);
    expect((await failure(slack.reminders.complete({ reminder: weekly.reminder!.id! }))).error).toBe('cannot_complete_recurring');
    await slack.reminders.delete({ reminder: abs.reminder!.id! });
    expect((await failure(slack.reminders.info({ reminder: abs.reminder!.id! }))).error).toBe('not_found');
    expect((await failure(slack.reminders.add({ text: 'x', time: 'when pigs fly' }))).error).toBe('cannot_parse');
    const me = (await slack.auth.test()).user_id!;
    const colleague = (await slack.conversations.members({ channel: chan.general!, limit: 5 })).members!.find((u) => u !== me)!;
    expect((await failure(slack.reminders.add({ text: 'x', time: 'in 5 minutes', user: colleague }))).error).toBe('cannot_add_others');
    expect((await failure(live.slackBot.reminders.list())).error).toBe('not_allowed_token_type');
    // Writes are logged as writes (what grading reads).
    const adds = live.ws.log.filter((a) => a.op === 'slack.reminders.add' && a.outcome === 'ok');
    expect(adds.length).toBe(3);
    expect(adds.every((a) => a.write)).toBe(true);
    expect(live.ws.log.filter((a) => a.op === 'slack.reminders.list').every((a) => !a.write)).toBe(true);
  });

  it('users.profile.set: a JSON profile or name+value; users.info shows it; limits and rights as documented', async () => {
    const me = (await slack.auth.test()).user_id!;
    const set = await slack.users.profile.set({ profile: { status_text: 'Board prep', status_emoji: ':lock:', title: 'Chief of Staff (acting COO)' } });
    expect(set.profile).toMatchObject({ status_text: 'Board prep', status_emoji: ':lock:', title: 'Chief of Staff (acting COO)' });
    await slack.users.profile.set({ name: 'pronouns', value: 'they/them' });
    const info = await slack.users.info({ user: me });
    expect(info.user!.profile).toMatchObject({ status_text: 'Board prep', status_emoji: ':lock:', pronouns: 'they/them', title: 'Chief of Staff (acting COO)' });
    expect((await failure(slack.users.profile.set({ profile: { status_text: 'x'.repeat(101) } }))).error).toBe('too_long');
    expect((await failure(slack.users.profile.set({ profile: 'not json' as unknown as Record<string, string> }))).error).toBe('invalid_profile');
    expect((await failure(slack.users.profile.set({ profile: { email: 'me@elsewhere.com' } }))).error).toBe('not_admin');
    const other = (await slack.users.list({ limit: 5 })).members!.find((u) => u.id !== me && !u.is_bot)!.id!;
    expect((await failure(slack.users.profile.set({ user: other, name: 'title', value: 'x' }))).error).toBe('not_admin');
    expect((await failure(live.slackBot.users.profile.set({ name: 'title', value: 'x' }))).error).toBe('not_allowed_token_type');
    const write = live.ws.log.filter((a) => a.op === 'slack.users.profile.set' && a.outcome === 'ok');
    expect(write.length).toBe(2);
    expect(write.every((a) => a.write)).toBe(true);
  });
});

describe('files.info and conversations.leave', () => {
  it('files.info places a snippet\'s text beside the file (top-level content), not inside it', async () => {
    const files = await slack.files.list({ count: 100 });
    const runbook = files.files!.find((f) => f.name === 'oncall-runbook.md')!;
    const info = await slack.files.info({ file: runbook.id! });
    expect(info.content).toContain('dead-letter queue');
    expect(info.is_truncated).toBe(false);
    expect((info.file as Record<string, unknown>).content).toBeUndefined();
    expect(info.file).toMatchObject({ id: runbook.id, mode: 'snippet', preview: expect.any(String) });
    expect(info.comments).toEqual([]);
  });

  it('leaving a channel the caller is not in is ok:false with not_in_channel, and changes nothing', async () => {
    const before = live.ws.collection(COL.channels).peek(chan.design!);
    const body = await failure(slack.conversations.leave({ channel: chan.design! }));
    expect(body).toMatchObject({ ok: false, error: 'not_in_channel', not_in_channel: true });
    expect(live.ws.collection(COL.channels).peek(chan.design!)).toEqual(before);
    expect((await failure(slack.conversations.leave({ channel: chan.general! }))).error).toBe('cant_leave_general');
  });
});

describe('request warnings', () => {
  const call = (method: string, body: string, contentType: string) =>
    fetch(`${live.url}/api/${method}`, { method: 'POST', body, headers: { authorization: `Bearer ${live.userToken}`, 'content-type': contentType } }).then((r) => r.json() as Promise<Record<string, any>>);

  it('a JSON body without a charset earns missing_charset; a form body with one, superfluous_charset; the official client neither', async () => {
    const json = await call('auth.test', '{}', 'application/json');
    expect(json).toMatchObject({ ok: true, warning: 'missing_charset', response_metadata: { warnings: ['missing_charset'] } });
    expect(json.response_metadata.messages[0]).toMatch(/^\[WARN\]/);
    expect((await call('auth.test', '{}', 'application/json; charset=utf-8')).warning).toBeUndefined();
    const form = await call('conversations.list', 'limit=2', 'application/x-www-form-urlencoded; charset=utf-8');
    expect(form).toMatchObject({ ok: true, warning: 'superfluous_charset', response_metadata: { warnings: ['superfluous_charset'], next_cursor: expect.any(String) } });
    // Errors carry them too.
    expect(await call('conversations.info', '{"channel":"C0NOPE00000"}', 'application/json')).toMatchObject({ ok: false, error: 'channel_not_found', warning: 'missing_charset' });
    const viaClient = await slack.auth.test();
    expect(viaClient.warning).toBeUndefined();
  });

  it('invalid arguments explain themselves in response_metadata.messages', async () => {
    const r = await call('chat.postMessage', '{"text":"no channel"}', 'application/json; charset=utf-8');
    expect(r).toMatchObject({ ok: false, error: 'invalid_arguments' });
    expect(r.response_metadata.messages[0]).toMatch(/^\[ERROR\] .*channel/);
  });
});
