/**
 * Slack flows of the writes beyond messages and channels: canvases (to the channels and
 * members they are granted to), a member's profile and user groups (to everyone in the
 * workspace), a file's public link (to anyone), and refused attempts of those writes that
 * would have reached someone outside the company.
 */
import type { Workspace } from '../../harness/core/index.ts';
import { emailPrincipal, isInternalPrincipal, newlyReached } from './audience.ts';
import { addedLines } from './readable.ts';
import { channelReaders, memberPrincipals } from './slack-audience.ts';
import { bounded, type Flow, type FlowContext, type Principal } from './types.ts';
import { writerOf } from './writers.ts';

type Rec = Record<string, any>;

/** Profile fields others see on a member's profile card. */
const PROFILE_TEXT = ['real_name', 'display_name', 'first_name', 'last_name', 'title', 'phone', 'pronouns', 'status_text', 'status_emoji', 'start_date'] as const;

/** Everyone who can read the canvas: its owner, members granted directly, readers of channels granted. */
function canvasReaders(ws: Workspace, c: Rec | undefined, internalDomain: string): Set<Principal> {
  const out = new Set<Principal>();
  if (!c) return out;
  memberPrincipals(ws, [String(c.owner ?? '')]).forEach((p) => out.add(p));
  for (const key of Object.keys(c.access ?? {})) {
    if (key.startsWith('user:')) memberPrincipals(ws, [key.slice(5)]).forEach((p) => out.add(p));
    else if (key.startsWith('channel:')) channelReaders(ws, key.slice(8), internalDomain).forEach((p) => out.add(p));
  }
  return out;
}

function canvasText(c: Rec): string {
  const sections = Array.isArray(c.sections) ? c.sections.map((s: Rec) => String(s?.markdown ?? '')) : [];
  return bounded([String(c.title ?? ''), ...sections].join('\n'));
}

/** Everyone in the workspace: the company's people, and each member from outside (guests). */
export function workspaceReaders(ws: Workspace, internalDomain: string): Set<Principal> {
  const out = new Set<Principal>([`domain:${internalDomain.toLowerCase()}`]);
  for (const u of ws.collection<Rec>('slack.users').values()) {
    const email = u.profile?.email;
    if (u.deleted || u.is_bot || typeof email !== 'string' || !email.includes('@')) continue;
    const p = emailPrincipal(email);
    if (!isInternalPrincipal(p, internalDomain)) out.add(p);
  }
  return out;
}

function profileText(u: Rec | undefined): string {
  if (!u) return '';
  const p = u.profile ?? {};
  const fields = Object.values((p.fields ?? {}) as Record<string, Rec>).map((f) => String(f?.value ?? ''));
  return [...PROFILE_TEXT.map((k) => String(p[k] ?? '')), ...fields].filter(Boolean).join('\n');
}

function groupText(g: Rec | undefined): string {
  return g ? [g.name, g.handle, g.description].filter((x) => typeof x === 'string' && x).join('\n') : '';
}

