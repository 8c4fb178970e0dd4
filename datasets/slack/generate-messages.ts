/** Base Slack history: ~6 months of channel and DM messages with threads, reactions, pins, bot posts, files and bookmarks. */
import type { Collection, Rng, Workspace } from '../../harness/core/index.ts';
import { slackId, tsAt } from '../../harness/services/slack/ids.ts';
import { COL, messageKey, type SlackBookmark, type SlackChannel, type SlackFile, type SlackMessage, type SlackReaction } from '../../harness/services/slack/model.ts';
import type { Company } from '../company/company.ts';
import type { HaystackCopy } from '../scale/haystack-copy.ts';
import { CHANNELS } from './channels.ts';
import { REACTIONS, REPLIES, TEMPLATES, botNotice, fill, type FillContext } from './content.ts';
import { SNIPPETS } from './snippets.ts';

/** Top-level channel messages in the base (replies and DMs come on top). */
const TOP_LEVEL = 1900;
const DAY = 86_400_000;
const HISTORY_DAYS = 182;

/**
 * Generates all messages; returns nothing (records go straight into collections). With
 * `copy`, adds only another history of channel and DM messages, `copy.shiftMs` further
 * back (older than some channels' creation at large scales: history is the haystack);
 * pins, files, bookmarks and read marks stay the base's.
 */
export function generateMessages(base: Workspace, company: Company, rng: Rng, copy?: HaystackCopy): void {
  const ws = copy?.ws ?? base;
  const now = ws.nowMs() - (copy?.shiftMs ?? 0);
  const start = now - HISTORY_DAYS * DAY;
  const channels = ws.collection<SlackChannel>(COL.channels);
  const messages = ws.collection<SlackMessage>(COL.messages);
  const bySlackId = new Map(company.employees.map((p) => [p.slackId!, p]));
  const customers = company.organisations.filter((o) => o.relation === 'customer' || o.relation === 'partner').map((o) => o.name);
  let seq = 100;
  const ts = (ms: number) => tsAt(ms, seq++);
  const totalWeight = CHANNELS.reduce((n, c) => n + c.weight, 0);
  const all = [...channels.values()];

  /** A business-hours instant between `from` and `to`. */
  const when = (from: number, to: number) => {
    for (let i = 0; i < 8; i++) {
      const t = from + Math.floor(rng.next() * (to - from));
      const d = new Date(t);
      const h = d.getUTCHours();
      if (d.getUTCDay() % 6 !== 0 && h >= 13 && h <= 23) return t;
    }
    return from + Math.floor(rng.next() * (to - from));
  };

  const put = (m: SlackMessage) => {
    if (copy && messages.peek(messageKey(m.channel, m.ts))) throw new Error(`slack scale copy ${copy.index}: message ${m.channel}/${m.ts} already taken`);
    messages.set(messageKey(m.channel, m.ts), m);
  };

  for (const spec of CHANNELS) {
    const ch = all.find((c) => c.name === spec.name && c.kind === spec.kind)!;
    const humans = ch.members.filter((id) => bySlackId.has(id));
    const fc: FillContext = { members: humans.map((id) => ({ slackId: id, givenName: bySlackId.get(id)!.givenName, team: bySlackId.get(id)!.team })), customers, teams: company.teams };
    const count = Math.max(8, Math.round((spec.weight / totalWeight) * TOP_LEVEL));
    const end = spec.archived ? start + 60 * DAY : now - 3_600_000;
    const times = Array.from({ length: count }, () => when(copy ? start : Math.max(start, ch.created * 1000), end)).sort((a, b) => a - b);
    const templates = TEMPLATES[spec.theme] ?? TEMPLATES.general!;
    const r = rng.fork(`channel/${spec.name}`);
    const replies: SlackMessage[] = [];
    for (const t of times) {
      let m: SlackMessage;
      if (spec.theme === 'deploys' || (spec.theme === 'engineering' && r.chance(0.15))) {
        const author = bySlackId.get(r.pick(humans))!.name;
        if (spec.theme === 'deploys' && r.chance(0.6)) {
          const n = botNotice(r, 'deploy', author);
          m = { channel: ch.id, ts: ts(t), user: 'U0DEPLOY01', bot_id: 'B0DEPLOY01', text: n.text, ...(n.attachments ? { attachments: n.attachments } : {}) };
        } else {
          m = { channel: ch.id, ts: ts(t), subtype: 'bot_message', bot_id: 'B0GITHUB01', username: 'GitHub', text: botNotice(r, 'github', author).text };
        }
      } else {
        m = { channel: ch.id, ts: ts(t), user: r.chance(0.02) && spec.theme === 'engineering' ? 'U0FORMER01' : r.pick(humans), text: fill(r, r.pick(templates), fc) };
      }
      if (!m.subtype && m.user && !m.bot_id && r.chance(0.18)) m = addThread(m, r, humans, fc, now, ts, replies);
      if (r.chance(0.25)) m = { ...m, reactions: reactions(r, humans) };
      put(m);
    }
    for (const reply of replies.splice(0)) put(reply);
    if (!copy && !spec.archived && ch.kind === 'public' && spec.weight >= 6) pinSome(messages, ch.id, r);
  }

  for (const ch of all.filter((c) => c.kind === 'im' || c.kind === 'mpim')) {
    const r = rng.fork(`dm/${ch.id}`);
    const humans = ch.members.filter((id) => bySlackId.has(id));
    if (humans.length === 0) continue;
    const fc: FillContext = { members: humans.map((id) => ({ slackId: id, givenName: bySlackId.get(id)!.givenName, team: bySlackId.get(id)!.team })), customers, teams: company.teams };
    const times = Array.from({ length: r.int(15, 45) }, () => when(start, now - 1_800_000)).sort((a, b) => a - b);
    const pool = [...REPLIES, ...(TEMPLATES.general ?? []), 'Do you have 10 minutes today?', 'Can you send me the latest numbers?', 'Sent you the doc, let me know what you think.', 'Running 5 minutes late.'];
    for (const t of times) {
      const user = ch.members.includes('U0DSKBOT01') ? 'U0DSKBOT01' : r.pick(humans);
      const text = user === 'U0DSKBOT01' ? 'Daily digest: you have new unread messages in #engineering and #sales.' : fill(r, r.pick(pool), fc);
      put({ channel: ch.id, ts: ts(t), user, text, ...(user === 'U0DSKBOT01' ? { bot_id: 'B0DSKBOT01' } : {}) });
    }
  }

  if (copy) return;
  addFiles(ws, company, rng.fork('files'), all, ts, now);
  addBookmarks(ws, company, all);
  markRead(ws, all);
}

