/** The external upload flow: files.getUploadURLExternal → POST the bytes to upload_url → files.completeUploadExternal. */
import { z } from 'zod';
import type { OperationContext } from '../../../core/index.ts';
import { slackJson } from '../../wire-schema.ts';
import { actor, requirePostable } from '../access.ts';
import { invalidArguments, slackError } from '../errors.ts';
import { nextSlackId } from '../ids.ts';
import { storeMessage } from '../messages.ts';
import type { SlackFile } from '../model.ts';
import { jsonArg, pList, splitList } from '../params.ts';
import { renderFile } from '../render.ts';
import { slackOp } from '../define.ts';
import { chatChannel } from './chat.ts';
import { filesCol } from '../file-store.ts';
import { documentText } from '../../../content/index.ts';

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

export const filesUploadOps = [
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
      if (data.length > PENDING_UPLOAD_LIMITS.maxBytes) throw invalidArguments(`an unfinished upload may hold at most ${PENDING_UPLOAD_LIMITS.maxBytes} bytes`);
      // Older unfinished uploads of the user make room when their bytes would pass the cap.
      const others = unfinished(ctx, a.user.id).filter((x) => x.id !== f.id && x.state === 'uploaded');
      let held = others.reduce((n, x) => n + x.size, 0);
      while (others.length > 0 && held + data.length > PENDING_UPLOAD_LIMITS.maxBytes) {
        const drop = others.shift()!;
        held -= drop.size;
        filesCol(ctx).delete(drop.id);
      }
      const text = f.mimetype.startsWith('text/') || f.mimetype === 'application/json' || f.filetype === 'binary';
      // A PDF, docx or xlsx keeps the words in it (Slack indexes them for search; the grader reads them); other binaries keep none.
      const content = text && isUtf8(data) ? data.toString('utf8') : documentText(data, f.mimetype);
      filesCol(ctx).set(f.id, { ...f, size: data.length, content, state: 'uploaded' });
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
      return { files: done.map((f) => renderFile(ctx, f, a.team)) };
    },
  }),
];

function isUtf8(b: Buffer): boolean {
  return !b.toString('utf8').includes('\uFFFD');
}
