/** The Google REST face: route match, auth, query/body/media assembly, invoke, response. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isRawResponse, type Media, type Operation, type RecordChange } from '../../core/index.ts';
import { pushMessages as calendarPushMessages } from '../calendar/push.ts';
import { PushDeliverer } from '../google/push.ts';
import { googleError, invalidArgument, notFound } from '../wire-errors.ts';
import { closestName } from '../wire-names.ts';
import { formValues, parseContentType, parseJsonBody, parseMultipart } from './body.ts';
import type { ServerContext } from './context.ts';
import { dialectOf } from '../google/dialects.ts';
import { applyFieldMask, parseFieldMask } from '../google/field-mask.ts';
import { bearerToken, sendEmpty, sendGoogleError, sendGoogleUnauthenticated, sendJson, sendRaw } from './respond.ts';
import { matchGoogle } from './route-table.ts';
import { refuseOutsideServices, type ServedTrial } from './trials.ts';
import { parseContentRange } from './uploads.ts';

/**
 * Google "system" query parameters: standard on every method, not method arguments.
 * They are removed from the handler's params unless the operation's params schema
 * declares them (Drive declares `alt` for downloads, and may declare `fields` to shape
 * its own default field sets).
 */
const SYSTEM_PARAMS = new Set([
  'alt', 'fields', 'prettyPrint', 'uploadType', 'key', 'quotaUser', 'userIp', 'callback',
  '$.xgafv', 'access_token', 'oauth_token', 'upload_id', 'upload_protocol',
]);

/** The Google API a path belongs to (for the error envelope of a path no route matched). */
function apiOfPath(path: string): string | undefined {
  const m = /^\/(?:upload\/)?(gmail|calendar|drive)\//.exec(path);
  return m ? m[1] : path.startsWith('/v1/documents') ? 'docs' : undefined;
}

/** Handles one request under a Google API path (anything but /api, /_admin, /health). */
export function handleGoogle(ctx: ServerContext, req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer): void {
  const query = formValues(url.searchParams);
  if (typeof query.upload_id === 'string' && url.pathname.startsWith('/upload/')) {
    finishResumable(ctx, res, query.upload_id, req, body);
    return;
  }
  const found = matchGoogle(ctx.table, req.method ?? 'GET', url.pathname);
  if (found.kind === 'badEncoding') return sendGoogleError(res, invalidArgument('Malformed percent-encoding in the request path.'), apiOfPath(url.pathname));
  if (found.kind === 'none') {
    // Logged in the caller's trial: a probe of an admin or host path is an escalation, anything else a mistake.
    const caller = ctx.trials.byToken(bearerToken(req.headers.authorization) ?? (typeof query.access_token === 'string' ? query.access_token : undefined));
    const rec = caller?.trial.ws.logUnknown(`${req.method ?? 'GET'} ${url.pathname.slice(0, 300)}`, 'http', { method: req.method, path: url.pathname.slice(0, 300) });
    if (rec?.kind === 'escalation') return sendGoogleError(res, googleError(403, 'forbidden', 'The caller does not have permission'), apiOfPath(url.pathname));
    return sendGoogleError(res, googleError(404, 'notFound', `Method not found: ${req.method} ${url.pathname}`), apiOfPath(url.pathname));
  }
  const { route, params: pathParams } = found.match;
  const token = bearerToken(req.headers.authorization) ?? (typeof query.access_token === 'string' ? query.access_token : undefined);
  const owner = ctx.trials.byToken(token);
  // Slack bot tokens mean nothing to Google.
  if (!owner || owner.kind !== 'user') return sendGoogleUnauthenticated(res);
  const trial = owner.trial;
  const op = route.op;

  const alt = typeof query.alt === 'string' ? query.alt : 'json';
  if (alt !== 'json' && alt !== 'media') return sendGoogleError(res, invalidArgument(`Invalid value for alt: ${alt}. Supported: json, media.`), op.service);
  const fields = typeof query.fields === 'string' ? query.fields : undefined;
  const mask = fields === undefined || ctx.paramKeys(op)?.has('fields') ? undefined : parseFieldMask(fields);
  if (fields !== undefined && !ctx.paramKeys(op)?.has('fields') && !mask) {
    return sendGoogleError(res, googleError(400, 'invalidParameter', `Invalid field selection ${fields}`), op.service);
  }

  const args: Record<string, unknown> = methodParams(ctx, op, query);
  // The Gmail and Docs frontends refuse a query parameter they do not know (Drive and Calendar ignore it).
  const unknown = dialectOf(op.service)?.strictQuery ? Object.keys(args).filter((k) => !ctx.paramKeys(op)?.has(k)) : [];
  if (unknown.length > 0) {
    const name = unknown[0]!;
    const near = closestName(name, [...(ctx.paramKeys(op) ?? [])]);
    const error = invalidArgument(`Invalid JSON payload received. Unknown name "${name}": Cannot bind query parameter. Field '${name}' could not be found in request message.${near ? ` Did you mean "${near}"?` : ''}`);
    trial.ws.logRejected(op.id, 'http', error.message, { args, write: op.kind === 'write' });
    return sendGoogleError(res, error, op.service);
  }
  Object.assign(args, pathParams);
  let media: Media | undefined;
  if (route.upload) {
    const uploadType = typeof query.uploadType === 'string' ? query.uploadType : undefined;
    if (uploadType === 'resumable') return startResumable(ctx, req, res, url, trial, op, args, body);
    const parsed = parseUpload(req, body, uploadType);
    if ('error' in parsed) return sendGoogleError(res, invalidArgument(parsed.error), op.service);
    media = parsed.media;
    if (parsed.metadata !== undefined) args.requestBody = parsed.metadata;
  } else if (body.length > 0) {
    // Google reads any non-upload body as JSON, whatever the method; garbage is a 400.
    const parsed = parseJsonBody(body);
    if (!parsed.ok) return sendGoogleError(res, googleError(400, 'parseError', `Invalid JSON payload received. ${parsed.message}`), op.service);
    if (parsed.value !== undefined && op.body) args.requestBody = parsed.value;
  }
  runAndRespond(ctx, res, trial, op, args, media, mask);
}