/** Gives a parent 1–6 replies (pushed to `out`) and returns the parent with its thread summary. */
function addThread(parent: SlackMessage, r: Rng, humans: string[], fc: FillContext, now: number, ts: (ms: number) => string, out: SlackMessage[]): SlackMessage {
  const n = r.int(1, 6);
  const replies: SlackMessage[] = [];
  let at = Number(parent.ts.split('.')[0]) * 1000;
  for (let i = 0; i < n; i++) {
    at += r.int(120_000, 4 * 3_600_000);
    if (at >= now - 60_000) break;
    const user = r.pick(humans);
    replies.push({ channel: parent.channel, ts: ts(at), user, text: fill(r, r.pick(REPLIES), fc), thread_ts: parent.ts, parent_user_id: parent.user!, ...(r.chance(0.15) ? { reactions: reactions(r, humans) } : {}) });
  }
  if (replies.length === 0) return parent;
  out.push(...replies);
  return { ...parent, thread_ts: parent.ts, reply_count: replies.length, reply_users: [...new Set(replies.map((x) => x.user!))], latest_reply: replies.at(-1)!.ts };
}

function reactions(r: Rng, humans: string[]): SlackReaction[] {
  return r.sample(REACTIONS, r.int(1, 3)).map((name) => {
    const users = r.sample(humans, r.int(1, Math.min(5, humans.length)));
    return { name, users, count: users.length };
  });
}

