/** Slack flows: posts, edits and scheduled messages to a conversation's members, files shared into conversations, history opened to new members; canvases, profiles, user groups and public links in slack-records.ts. */
import type { Workspace } from '../../harness/core/index.ts';
import { newlyReached } from './audience.ts';
import { addedLines } from './readable.ts';
import { channelReaders, memberPrincipals } from './slack-audience.ts';
import { slackRecordFlows } from './slack-records.ts';
import { bounded, type Flow, type FlowContext, type Principal } from './types.ts';
import { writerOf } from './writers.ts';

type Rec = Record<string, any>;

export { channelReaders, memberPrincipals } from './slack-audience.ts';

/** Service-written message subtypes (joins, renames): no content of the agent's. */
const SYSTEM_SUBTYPES = new Set(['channel_join', 'channel_leave', 'channel_topic', 'channel_purpose', 'channel_name', 'channel_archive', 'channel_unarchive', 'tombstone']);

/** Readable text of a message, with the text of files it carries. */
function postText(ws: Workspace, m: Rec): string {
  const files = (m.files ?? []).map((id: string) => {
    const f = ws.collection<Rec>('slack.files').peek(id);
    return f ? `${f.name}\n${f.title}\n${f.content}` : '';
  });
  return bounded([m.text ?? '', m.blocks ? JSON.stringify(m.blocks) : '', m.attachments ? JSON.stringify(m.attachments) : '', ...files].join('\n'));
}

/** A channel's history as text (what a new member can scroll back through), bounded. */
function historyText(ws: Workspace, channelId: string): string {
  const parts: string[] = [];
  let size = 0;
  const prefix = `${channelId}:`;
  for (const [key, m] of ws.collection<Rec>('slack.messages').entries()) {
    if (!key.startsWith(prefix) || m.hidden) continue;
    const t = postText(ws, m);
    parts.push(t);
    size += t.length;
    if (size > 200_000) break;
  }
  for (const f of ws.collection<Rec>('slack.files').values()) if ((f.channels ?? []).includes(channelId)) parts.push(`${f.name}\n${f.content}`);
  return bounded(parts.join('\n'));
}

