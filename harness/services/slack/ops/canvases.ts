/**
 * canvases.create / edit / delete / access.set / access.delete / sections.lookup and
 * conversations.canvases.create. A canvas reaches its owner, the members it is granted to,
 * and everyone in a channel it is granted to or is the canvas of.
 */
import { z } from 'zod';
import type { OperationContext } from '../../../core/index.ts';
import { slackJson } from '../../wire-schema.ts';
import { actor, findChannel, findUser, isMember, requirePostable, type Actor } from '../access.ts';
import { documentMarkdown, MAX_SECTIONS, toSections } from '../canvas-markdown.ts';
import { invalidArguments, slackError } from '../errors.ts';
import { nextSlackId } from '../ids.ts';
import { COL, type CanvasSection, type SlackCanvas } from '../model.ts';
import { slackOp } from '../define.ts';

/** Most changes one canvases.edit call applies, and most ids one access call names. */
const MAX_CHANGES = 50;
const MAX_GRANTEES = 100;

function canvasesCol(ctx: OperationContext) {
  return ctx.ws.collection<SlackCanvas>(COL.canvases);
}

/** The level the actor holds on a canvas: its owner, a direct grant, or a grant to a channel they are in. */
export function accessOf(ctx: OperationContext, a: Actor, c: SlackCanvas): 'owner' | 'write' | 'read' | undefined {
  if (c.owner === a.user.id) return 'owner';
  const direct = c.access[`user:${a.user.id}`];
  if (direct) return direct;
  let best: 'read' | undefined;
  for (const [key, level] of Object.entries(c.access)) {
    if (!key.startsWith('channel:')) continue;
    const ch = ctx.ws.collection<{ members: string[] }>(COL.channels).peek(key.slice('channel:'.length));
    if (!ch?.members.includes(a.user.id)) continue;
    if (level !== 'read') return 'write';
    best = 'read';
  }
  return best;
}

/** A canvas the actor can see; `canvas_not_found` otherwise (others' canvases are invisible). */
function findCanvas(ctx: OperationContext, a: Actor, id: string, need: 'read' | 'write' | 'owner'): SlackCanvas {
  const c = canvasesCol(ctx).get(id);
  const level = c ? accessOf(ctx, a, c) : undefined;
  if (!c || !level) throw slackError('canvas_not_found');
  const rank = { read: 0, write: 1, owner: 2 } as const;
  if (rank[level] < rank[need]) throw slackError('restricted_action');
  return c;
}

function create(ctx: OperationContext, a: Actor, title: string, markdown: string, channelId: string | undefined, grant?: 'read' | 'write'): SlackCanvas {
  const now = Math.floor(ctx.ws.nowMs() / 1000);
  const c: SlackCanvas = {
    id: nextSlackId(ctx.ws, 'F', 'file'), title, owner: a.user.id, created: now, updated: now, sections: toSections(ctx.ws, markdown),
    ...(channelId ? { channel_id: channelId } : {}), access: channelId && grant ? { [`channel:${channelId}`]: grant } : {},
  };
  canvasesCol(ctx).set(c.id, c);
  return c;
}

const pCanvas = z.string().describe('Canvas id (F…).');
const pDocument = z.unknown().optional().describe('The content: {"type":"markdown","markdown":"# Heading\\nText"}.');
const change = z.object({
  operation: z.enum(['insert_after', 'insert_before', 'insert_at_start', 'insert_at_end', 'replace', 'delete', 'rename']),
  section_id: z.string().optional(),
  document_content: z.unknown().optional(),
  title_content: z.unknown().optional(),
});