function pinSome(col: Collection<SlackMessage>, channel: string, r: Rng): void {
  const own = [...col.values()].filter((m) => m.channel === channel && (!m.thread_ts || m.thread_ts === m.ts) && m.user && !m.subtype);
  for (const m of r.sample(own, r.int(1, 2))) col.set(messageKey(m.channel, m.ts), { ...m, pinned: { by: m.user!, at: Math.floor(Number(m.ts)) + 3600 } });
}

function addFiles(ws: Workspace, company: Company, r: Rng, channels: SlackChannel[], ts: (ms: number) => string, now: number): void {
  const files = ws.collection<SlackFile>(COL.files);
  const messages = ws.collection<SlackMessage>(COL.messages);
  SNIPPETS.forEach((s, i) => {
    const ch = channels.find((c) => c.name === s.channel)!;
    const user = r.pick(ch.members.filter((m) => company.employees.some((p) => p.slackId === m)));
    const at = now - (i * 9 + 3) * DAY - r.int(0, 6) * 3_600_000;
    const id = slackId('F', 'base.file', i + 1);
    files.set(id, { id, name: s.name, title: s.title, mimetype: s.name.endsWith('.md') ? 'text/markdown' : s.name.endsWith('.csv') ? 'text/csv' : 'text/plain', filetype: s.name.endsWith('.md') ? 'markdown' : s.name.endsWith('.csv') ? 'csv' : 'text', user, created: Math.floor(at / 1000), size: Buffer.byteLength(s.content), content: s.content, channels: [ch.id], state: 'complete' });
    const m: SlackMessage = { channel: ch.id, ts: ts(at), user, text: s.comment, files: [id] };
    messages.set(messageKey(ch.id, m.ts), m);
  });
}

function addBookmarks(ws: Workspace, company: Company, channels: SlackChannel[]): void {
  const col = ws.collection<SlackBookmark>(COL.bookmarks);
  const list: Array<[string, string, string, string]> = [
    ['general', 'Employee handbook', 'https://docs.corvidlabs.com/handbook', ':book:'],
    ['general', 'Org chart', 'https://docs.corvidlabs.com/org-chart', ':busts_in_silhouette:'],
    ['engineering', 'Runbooks', 'https://docs.corvidlabs.com/runbooks', ':wrench:'],
    ['engineering', 'On-call schedule', 'https://corvidlabs.pagerduty.com/schedules', ':pager:'],
    ['incidents', 'Status page', 'https://status.corvidlabs.com', ':traffic_light:'],
    ['sales', 'Pipeline dashboard', 'https://crm.corvidlabs.com/pipeline', ':chart_with_upwards_trend:'],
    ['marketing', 'Campaign calendar', 'https://docs.corvidlabs.com/marketing/calendar', ':calendar:'],
    ['leadership', 'Board deck (draft)', 'https://docs.corvidlabs.com/board/2026-03', ':lock:'],
  ];
  list.forEach(([name, title, link, emoji], i) => {
    const ch = channels.find((c) => c.name === name)!;
    const id = slackId('Bk', 'base.bookmark', i + 1);
    const rank = String.fromCharCode(97 + list.slice(0, i).filter((b) => b[0] === name).length);
    col.set(id, { id, channel_id: ch.id, title, link, emoji, type: 'link', date_created: ch.created + 86_400, date_updated: 0, rank, last_updated_by_user_id: company.owner.slackId! });
  });
}

/** The owner has read everything except the last few messages of some busy channels. */
function markRead(ws: Workspace, channels: SlackChannel[]): void {
  const col = ws.collection<SlackChannel>(COL.channels);
  const latest = new Map<string, string[]>();
  for (const m of ws.collection<SlackMessage>(COL.messages).values()) {
    if (m.thread_ts && m.thread_ts !== m.ts) continue;
    const arr = latest.get(m.channel) ?? [];
    arr.push(m.ts);
    latest.set(m.channel, arr);
  }
  for (const ch of channels) {
    const tss = (latest.get(ch.id) ?? []).sort((a, b) => Number(a) - Number(b));
    const unread = ch.name === 'engineering' || ch.name === 'sales' || ch.name === 'incidents' ? 3 : 0;
    const read = tss[tss.length - 1 - unread];
    if (read) col.set(ch.id, { ...ch, last_read: read });
  }
}
