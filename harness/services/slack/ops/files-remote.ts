/**
 * files.remote.add / info / list / update / remove / share: files that live in another
 * service (a Drive document, a ticket) and are known to Slack by the app's external id and
 * URL. Adding, updating and removing them is for the app's bot token, as Slack documents.
 */
import { z } from 'zod';
import type { Media, OperationContext } from '../../../core/index.ts';
import { actor, findChannel, requirePostable, type Actor } from '../access.ts';
import { filesCol } from '../file-store.ts';
import { slackError } from '../errors.ts';
import { nextSlackId, tsNumber } from '../ids.ts';
import { storeMessage } from '../messages.ts';
import type { SlackFile } from '../model.ts';
import { cursorPage } from '../paging.ts';
import { pCursor, pLimit, pList, splitList } from '../params.ts';
import { renderFile } from '../render.ts';
import { slackOp } from '../define.ts';

/** Slack's limits on remote files: title and external id lengths; indexed text kept for search. */
const MAX_TITLE = 255;
const MAX_EXTERNAL_ID = 255;
const MAX_INDEX_TEXT = 1_000_000;

const pFile = z.string().optional().describe('Slack file id (F…) of the remote file.');
const pExternalId = z.string().optional().describe('The id the file has in the other service (as given to files.remote.add).');

/** The remote file a call names by `file` or `external_id`; `file_not_found` otherwise. */
function findRemote(ctx: OperationContext, p: { file?: string | undefined; external_id?: string | undefined }): SlackFile {
  if (!p.file && !p.external_id) throw slackError('invalid_arguments');
  if (p.file) {
    const f = filesCol(ctx).get(p.file);
    if (!f?.external) throw slackError('file_not_found');
    return f;
  }
  for (const f of filesCol(ctx).values()) {
    ctx.ws.spend(1);
    if (f.external?.id === p.external_id) return filesCol(ctx).get(f.id)!;
  }
  throw slackError('file_not_found');
}

/** Text of `indexable_file_contents` (an uploaded text file or a plain value), for search. */
function indexText(media: Media | undefined, raw: string | undefined): string | undefined {
  const text = media ? media.data.toString('utf8') : raw;
  return text === undefined ? undefined : text.slice(0, MAX_INDEX_TEXT);
}

function bot(ctx: OperationContext): Actor {
  const a = actor(ctx);
  if (!a.bot) throw slackError('not_allowed_token_type');
  return a;
}

const describeArgs = {
  title: z.string().describe('Title of the file, e.g. "Q3 plan".'),
  external_url: z.string().describe('URL of the file in the other service.'),
  filetype: z.string().optional().describe('File type, e.g. "gdoc", "pdf" (default "remote").'),
  indexable_file_contents: z.string().optional().describe('Text that makes the file findable in search (a text upload, or plain text).'),
  preview_image: z.string().optional().describe('Preview image upload (ignored).'),
};

