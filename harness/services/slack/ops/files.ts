/** files.list / info / delete and the external upload flow (getUploadURLExternal → upload → completeUploadExternal). */
import { z } from 'zod';
import type { OperationContext } from '../../../core/index.ts';
import { slackError } from '../../wire-errors.ts';
import { qBool, slackJson } from '../../wire-schema.ts';
import { actor, canSee, channelsCol, findChannel, findUser, requirePostable, type Actor } from '../access.ts';
import { nextSlackId, tsNumber } from '../ids.ts';
import { storeMessage } from '../messages.ts';
import { COL, type SlackFile } from '../model.ts';
import { legacyPage } from '../paging.ts';
import { jsonArg, pList, splitList } from '../params.ts';
import { renderFile } from '../render.ts';
import { slackOp } from '../define.ts';
import { chatChannel } from './chat.ts';

/** Where upload bytes are POSTed: relative to the server origin (the HTTP face makes it absolute). */
export const UPLOAD_PATH = '/api/files.uploadExternal';

/**
 * Limits of unfinished uploads (reserved by files.getUploadURLExternal, not yet completed),
 * per user. They live in the trial's state, so their TTL runs on the workspace clock: the
 * same calls replay to the same expiries, and the trial's own time decides, as for every
 * other record. Past the caps the oldest unfinished upload is dropped to make room, as if
 * it had expired; an expired or dropped upload answers `file_not_found`, Slack's documented
 * "Could not find the file from the upload ticket."
 */
export const PENDING_UPLOAD_LIMITS = {
  /** Unfinished uploads one user may hold. */
  maxOpen: 10,
  /** Bytes their uploaded contents may hold together (64 MiB, the largest request body). */
  maxBytes: 64 * 1024 * 1024,
  /** Workspace time after which an unfinished upload is gone. */
  ttlMs: 60 * 60 * 1000,
} as const;

/** True when an unfinished upload has outlived PENDING_UPLOAD_LIMITS.ttlMs. */
function expired(ctx: OperationContext, f: SlackFile): boolean {
  return f.state !== 'complete' && ctx.ws.nowMs() - f.created * 1000 > PENDING_UPLOAD_LIMITS.ttlMs;
}

/** A user's unfinished uploads, oldest first; expired ones are deleted on the way. */
function unfinished(ctx: OperationContext, userId: string): SlackFile[] {
  const col = filesCol(ctx);
  const out: SlackFile[] = [];
  for (const f of col.values()) {
    ctx.ws.spend(1);
    if (f.user !== userId || f.state === 'complete') continue;
    if (expired(ctx, f)) col.delete(f.id);
    else out.push(f);
  }
  return out.sort((a, b) => a.created - b.created || (a.id < b.id ? -1 : 1));
}

const TYPES: Record<string, [string, string]> = {
  txt: ['text/plain', 'text'], md: ['text/markdown', 'markdown'], csv: ['text/csv', 'csv'], json: ['application/json', 'json'],
  log: ['text/plain', 'text'], yaml: ['text/yaml', 'yaml'], yml: ['text/yaml', 'yaml'], html: ['text/html', 'html'],
  pdf: ['application/pdf', 'pdf'], png: ['image/png', 'png'], jpg: ['image/jpeg', 'jpg'], jpeg: ['image/jpeg', 'jpg'],
  gif: ['image/gif', 'gif'], zip: ['application/zip', 'zip'], docx: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'docx'],
};

/** MIME type and Slack filetype from a file name's extension. */
export function fileTypeOf(name: string): { mimetype: string; filetype: string } {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';
  const t = TYPES[ext];
  return t ? { mimetype: t[0], filetype: t[1] } : { mimetype: 'application/octet-stream', filetype: 'binary' };
}

function filesCol(ctx: OperationContext) {
  return ctx.ws.collection<SlackFile>(COL.files);
}

/** A completed file the actor can see: their own, or shared in a visible conversation. */
function visible(ctx: OperationContext, a: Actor, f: SlackFile): boolean {
  if (f.user === a.user.id) return true;
  if (f.state !== 'complete') return false;
  const chans = channelsCol(ctx);
  return f.channels.some((c) => {
    const ch = chans.peek(c);
    return ch !== undefined && canSee(ch, a);
  });
}

