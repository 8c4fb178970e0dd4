/** A small fixture operation table (Google-style and Slack-style) for testing the HTTP face without real services. */
import { z } from 'zod';
import { defineOperation, emptyBase, hexId, rawResponse, Workspace, type Operation } from '../../harness/core/index.ts';
import { invalidArgument, notFound, slackError, validationError } from '../../harness/services/wire-errors.ts';
import { qInt, qList, slackJson } from '../../harness/services/wire-schema.ts';

/** A note record of the fixture service. */
export interface Note {
  readonly id: string;
  readonly owner: string;
  readonly title: string;
  readonly text: string;
  readonly mimeType: string;
  readonly archived: boolean;
}

const NOTES = 'drive.notes';
const POSTS = 'slack.posts';
const P = '/fixture/v1';

const userParams = z.object({ userId: z.string().describe('Owner, or `me`.') });
const noteParams = userParams.extend({ noteId: z.string().describe('Note id.') });

function notes(ctx: { ws: Workspace }) {
  return ctx.ws.collection<Note>(NOTES);
}

/** Google-style fixture operations (service id `drive`, paths under `/fixture/v1`). */
export const FIXTURE_GOOGLE_OPS: readonly Operation[] = [
  defineOperation({
    id: 'drive.notes.list', service: 'drive', style: 'google', kind: 'read', description: 'Lists notes.',
    http: { method: 'GET', path: `${P}/users/{userId}/notes` },
    params: userParams.extend({ tags: qList('Tags (repeatable).'), maxResults: qInt('Page size.'), q: z.string().optional().describe('Search.') }),
    handler: (ctx, { params }) => {
      const items = [...notes(ctx).values()].filter((n) => params.q === undefined || n.title.includes(params.q));
      return { notes: items.slice(0, params.maxResults ?? 100), echo: { userId: params.userId, tags: params.tags ?? null, maxResults: params.maxResults ?? null } };
    },
  }),
  defineOperation({
    id: 'drive.notes.get', service: 'drive', style: 'google', kind: 'read', description: 'Gets a note.',
    http: { method: 'GET', path: `${P}/users/{userId}/notes/{noteId}` },
    params: noteParams.extend({ alt: z.enum(['json', 'media']).optional().describe('`media` returns the text.') }),
    handler: (ctx, { params }) => {
      const n = notes(ctx).get(params.noteId);
      if (!n) throw notFound(`Note not found: ${params.noteId}.`);
      if (params.alt === 'media') return rawResponse(n.mimeType, n.text);
      return { ...n, echoUserId: params.userId };
    },
  }),
  defineOperation({
    id: 'drive.notes.create', service: 'drive', style: 'google', kind: 'write', description: 'Creates a note; media becomes its text.',
    http: { method: 'POST', path: `${P}/users/{userId}/notes`, uploadPath: `/upload${P}/users/{userId}/notes` },
    params: userParams,
    body: z.object({ title: z.string().describe('Title.'), text: z.string().optional().describe('Text.') }),
    handler: (ctx, { params, body, media }) => {
      const id = hexId('note', ctx.ws.nextCounter('note'));
      const note: Note = {
        id, owner: params.userId === 'me' ? ctx.auth.principal : params.userId, title: body.title,
        text: media ? media.data.toString('utf8') : (body.text ?? ''), mimeType: media?.mimeType ?? 'text/plain', archived: false,
      };
      notes(ctx).set(id, note);
      // Rejected after a write: the journal must roll it back.
      if (body.title === 'reject-after-write') throw invalidArgument('title rejected');
      return note;
    },
  }),
  defineOperation({
    id: 'drive.notes.delete', service: 'drive', style: 'google', kind: 'write', description: 'Deletes a note.',
    http: { method: 'DELETE', path: `${P}/users/{userId}/notes/{noteId}` },
    params: noteParams,
    handler: (ctx, { params }) => {
      if (!notes(ctx).get(params.noteId)) throw notFound();
      notes(ctx).delete(params.noteId);
      return undefined;
    },
  }),
  defineOperation({
    id: 'drive.notes.emptyTrash', service: 'drive', style: 'google', kind: 'write', description: 'Deletes archived notes.',
    http: { method: 'DELETE', path: `${P}/users/{userId}/notes/trash` },
    params: userParams,
    handler: (ctx) => {
      for (const n of [...notes(ctx).values()]) if (n.archived) notes(ctx).delete(n.id);
      return undefined;
    },
  }),
  defineOperation({
    id: 'drive.notes.archive', service: 'drive', style: 'google', kind: 'write', description: 'Archives a note (custom verb).',
    http: { method: 'POST', path: `${P}/notes/{noteId}:archive` },
    params: z.object({ noteId: z.string().describe('Note id.') }),
    body: z.object({ reason: z.string().optional().describe('Why.') }),
    handler: (ctx, { params, body }) => {
      const n = notes(ctx).get(params.noteId);
      if (!n) throw notFound();
      const next = { ...n, archived: true };
      notes(ctx).set(n.id, next);
      return { note: next, reason: body.reason ?? null };
    },
  }),
  defineOperation({
    id: 'drive.notes.boom', service: 'drive', style: 'google', kind: 'read', description: 'A deliberate harness bug.',
    http: { method: 'GET', path: `${P}/boom` },
    params: z.object({}),
    handler: () => {
      throw new Error('deliberate bug');
    },
  }),
];