export const filesRemoteOps = [
  slackOp({
    method: 'files.remote.add',
    kind: 'write',
    tokens: ['bot'],
    description: "Adds a remote file (the app's bot token only). Adding does not share it: use files.remote.share. Adding the same external_id again updates it.",
    params: z.object({ external_id: z.string().min(1).describe('The id the file has in the other service.'), ...describeArgs }),
    handler: (ctx, p, media) => {
      const a = bot(ctx);
      if (p.title.length > MAX_TITLE) throw slackError('bad_title');
      if (p.external_id.length > MAX_EXTERNAL_ID) throw slackError('invalid_external_id');
      if (!/^https?:\/\//.test(p.external_url)) throw slackError('invalid_arguments');
      let existing: SlackFile | undefined;
      for (const f of filesCol(ctx).values()) if (f.external?.id === p.external_id && f.external.app_id === a.user.app_id) existing = f;
      const text = indexText(media, p.indexable_file_contents);
      const now = Math.floor(ctx.ws.nowMs() / 1000);
      const f: SlackFile = {
        id: existing?.id ?? nextSlackId(ctx.ws, 'F', 'file'), name: p.title, title: p.title, mimetype: 'application/vnd.slack-remote', filetype: p.filetype ?? 'remote',
        user: a.user.id, created: existing?.created ?? now, size: 0, content: text ?? existing?.content ?? '', channels: existing?.channels ?? [], state: 'complete',
        external: { id: p.external_id, url: p.external_url, app_id: a.user.app_id ?? '' },
      };
      filesCol(ctx).set(f.id, f);
      return { file: renderFile(ctx, f, a.team) };
    },
  }),
  slackOp({
    method: 'files.remote.update',
    kind: 'write',
    tokens: ['bot'],
    description: "Changes a remote file's title, URL, type or search text (the app's bot token only).",
    params: z.object({ file: pFile, external_id: pExternalId, title: describeArgs.title.optional(), external_url: describeArgs.external_url.optional(), filetype: describeArgs.filetype, indexable_file_contents: describeArgs.indexable_file_contents, preview_image: describeArgs.preview_image }),
    handler: (ctx, p, media) => {
      const a = bot(ctx);
      const f = findRemote(ctx, p);
      if (p.title !== undefined && p.title.length > MAX_TITLE) throw slackError('bad_title');
      if (p.external_url !== undefined && !/^https?:\/\//.test(p.external_url)) throw slackError('invalid_arguments');
      const text = indexText(media, p.indexable_file_contents);
      const next: SlackFile = {
        ...f, ...(p.title !== undefined ? { title: p.title, name: p.title } : {}), ...(p.filetype !== undefined ? { filetype: p.filetype } : {}),
        ...(text !== undefined ? { content: text } : {}), external: { ...f.external!, ...(p.external_url !== undefined ? { url: p.external_url } : {}) },
      };
      filesCol(ctx).set(f.id, next);
      return { file: renderFile(ctx, next, a.team) };
    },
  }),
  slackOp({
    method: 'files.remote.remove',
    kind: 'write',
    tokens: ['bot'],
    description: "Removes a remote file from Slack (the file in the other service is untouched; the app's bot token only).",
    params: z.object({ file: pFile, external_id: pExternalId }),
    handler: (ctx, p) => {
      bot(ctx);
      filesCol(ctx).delete(findRemote(ctx, p).id);
      return {};
    },
  }),
  slackOp({
    method: 'files.remote.info',
    kind: 'read',
    description: 'One remote file, by Slack file id or external id.',
    params: z.object({ file: pFile, external_id: pExternalId }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      return { file: renderFile(ctx, findRemote(ctx, p), a.team) };
    },
  }),
  slackOp({
    method: 'files.remote.list',
    kind: 'read',
    description: 'Remote files, newest first; filter by channel and creation time. Paginate with cursor.',
    params: z.object({
      channel: z.string().optional().describe('Only files shared in this conversation.'),
      ts_from: z.string().optional().describe('Only files created after this epoch time.'),
      ts_to: z.string().optional().describe('Only files created before this epoch time.'),
      limit: pLimit(100, 1000),
      cursor: pCursor,
    }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      const channelId = p.channel ? findChannel(ctx, a, p.channel).id : undefined;
      const from = p.ts_from ? tsNumber(p.ts_from) : 0;
      const to = p.ts_to ? tsNumber(p.ts_to) : Number.POSITIVE_INFINITY;
      if (Number.isNaN(from) || Number.isNaN(to)) throw slackError('invalid_arguments');
      const all = [...filesCol(ctx).values()]
        .filter((f) => f.external && (!channelId || f.channels.includes(channelId)) && f.created >= from && f.created <= to)
        .sort((x, y) => y.created - x.created || (x.id < y.id ? 1 : -1));
      const page = cursorPage(all, p.cursor, p.limit, 100, 1000);
      return { files: page.items.map((f) => renderFile(ctx, f, a.team)), response_metadata: page.response_metadata };
    },
  }),
  slackOp({
    method: 'files.remote.share',
    kind: 'write',
    description: 'Shares a remote file into conversations the caller is in: it is posted there, and their members can open it.',
    params: z.object({ file: pFile, external_id: pExternalId, channels: pList('Comma-separated conversation ids to share into.') }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      const f = findRemote(ctx, p);
      const targets = [...new Set(splitList(p.channels))];
      if (targets.length === 0) throw slackError('invalid_channel');
      const chans = targets.map((id) => findChannel(ctx, a, id));
      for (const ch of chans) requirePostable(ch, a);
      const next: SlackFile = { ...f, channels: [...new Set([...f.channels, ...chans.map((c) => c.id)])] };
      filesCol(ctx).set(f.id, next);
      for (const ch of chans) storeMessage(ctx, a, ch, { text: '', files: [f.id] });
      return { file: renderFile(ctx, next, a.team) };
    },
  }),
];