/** Query values that are method arguments (system params only when the op declares them). */
function methodParams(ctx: ServerContext, op: Operation, query: Record<string, string | string[]>): Record<string, unknown> {
  const declared = ctx.paramKeys(op);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(query)) {
    if (SYSTEM_PARAMS.has(k) && !declared?.has(k)) continue;
    out[k] = v;
  }
  return out;
}

type UploadParse = { media: Media; metadata: unknown } | { error: string };

/** Reads an upload body: `media` (raw bytes) or `multipart` (JSON metadata part + media part). */
function parseUpload(req: IncomingMessage, body: Buffer, uploadType: string | undefined): UploadParse {
  const ct = parseContentType(req.headers['content-type']);
  const type = uploadType ?? (ct.type === 'multipart/related' ? 'multipart' : 'media');
  if (type === 'media') {
    return { media: { mimeType: ct.type || 'application/octet-stream', data: body }, metadata: undefined };
  }
  if (type !== 'multipart') return { error: `Invalid uploadType: ${type}. Supported: media, multipart, resumable.` };
  if (!ct.type.startsWith('multipart/')) return { error: 'uploadType=multipart needs a multipart/related body.' };
  const parts = parseMultipart(body, ct.params.boundary ?? '');
  if (!parts || parts.length === 0) return { error: 'Malformed multipart body.' };
  const [first, second] = parts;
  // With one part only, it is the media (metadata omitted).
  if (!second) return { media: { mimeType: first!.contentType, data: first!.data }, metadata: undefined };
  const meta = parseJsonBody(first!.data);
  if (!meta.ok) return { error: `Invalid JSON payload received in the metadata part. ${meta.message}` };
  return { media: { mimeType: second.contentType, data: second.data }, metadata: meta.value };
}

/** Invokes the operation and writes the wire response. */
function runAndRespond(
  ctx: ServerContext, res: ServerResponse, trial: ServedTrial, op: Operation,
  args: Record<string, unknown>, media: Media | undefined, mask: ReturnType<typeof parseFieldMask>,
): void {
  const refused = refuseOutsideServices(trial, op, args);
  if (refused) return sendGoogleError(res, refused);
  let result;
  try {
    result = trial.ws.invoke(op.id, args, { face: 'http', auth: { principal: trial.principal, tokenKind: 'user' }, ...(media ? { media } : {}) });
  } catch (e) {
    ctx.onInternalError(e, op.id);
    return sendJson(res, 500, { error: { code: 500, message: 'Internal error encountered.', errors: [{ message: 'Internal error encountered.', domain: 'global', reason: 'backendError' }], status: 'INTERNAL' } });
  }
  if (!result.ok) return sendGoogleError(res, result.error, op.service);
  if (op.kind === 'write') deliverPush(ctx, trial, op, result.action.changes);
  const value = result.value;
  if (isRawResponse(value)) return sendRaw(res, 200, value.contentType, value.data);
  if (value === undefined || value === null) return sendEmpty(res);
  sendJson(res, 200, mask ? applyFieldMask(value, mask) : value);
}

/** One push deliverer per server: watch channels' message numbers live as long as the server. */
const deliverers = new WeakMap<ServerContext, PushDeliverer>();

/** The push deliverer of a server (tests drain it). */
export function pushDeliverer(ctx: ServerContext): PushDeliverer {
  let d = deliverers.get(ctx);
  if (!d) deliverers.set(ctx, (d = new PushDeliverer()));
  return d;
}