/** A file by id the actor can see; `file_not_found` otherwise. */
export function findFile(ctx: OperationContext, a: Actor, id: string): SlackFile {
  const f = filesCol(ctx).get(id);
  if (!f || !visible(ctx, a, f)) throw slackError('file_not_found');
  return f;
}

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
        .filter((f) => f.state === 'complete' && visible(ctx, a, f))
        .filter((f) => (!p.user || f.user === p.user) && (!channelId || f.channels.includes(channelId)))
        .filter((f) => types.some((t) => TYPE_FILTER[t]!(f)) && f.created >= from && f.created <= to)
        .sort((x, y) => y.created - x.created || (x.id < y.id ? 1 : -1));
      const page = legacyPage(all, p.page, p.count, 100, 1000);
      return { files: page.items.map((f) => renderFile(f, a.team)), paging: page.paging };
    },
  }),
  slackOp({
    method: 'files.info',
    kind: 'read',
    description: 'One file, including the full text `content` of text files and snippets.',
    params: z.object({ file: z.string().describe('File id (F…).'), count: z.coerce.number().int().optional().describe('Ignored.'), page: z.coerce.number().int().optional().describe('Ignored.'), cursor: z.string().optional().describe('Ignored.'), limit: z.coerce.number().int().optional().describe('Ignored.') }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      const f = findFile(ctx, a, p.file);
      return { file: renderFile(f, a.team, true), comments: [], response_metadata: { next_cursor: '' } };
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
    method: 'files.getUploadURLExternal',
    kind: 'write',
    description: 'Step 1 of an upload: reserves a file id and returns the URL to POST the bytes to; finish with files.completeUploadExternal.',
    params: z.object({
      filename: z.string().min(1).describe('Name of the file, e.g. "notes.txt".'),
      length: z.coerce.number().int().min(0).describe('Size in bytes.'),
      alt_txt: z.string().optional().describe('Description of an image for screen readers.'),
      alt_text: z.string().optional().describe('Alias of alt_txt.'),
      snippet_type: z.string().optional().describe('Syntax type of a snippet, e.g. "python".'),
    }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      const open = unfinished(ctx, a.user.id);
      while (open.length >= PENDING_UPLOAD_LIMITS.maxOpen) filesCol(ctx).delete(open.shift()!.id);
      const id = nextSlackId(ctx.ws, 'F', 'file');
      const alt = p.alt_txt ?? p.alt_text;
      filesCol(ctx).set(id, {
        id, name: p.filename, title: p.filename, ...fileTypeOf(p.filename), user: a.user.id, created: Math.floor(ctx.ws.nowMs() / 1000),
        size: p.length, content: '', channels: [], state: 'pending', ...(alt ? { alt_txt: alt } : {}),
      });
      return { upload_url: `${UPLOAD_PATH}?file_id=${id}`, file_id: id };
    },
  }),
  slackOp({
    method: 'files.uploadExternal',
    kind: 'write',
    transport: true,
    description: 'Step 2 of an upload: the upload_url target (POST the file bytes as multipart field `file`/`body`, or as `content` text). Not a real Slack method name; agents use the returned upload_url.',
    params: z.object({
      file_id: z.string().describe('The file id from files.getUploadURLExternal (already in upload_url).'),
      content: z.string().optional().describe('File text, when not sending multipart bytes.'),
    }).passthrough(),
    handler: (ctx, p, media) => {
      const a = actor(ctx);
      const f = filesCol(ctx).get(p.file_id);
      if (!f || f.user !== a.user.id || expired(ctx, f)) throw slackError('file_not_found');
      if (f.state === 'complete') throw slackError('file_already_completed');
      const data = media?.data ?? (p.content !== undefined ? Buffer.from(p.content, 'utf8') : undefined);
      if (!data) throw slackError('no_file_data');
      if (data.length > PENDING_UPLOAD_LIMITS.maxBytes) throw slackError('invalid_arguments', { response_metadata: { messages: [`[ERROR] an unfinished upload may hold at most ${PENDING_UPLOAD_LIMITS.maxBytes} bytes`] } });
      // Older unfinished uploads of the user make room when their bytes would pass the cap.
      const others = unfinished(ctx, a.user.id).filter((x) => x.id !== f.id && x.state === 'uploaded');
      let held = others.reduce((n, x) => n + x.size, 0);
      while (others.length > 0 && held + data.length > PENDING_UPLOAD_LIMITS.maxBytes) {
        const drop = others.shift()!;
        held -= drop.size;
        filesCol(ctx).delete(drop.id);
      }
      const text = f.mimetype.startsWith('text/') || f.mimetype === 'application/json' || f.filetype === 'binary';
      filesCol(ctx).set(f.id, { ...f, size: data.length, content: text && isUtf8(data) ? data.toString('utf8') : '', state: 'uploaded' });
      return {};
    },
  }),
  slackOp({
    method: 'files.completeUploadExternal',
    kind: 'write',
    description: 'Step 3 of an upload: finishes the files and optionally shares them in a conversation (channel_id) with an initial comment.',
    params: z.object({
      files: jsonArg(z.array(z.object({ id: z.string(), title: z.string().optional() })).min(1), 'JSON array of {id, title} for the uploaded files.'),
      channel_id: z.string().optional().describe('Conversation to share the files in.'),
      channels: pList('Comma list of conversations to share in (legacy; only one is supported).').optional(),
      initial_comment: z.string().optional().describe('Message text posted with the files.'),
      thread_ts: z.string().optional().describe('Share as a reply in this thread.'),
      blocks: slackJson(z.array(z.record(z.string(), z.unknown())), 'Block Kit blocks for the share message.'),
    }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      const col = filesCol(ctx);
      const done: SlackFile[] = [];
      for (const item of p.files) {
        const f = col.get(item.id);
        if (!f || f.user !== a.user.id || expired(ctx, f)) throw slackError('file_not_found');
        // Reserved by getUploadURLExternal but no bytes ever POSTed to upload_url. Slack's
        // documented errors for this method name no "not uploaded" code; the most specific is
        // file_not_found, "Could not find the file from the upload ticket." Checked for every
        // file before anything is written, so a refused call changes nothing.
        if (f.state === 'pending') throw slackError('file_not_found');
        done.push({ ...f, title: item.title ?? f.title, state: 'complete' });
      }
      const target = p.channel_id ?? splitList(p.channels)[0];
      if (target) {
        const ch = chatChannel(ctx, a, target);
        requirePostable(ch, a);
        for (let i = 0; i < done.length; i++) done[i] = { ...done[i]!, channels: [...new Set([...done[i]!.channels, ch.id])] };
        for (const f of done) col.set(f.id, f);
        storeMessage(ctx, a, ch, { text: p.initial_comment ?? '', files: done.map((f) => f.id), ...(p.thread_ts ? { thread_ts: p.thread_ts } : {}), ...(p.blocks ? { blocks: p.blocks } : {}) });
      } else for (const f of done) col.set(f.id, f);
      return { files: done.map((f) => renderFile(f, a.team)) };
    },
  }),
];

function isUtf8(b: Buffer): boolean {
  return !b.toString('utf8').includes('\uFFFD');
}