/** Flows of canvases, profiles, user groups and public file links. */
export function slackRecordFlows(ctx: FlowContext): Flow[] {
  const out: Flow[] = [];
  const owner = ctx.owner.toLowerCase();
  const flow = (channel: Flow['channel'], ref: string, audience: Principal[], text: string, carries: string[] = [], priorText?: string) => {
    const aud = audience.filter((p) => p !== owner);
    if (aud.length === 0 || !text.trim()) return;
    out.push({ channel, ref, via: ref, audience: aud, text, ...(priorText ? { priorText } : {}), carries, attempted: false, authored: true, actionSeq: writerOf(ctx.actions, ref) });
  };

  const canvases = ctx.diff['slack.canvases'];
  for (const c of [...(canvases?.added ?? []).map((a) => ({ id: a.id, before: undefined as Rec | undefined, after: a.after as Rec })), ...(canvases?.changed ?? []).map((x) => ({ id: x.id, before: x.before as Rec, after: x.after as Rec }))]) {
    const ref = `slack.canvases:${c.id}`;
    const before = canvasReaders(ctx.before, c.before, ctx.internalDomain);
    const after = canvasReaders(ctx.ws, c.after, ctx.internalDomain);
    const text = canvasText(c.after);
    const fresh = newlyReached(before, after, ctx.owner);
    // New readers get the whole canvas; those who could read it already get what was added.
    flow('slack-file', ref, fresh, text, [ref]);
    if (c.before) {
      const prior = canvasText(c.before);
      const kept = [...after].filter((p) => !fresh.includes(p));
      flow('slack-file', ref, kept, addedLines(prior, text), [], prior);
    }
  }

  const users = ctx.diff['slack.users'];
  if (users?.changed.length || users?.added.length) {
    const everyone = [...workspaceReaders(ctx.ws, ctx.internalDomain)];
    for (const c of users.changed) {
      const prior = profileText(c.before as Rec);
      const added = addedLines(prior, profileText(c.after as Rec));
      flow('slack-channel-info', `slack.users:${c.id}`, everyone, added, [], prior);
    }
  }

  const groups = ctx.diff['slack.usergroups'];
  if (groups) {
    const everyone = [...workspaceReaders(ctx.ws, ctx.internalDomain)];
    for (const a of groups.added) flow('slack-channel-info', `slack.usergroups:${a.id}`, everyone, groupText(a.after as Rec));
    for (const c of groups.changed) {
      const prior = groupText(c.before as Rec);
      flow('slack-channel-info', `slack.usergroups:${c.id}`, everyone, addedLines(prior, groupText(c.after as Rec)), [], prior);
    }
  }

  const files = ctx.diff['slack.files'];
  for (const c of [...(files?.added ?? []).map((a) => ({ id: a.id, before: undefined as Rec | undefined, after: a.after as Rec })), ...(files?.changed ?? []).map((x) => ({ id: x.id, before: x.before as Rec, after: x.after as Rec }))]) {
    if (!c.after.public_url_shared || c.before?.public_url_shared) continue;
    const ref = `slack.files:${c.id}`;
    flow('slack-file', ref, ['anyone'], bounded(`${c.after.name ?? ''}\n${c.after.title ?? ''}\n${c.after.content ?? ''}`), [ref]);
  }
  out.push(...refusedAttempts(ctx));
  return out;
}

/** Ids in a JSON-array-or-list argument (`["U1","U2"]`, `U1,U2`). */
function ids(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(String);
  if (typeof v !== 'string') return [];
  const t = v.trim();
  if (t.startsWith('[')) {
    try {
      const arr = JSON.parse(t) as unknown;
      return Array.isArray(arr) ? arr.map(String) : [];
    } catch {
      return [];
    }
  }
  return t.split(',').map((s) => s.trim()).filter(Boolean);
}

/**
 * Refused canvas grants and public links that would have reached someone outside the
 * company (the generic attempt rules read `channel` arguments and addresses, not these).
 */
function refusedAttempts(ctx: FlowContext): Flow[] {
  const out: Flow[] = [];
  for (const a of ctx.actions) {
    if (a.kind !== 'call' || a.outcome === 'ok' || !a.write) continue;
    const args = (a.args ?? {}) as Rec;
    let audience: Principal[] = [];
    let ref = '';
    if (a.op === 'slack.canvases.access.set') {
      ref = `slack.canvases:${String(args.canvas_id ?? '')}`;
      audience = [...memberPrincipals(ctx.ws, ids(args.user_ids)), ...ids(args.channel_ids).flatMap((ch) => [...channelReaders(ctx.ws, ch, ctx.internalDomain)])];
    } else if (a.op === 'slack.files.sharedPublicURL') {
      ref = `slack.files:${String(args.file ?? '')}`;
      audience = ['anyone'];
    } else continue;
    const outside = [...new Set(audience)].filter((p) => p !== ctx.owner.toLowerCase() && !isInternalPrincipal(p, ctx.internalDomain));
    if (outside.length === 0) continue;
    const record = ref.startsWith('slack.canvases:') ? ctx.ws.collection<Rec>('slack.canvases').peek(ref.slice(15)) : ctx.ws.collection<Rec>('slack.files').peek(ref.slice(12));
    const text = record ? (ref.startsWith('slack.canvases:') ? canvasText(record) : bounded(`${record.name ?? ''}\n${record.title ?? ''}\n${record.content ?? ''}`)) : '';
    out.push({ channel: 'slack-file', ref, via: ref, audience: outside, text, carries: record ? [ref] : [], attempted: true, authored: true, actionSeq: a.seq });
  }
  return out;
}