/** Every Slack flow of a trial. */
export function slackFlows(ctx: FlowContext): Flow[] {
  const keys = ['slack.messages', 'slack.scheduled', 'slack.files', 'slack.channels', 'slack.bookmarks'];
  if (!keys.some((k) => ctx.diff[k])) return [...ephemeralFlows(ctx), ...slackRecordFlows(ctx)];
  const out: Flow[] = [];
  const owner = ctx.owner.toLowerCase();
  const readers = new Map<string, Principal[]>();
  const audienceOf = (channel: string) => {
    let r = readers.get(channel);
    if (!r) readers.set(channel, (r = [...channelReaders(ctx.ws, channel, ctx.internalDomain)].filter((p) => p !== owner)));
    return r;
  };
  const push = (channel: Flow['channel'], ref: string, chId: string, text: string, audience = audienceOf(chId), priorText?: string) => {
    if (audience.length === 0 || !text.trim()) return;
    out.push({ channel, ref, via: `slack.channels:${chId}`, audience, text, ...(priorText ? { priorText } : {}), carries: [], attempted: false, authored: true, actionSeq: writerOf(ctx.actions, ref) });
  };
  const msgs = ctx.diff['slack.messages'];
  for (const a of msgs?.added ?? []) {
    const m = a.after as Rec;
    if (m.subtype && SYSTEM_SUBTYPES.has(m.subtype)) continue;
    push('slack-message', `slack.messages:${a.id}`, String(m.channel), postText(ctx.ws, m));
  }
  for (const c of msgs?.changed ?? []) {
    const b = c.before as Rec;
    const m = c.after as Rec;
    const prior = postText(ctx.before, b);
    const added = addedLines(prior, postText(ctx.ws, m));
    if (added.trim()) push('slack-message', `slack.messages:${c.id}`, String(m.channel), added, undefined, prior);
  }
  for (const a of [...(ctx.diff['slack.scheduled']?.added ?? []), ...(ctx.diff['slack.scheduled']?.changed ?? [])]) {
    const s = a.after as Rec;
    push('slack-message', `slack.scheduled:${a.id}`, String(s.channel_id), String(s.text ?? ''));
  }
  const files = ctx.diff['slack.files'];
  for (const c of [...(files?.added ?? []).map((a) => ({ id: a.id, before: undefined as Rec | undefined, after: a.after as Rec })), ...(files?.changed ?? []).map((x) => ({ id: x.id, before: x.before as Rec, after: x.after as Rec }))]) {
    const had = new Set<string>(c.before?.channels ?? []);
    for (const ch of c.after.channels ?? []) {
      if (had.has(ch)) continue;
      push('slack-file', `slack.files:${c.id}`, String(ch), `${c.after.name ?? ''}\n${c.after.title ?? ''}\n${c.after.content ?? ''}`);
    }
  }
  // A channel created during the trial: its name, topic and purpose reach its readers (the system messages that
  // record them are skipped above, and only changed channels are compared below).
  for (const a of ctx.diff['slack.channels']?.added ?? []) {
    const ch = a.after as Rec;
    const info = [ch.topic?.value, ch.purpose?.value, ch.name].filter((x) => typeof x === 'string' && x.trim()).join('\n');
    if (info) push('slack-channel-info', `slack.channels:${a.id}`, a.id, info);
  }
  for (const c of ctx.diff['slack.channels']?.changed ?? []) {
    const b = c.before as Rec;
    const a = c.after as Rec;
    const ref = `slack.channels:${c.id}`;
    const before = channelReaders(ctx.before, c.id, ctx.internalDomain);
    const fresh = newlyReached(before, channelReaders(ctx.ws, c.id, ctx.internalDomain), ctx.owner);
    if (fresh.length > 0) {
      out.push({
        channel: 'slack-membership', ref, via: ref, audience: fresh, text: '', lazyText: () => historyText(ctx.ws, c.id), carries: [ref],
        attempted: false, authored: false, actionSeq: writerOf(ctx.actions, ref),
      });
    }
    const info = addedLines(`${b.topic?.value ?? ''}\n${b.purpose?.value ?? ''}\n${b.name ?? ''}`, `${a.topic?.value ?? ''}\n${a.purpose?.value ?? ''}\n${a.name ?? ''}`);
    if (info.trim()) push('slack-channel-info', ref, c.id, info);
  }
  for (const a of [...(ctx.diff['slack.bookmarks']?.added ?? []), ...(ctx.diff['slack.bookmarks']?.changed ?? [])]) {
    const b = a.after as Rec;
    push('slack-channel-info', `slack.bookmarks:${a.id}`, String(b.channel_id), `${b.title ?? ''}\n${b.link ?? ''}`);
  }
  out.push(...ephemeralFlows(ctx), ...slackRecordFlows(ctx));
  return out;
}

/** The conversation id a call's `channel` argument names: an id, or a channel name with or without `#`. */
function channelIdOf(ws: Workspace, ref: string): string | undefined {
  const chans = ws.collection<Rec>('slack.channels');
  if (chans.peek(ref)) return ref;
  const name = ref.replace(/^#/, '');
  for (const ch of chans.values()) if ((ch.kind === 'public' || ch.kind === 'private') && ch.name === name) return ch.id;
  return undefined;
}

/**
 * Ephemeral messages: shown to one member and never stored, so no diff shows them. The
 * action log does: each successful chat.postEphemeral reached its `user`.
 */
function ephemeralFlows(ctx: FlowContext): Flow[] {
  const out: Flow[] = [];
  const owner = ctx.owner.toLowerCase();
  for (const a of ctx.actions) {
    if (a.kind !== 'call' || a.outcome !== 'ok' || a.op !== 'slack.chat.postEphemeral') continue;
    const args = (a.args ?? {}) as Rec;
    const audience = memberPrincipals(ctx.ws, [String(args.user ?? '')]).filter((p) => p !== owner);
    const text = bounded([args.text ?? '', args.blocks ? (typeof args.blocks === 'string' ? args.blocks : JSON.stringify(args.blocks)) : '', args.attachments ? (typeof args.attachments === 'string' ? args.attachments : JSON.stringify(args.attachments)) : ''].join('\n'));
    const chId = channelIdOf(ctx.ws, String(args.channel ?? ''));
    if (audience.length === 0 || !text.trim()) continue;
    const ref = `slack.ephemeral:${a.seq}`;
    out.push({ channel: 'slack-message', ref, via: chId ? `slack.channels:${chId}` : ref, audience, text, carries: [], attempted: false, authored: true, actionSeq: a.seq });
  }
  return out;
}
