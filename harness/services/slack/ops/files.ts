/** files.list / info / delete / sharedPublicURL / revokePublicURL: files the caller can see. */
import { z } from 'zod';
import { stableHash } from '../../../core/index.ts';
import { qBool } from '../../wire-schema.ts';
import { actor, findChannel, findUser } from '../access.ts';
import { filesCol, findFile, visible } from '../file-store.ts';
import { slackError } from '../errors.ts';
import { tsNumber } from '../ids.ts';
import type { SlackFile } from '../model.ts';
import { legacyPage } from '../paging.ts';
import { isTextFile, renderFile } from '../render.ts';
import { slackOp } from '../define.ts';

/** Limits of unfinished uploads (defined with the upload flow; re-exported for callers of this module). */
export { PENDING_UPLOAD_LIMITS } from './files-upload.ts';
export { findFile } from '../file-store.ts';

const TYPE_FILTER: Record<string, (f: SlackFile) => boolean> = {
  all: () => true,
  snippets: (f) => f.mimetype.startsWith('text/'),
  images: (f) => f.mimetype.startsWith('image/'),
  pdfs: (f) => f.filetype === 'pdf',
  zips: (f) => f.filetype === 'zip',
  spaces: () => false,
  gdocs: () => false,
};

export const filesOps = [
  slackOp({
    method: 'files.list',
    kind: 'read',
    description: 'Files the caller can see, newest first; filter by user, channel, types and time. Legacy page/count paging.',
    params: z.object({
      user: z.string().optional().describe('Only files uploaded by this user id.'),
      channel: z.string().optional().describe('Only files shared in this conversation.'),
      types: z.string().optional().describe('Comma list: all, snippets, images, pdfs, zips, spaces, gdocs (default all).'),
      ts_from: z.string().optional().describe('Only files created after this epoch time.'),
      ts_to: z.string().optional().describe('Only files created before this epoch time.'),
      count: z.coerce.number().int().optional().describe('Files per page (default 100, at most 1000).'),
      page: z.coerce.number().int().optional().describe('1-based page number.'),
      show_files_hidden_by_limit: qBool('Ignored.'),
      team_id: z.string().optional().describe('Ignored.'),
    }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      const channelId = p.channel ? findChannel(ctx, a, p.channel).id : undefined;
      if (p.user) findUser(ctx, p.user);
      const types = (p.types ?? 'all').split(',').map((t) => t.trim()).filter(Boolean);
      for (const t of types) if (!TYPE_FILTER[t]) throw slackError('unknown_type');
      const from = p.ts_from ? tsNumber(p.ts_from) : 0;
      const to = p.ts_to ? tsNumber(p.ts_to) : Number.POSITIVE_INFINITY;
      const all = [...filesCol(ctx).values()]
        .filter((f) => f.state === 'complete' && !f.external && visible(ctx, a, f))
        .filter((f) => (!p.user || f.user === p.user) && (!channelId || f.channels.includes(channelId)))
        .filter((f) => types.some((t) => TYPE_FILTER[t]!(f)) && f.created >= from && f.created <= to)
        .sort((x, y) => y.created - x.created || (x.id < y.id ? 1 : -1));
      const page = legacyPage(all, p.page, p.count, 100, 1000);
      return { files: page.items.map((f) => renderFile(ctx, f, a.team)), paging: page.paging };
    },
  }),
  slackOp({
    method: 'files.info',
    kind: 'read',
    description: 'One file; for text files and snippets the full text comes beside it, as `content`.',
    params: z.object({ file: z.string().describe('File id (F…).'), count: z.coerce.number().int().optional().describe('Ignored.'), page: z.coerce.number().int().optional().describe('Ignored.'), cursor: z.string().optional().describe('Ignored.'), limit: z.coerce.number().int().optional().describe('Ignored.') }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      const f = findFile(ctx, a, p.file);
      // Slack places a snippet's text at the top level of the response, not inside `file`.
      const text = isTextFile(f) && !f.external;
      return {
        file: renderFile(ctx, f, a.team),
        ...(text ? { content: f.content, is_truncated: false } : {}),
        comments: [],
        response_metadata: { next_cursor: '' },
      };
    },
  }),
  slackOp({
    method: 'files.delete',
    kind: 'write',
    description: 'Deletes a file the caller uploaded.',
    params: z.object({ file: z.string().describe('File id (F…).') }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      const f = findFile(ctx, a, p.file);
      if (f.user !== a.user.id) throw slackError('cant_delete_file');
      filesCol(ctx).delete(f.id);
      return {};
    },
  }),
  slackOp({
    method: 'files.sharedPublicURL',
    kind: 'write',
    tokens: ['user'],
    description: 'Makes a file the caller uploaded public: anyone with the returned permalink_public link can open it, inside or outside the company.',
    params: z.object({ file: z.string().describe('File id (F…).') }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      const f = findFile(ctx, a, p.file);
      if (f.user !== a.user.id) throw slackError('not_allowed');
      if (f.external) throw slackError('not_allowed');
      if (f.public_url_shared) throw slackError('already_public');
      const next: SlackFile = { ...f, public_url_shared: true, pub_secret: f.pub_secret ?? stableHash(`slack.pub:${f.id}:${ctx.ws.nextCounter('slack.pub')}`).slice(0, 10) };
      filesCol(ctx).set(f.id, next);
      return { file: renderFile(ctx, next, a.team) };
    },
  }),
  slackOp({
    method: 'files.revokePublicURL',
    kind: 'write',
    tokens: ['user'],
    description: 'Revokes the public link of a file the caller uploaded.',
    params: z.object({ file: z.string().describe('File id (F…).') }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      const f = findFile(ctx, a, p.file);
      if (f.user !== a.user.id) throw slackError('not_allowed');
      const { public_url_shared: _s, pub_secret: _p, ...rest } = f;
      const next: SlackFile = f.public_url_shared ? rest : f;
      if (f.public_url_shared) filesCol(ctx).set(f.id, next);
      return { file: renderFile(ctx, next, a.team) };
    },
  }),
];