/** Sends the push notifications a successful write causes (Calendar's watch channels). */
function deliverPush(ctx: ServerContext, trial: ServedTrial, op: Operation, changes: readonly RecordChange[] | undefined): void {
  if (op.service !== 'calendar' || !changes?.length) return;
  for (const m of calendarPushMessages(trial.ws, changes, trial.principal)) pushDeliverer(ctx).notify(workspaceScope(trial.ws), m.channel, m.state);
}

/** A stable key per served workspace: trials serving one workspace share its channels' message numbers. */
const scopes = new WeakMap<object, string>();
let nextScope = 0;
function workspaceScope(ws: object): string {
  let s = scopes.get(ws);
  if (s === undefined) scopes.set(ws, (s = `ws${++nextScope}`));
  return s;
}

/** `uploadType=resumable`, step 1: keep the metadata, answer with the session URL in Location. */
function startResumable(
  ctx: ServerContext, req: IncomingMessage, res: ServerResponse, url: URL, trial: ServedTrial,
  op: Operation, args: Record<string, unknown>, body: Buffer,
): void {
  const meta = parseJsonBody(body);
  if (!meta.ok) return sendGoogleError(res, googleError(400, 'parseError', `Invalid JSON payload received. ${meta.message}`), op.service);
  if (meta.value !== undefined) args.requestBody = meta.value;
  const declared = req.headers['x-upload-content-type'];
  const length = Number(req.headers['x-upload-content-length']);
  const total = Number.isSafeInteger(length) && length >= 0 ? length : undefined;
  const session = ctx.uploads.open(trial, op, args, typeof declared === 'string' && declared ? declared : undefined, body.length, total);
  const location = new URL(url.pathname, `http://${req.headers.host ?? '127.0.0.1'}`);
  location.searchParams.set('uploadType', 'resumable');
  location.searchParams.set('upload_id', session.id);
  res.writeHead(200, { Location: location.href, 'X-GUploader-UploadID': session.id, 'Content-Length': '0' });
  res.end();
}

/**
 * `uploadType=resumable`, step 2: the bytes arrive, in one PUT or in chunks with
 * `Content-Range: bytes a-b/total` (answered 308 Resume Incomplete with the `Range` received,
 * as is a `bytes *\/total` status query); the last byte runs the operation. An unknown,
 * expired or evicted session is Google's 404 for an upload session that is gone (Drive's
 * guide: on 404 the session has expired and the upload must start again).
 */
function finishResumable(ctx: ServerContext, res: ServerResponse, id: string, req: IncomingMessage, body: Buffer): void {
  const session = ctx.uploads.get(id, (t) => ctx.trials.get(t) !== undefined);
  if (!session) return sendGoogleError(res, notFound('No upload session with that upload_id (it finished, expired or was never opened): start the upload again.'), apiOfPath(req.url ?? ''));
  const range = parseContentRange(typeof req.headers['content-range'] === 'string' ? req.headers['content-range'] : undefined);
  if (range === 'invalid') return sendGoogleError(res, invalidArgument('Invalid Content-Range header.'), session.op.service);
  if (range?.kind === 'chunk' && (range.last - range.first + 1 !== body.length)) return sendGoogleError(res, invalidArgument('The Content-Range does not match the length of the request body.'), session.op.service);
  if (range?.kind === 'chunk' && range.first !== session.received) return resumeIncomplete(res, session.received);
  if (range === undefined) {
    // One PUT with the whole file.
    if (session.received > 0) return sendGoogleError(res, invalidArgument('This session already received chunks: send the rest with Content-Range.'), session.op.service);
    session.total = body.length;
  } else if (range.total !== undefined) session.total = range.total;
  if (body.length > 0 || range === undefined) {
    if (ctx.uploads.append(session, body) === 'tooLarge') {
      return sendJson(res, 413, { error: { code: 413, message: 'The upload is larger than a resumable session may hold here.', status: 'INVALID_ARGUMENT' } });
    }
  }
  if (session.total === undefined || session.received < session.total) return resumeIncomplete(res, session.received);
  if (session.received > session.total) {
    ctx.uploads.close(session.id);
    return sendGoogleError(res, invalidArgument('More bytes arrived than the declared total.'), session.op.service);
  }
  ctx.uploads.close(session.id);
  const ct = parseContentType(req.headers['content-type']).type;
  const data = session.chunks.length === 1 ? session.chunks[0]! : Buffer.concat(session.chunks);
  // The type declared when the session opened wins (as in Google); else the PUT's own.
  const media: Media = { mimeType: session.mimeType ?? (ct || 'application/octet-stream'), data };
  runAndRespond(ctx, res, session.trial, session.op, { ...session.args }, media, undefined);
}

/** 308 Resume Incomplete, with the bytes received so far in `Range` (absent when none). */
function resumeIncomplete(res: ServerResponse, received: number): void {
  res.writeHead(308, { ...(received > 0 ? { Range: `bytes=0-${received - 1}` } : {}), 'Content-Length': '0' });
  res.end();
}