/** Applies one canvases.edit change to the sections; returns the new sections and title. */
function applyChange(ctx: OperationContext, c: { title: string; sections: CanvasSection[] }, ch: z.infer<typeof change>): { title: string; sections: CanvasSection[] } {
  const at = () => {
    if (!ch.section_id) throw invalidArguments(`${ch.operation} needs section_id`, 'changes');
    const i = c.sections.findIndex((s) => s.id === ch.section_id);
    if (i < 0) throw slackError('canvas_editing_failed', { detail: `section ${ch.section_id} not found` });
    return i;
  };
  const content = () => toSections(ctx.ws, documentMarkdown(ch.document_content));
  const s = [...c.sections];
  switch (ch.operation) {
    case 'insert_at_start':
      return { title: c.title, sections: [...content(), ...s] };
    case 'insert_at_end':
      return { title: c.title, sections: [...s, ...content()] };
    case 'insert_before': {
      const i = at();
      s.splice(i, 0, ...content());
      return { title: c.title, sections: s };
    }
    case 'insert_after': {
      const i = at();
      s.splice(i + 1, 0, ...content());
      return { title: c.title, sections: s };
    }
    case 'replace': {
      if (!ch.section_id) return { title: c.title, sections: content() };
      const i = at();
      s.splice(i, 1, ...content());
      return { title: c.title, sections: s };
    }
    case 'delete':
      s.splice(at(), 1);
      return { title: c.title, sections: s };
    case 'rename':
      return { title: documentMarkdown(ch.title_content).replace(/^#+\s*/, '').split('\n')[0]!.slice(0, 255), sections: s };
  }
}

/** The grantees of an access call: channel ids or user ids, never both, never neither. */
function grantees(ctx: OperationContext, a: Actor, p: { channel_ids?: string[] | undefined; user_ids?: string[] | undefined }): string[] {
  const chans = p.channel_ids ?? [];
  const users = p.user_ids ?? [];
  if ((chans.length === 0) === (users.length === 0)) throw slackError('invalid_parameters');
  if (chans.length + users.length > MAX_GRANTEES) throw invalidArguments(`at most ${MAX_GRANTEES} ids per call`);
  return [...chans.map((id) => `channel:${findChannel(ctx, a, id).id}`), ...users.map((id) => `user:${findUser(ctx, id).id}`)];
}

const idList = (what: string) => slackJson(z.array(z.string()).max(MAX_GRANTEES), `JSON array of ${what} ids, e.g. ["C0123"].`);

export const canvasesOps = [
  slackOp({
    method: 'canvases.create',
    kind: 'write',
    description: 'Creates a canvas owned by the caller: a title and markdown content. Only the owner sees it until access is granted (canvases.access.set) or it is created in a channel (channel_id).',
    params: z.object({ title: z.string().max(255).optional().describe('Canvas title.'), document_content: pDocument, channel_id: z.string().optional().describe('Channel whose tab the canvas opens in (its members can read it).') }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      const markdown = p.document_content === undefined ? '' : documentMarkdown(p.document_content);
      let channelId: string | undefined;
      if (p.channel_id) {
        const ch = findChannel(ctx, a, p.channel_id);
        requirePostable(ch, a);
        channelId = ch.id;
      }
      return { canvas_id: create(ctx, a, p.title ?? 'Untitled', markdown, channelId, 'read').id };
    },
  }),
  slackOp({
    method: 'conversations.canvases.create',
    kind: 'write',
    description: "Creates the channel canvas of a conversation the caller is in (one per channel); every member can read and edit it.",
    params: z.object({ channel_id: z.string().describe('Channel id.'), document_content: pDocument, title: z.string().max(255).optional().describe('Canvas title (default: the channel name).') }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      const ch = findChannel(ctx, a, p.channel_id);
      if (!isMember(ch, a)) throw slackError('not_in_channel');
      if (ch.is_archived) throw slackError('is_archived');
      for (const c of canvasesCol(ctx).values()) if (c.channel_id === ch.id && c.access[`channel:${ch.id}`] === 'write') throw slackError('channel_canvas_already_exists');
      const markdown = p.document_content === undefined ? '' : documentMarkdown(p.document_content);
      return { canvas_id: create(ctx, a, p.title ?? ch.name ?? 'Canvas', markdown, ch.id, 'write').id };
    },
  }),
  slackOp({
    method: 'canvases.edit',
    kind: 'write',
    description: 'Edits a canvas the caller may write: a JSON array of changes, each {operation, section_id?, document_content?} with insert_after, insert_before, insert_at_start, insert_at_end, replace, delete, or rename with title_content.',
    params: z.object({ canvas_id: pCanvas, changes: slackJson(z.array(change).min(1).max(MAX_CHANGES), 'JSON array of changes, e.g. [{"operation":"insert_at_end","document_content":{"type":"markdown","markdown":"- item"}}].') }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      const c = findCanvas(ctx, a, p.canvas_id, 'write');
      if (!p.changes) throw invalidArguments('changes is required', 'changes');
      let state = { title: c.title, sections: c.sections };
      for (const ch of p.changes) state = applyChange(ctx, state, ch);
      if (state.sections.length > MAX_SECTIONS) throw slackError('canvas_editing_failed', { detail: `a canvas holds at most ${MAX_SECTIONS} sections` });
      canvasesCol(ctx).set(c.id, { ...c, title: state.title, sections: state.sections, updated: Math.floor(ctx.ws.nowMs() / 1000) });
      return {};
    },
  }),
  slackOp({
    method: 'canvases.delete',
    kind: 'write',
    description: 'Deletes a canvas the caller owns.',
    params: z.object({ canvas_id: pCanvas }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      canvasesCol(ctx).delete(findCanvas(ctx, a, p.canvas_id, 'owner').id);
      return {};
    },
  }),
  slackOp({
    method: 'canvases.access.set',
    kind: 'write',
    description: 'Grants read or write access to a canvas the caller owns: to channels (channel_ids: their members) or to members (user_ids; "owner" only for members).',
    params: z.object({ canvas_id: pCanvas, access_level: z.enum(['read', 'write', 'owner']).describe('"read", "write" or "owner".'), channel_ids: idList('channel'), user_ids: idList('user') }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      const c = findCanvas(ctx, a, p.canvas_id, 'owner');
      const keys = grantees(ctx, a, p);
      if (p.access_level === 'owner' && p.channel_ids?.length) throw slackError('invalid_parameters');
      const access = { ...c.access };
      for (const k of keys) access[k] = p.access_level;
      canvasesCol(ctx).set(c.id, { ...c, access, updated: Math.floor(ctx.ws.nowMs() / 1000) });
      return {};
    },
  }),
  slackOp({
    method: 'canvases.access.delete',
    kind: 'write',
    description: 'Removes channels or members from the access list of a canvas the caller owns.',
    params: z.object({ canvas_id: pCanvas, channel_ids: idList('channel'), user_ids: idList('user') }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      const c = findCanvas(ctx, a, p.canvas_id, 'owner');
      const access = { ...c.access };
      for (const k of grantees(ctx, a, p)) delete access[k];
      canvasesCol(ctx).set(c.id, { ...c, access, updated: Math.floor(ctx.ws.nowMs() / 1000) });
      return {};
    },
  }),
  slackOp({
    method: 'canvases.sections.lookup',
    kind: 'read',
    description: 'Finds section ids of a canvas by criteria: {"section_types":["h1","h2","h3","any_header"], "contains_text":"…"}.',
    params: z.object({
      canvas_id: pCanvas,
      criteria: slackJson(z.object({ section_types: z.array(z.enum(['h1', 'h2', 'h3', 'any_header'])).max(4).optional(), contains_text: z.string().max(1000).optional() }), 'JSON object of criteria (section_types and/or contains_text).'),
    }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      const c = findCanvas(ctx, a, p.canvas_id, 'read');
      const crit = p.criteria;
      if (!crit || (!crit.section_types?.length && !crit.contains_text)) throw invalidArguments('criteria needs section_types or contains_text', 'criteria');
      const types = new Set(crit.section_types ?? []);
      const text = crit.contains_text?.toLowerCase();
      const sections = c.sections.filter((s) => {
        if (types.size && !(types.has(s.type as 'h1') || (types.has('any_header') && s.type !== 'any'))) return false;
        return text === undefined || s.markdown.toLowerCase().includes(text);
      });
      return { sections: sections.map((s) => ({ id: s.id })) };
    },
  }),
];