/** Slack-style fixture operations (`/api/posts.*`). */
export const FIXTURE_SLACK_OPS: readonly Operation[] = [
  defineOperation({
    id: 'slack.posts.add', service: 'slack', style: 'slack', kind: 'write', description: 'Adds a post.',
    http: { method: 'POST', path: '/api/posts.add' },
    params: z.object({
      channel: z.string().describe('Channel id.'),
      text: z.string().optional().describe('Text.'),
      blocks: slackJson(z.array(z.object({ type: z.string() }).loose()), 'Blocks as JSON.'),
      filename: z.string().optional().describe('Uploaded file name.'),
    }),
    handler: (ctx, { params, media }) => {
      if (!params.text && !params.blocks && !media) throw slackError('no_text');
      const ts = `1773669600.${String(ctx.ws.nextCounter('post')).padStart(6, '0')}`;
      const post = { ts, channel: params.channel, text: params.text ?? '', blocks: params.blocks ?? [], by: `${ctx.auth.tokenKind}:${ctx.auth.principal}`, file: media ? { name: params.filename ?? null, size: media.data.length, mimeType: media.mimeType } : null };
      ctx.ws.collection(POSTS).set(ts, post);
      return { channel: params.channel, ts, message: post };
    },
  }),
  defineOperation({
    id: 'slack.posts.list', service: 'slack', style: 'slack', kind: 'read', description: 'Lists posts.',
    http: { method: 'POST', path: '/api/posts.list' },
    params: z.object({ channel: z.string().optional().describe('Filter by channel.'), limit: qInt('Page size.') }),
    handler: (ctx, { params }) => ({
      posts: [...ctx.ws.collection<{ channel: string }>(POSTS).values()].filter((p) => !params.channel || p.channel === params.channel),
    }),
  }),
  defineOperation({
    id: 'slack.posts.botOnly', service: 'slack', style: 'slack', kind: 'read', description: 'Bot tokens only.',
    http: { method: 'POST', path: '/api/posts.botOnly' }, tokens: ['bot'],
    params: z.object({}),
    handler: () => ({ bot: true }),
  }),
];

/** Every fixture operation, keyed by id. */
export const FIXTURE_OPS: ReadonlyMap<string, Operation> = new Map([...FIXTURE_GOOGLE_OPS, ...FIXTURE_SLACK_OPS].map((o) => [o.id, o]));

/** A fresh fixture workspace (empty `drive.notes` and `slack.posts`). */
export function fixtureWorkspace(): Workspace {
  return new Workspace(emptyBase([NOTES, POSTS], '2026-03-16T14:00:00.000Z'), FIXTURE_OPS, validationError);
}
