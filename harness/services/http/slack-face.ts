/** The Slack Web API face: `/api/<method>`, form/JSON/multipart args, tokens, `ok` envelopes. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isRawResponse, type Media } from '../../core/index.ts';
import { slackErrorBody } from '../wire-errors.ts';
import { charsetWarnings, withWarnings } from '../slack/wire-warnings.ts';
import { formValues, parseContentType, parseJsonBody, parseMultipart } from './body.ts';
import type { ServerContext } from './context.ts';
import { bearerToken, sendJson, sendRaw } from './respond.ts';
import { refuseOutsideServices } from './trials.ts';

/** Handles `GET|POST /api/<method>`. */
export function handleSlack(ctx: ServerContext, req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer): void {
  const op = ctx.table.slack.get(url.pathname);
  const args = parseArgs(req, url, body, op?.transport === true);
  // Every answer, success or error, carries the request's charset warnings, as Slack's do.
  const warnings = charsetWarnings(req.headers['content-type'], body.length > 0);
  const send = (status: number, payload: Record<string, unknown>, headers: Record<string, string> = {}) => sendJson(res, status, withWarnings(payload, warnings), headers);
  /** Slack answers errors with HTTP 200 and `{ok:false, error}`. */
  const fail = (error: string, extra: Record<string, unknown> = {}) => send(200, { ok: false, error, ...extra });
  if (!op) {
    // Logged in the caller's trial: admin.*, debug.* and host-like methods are escalations, a misspelt method a mistake.
    const method = url.pathname.slice('/api/'.length, 300);
    const token = bearerToken(req.headers.authorization) ?? ('error' in args ? undefined : typeof args.params.token === 'string' ? args.params.token : undefined);
    ctx.trials.byToken(token)?.trial.ws.logUnknown(`slack.${method}`, 'http', { method });
    return fail('unknown_method', { req_method: method });
  }
  if ('error' in args) return fail(args.error);
  const params = args.params;
  const token = bearerToken(req.headers.authorization) ?? (typeof params.token === 'string' ? params.token : undefined);
  delete params.token;
  if (!token) return fail('not_authed');
  const owner = ctx.trials.byToken(token);
  if (!owner) return fail('invalid_auth');
  if (!op.tokens.includes(owner.kind)) return fail('not_allowed_token_type');

  const trial = owner.trial;
  const refused = refuseOutsideServices(trial, op, params);
  if (refused) return send(200, slackErrorBody(refused));
  let result;
  try {
    result = trial.ws.invoke(op.id, params, {
      face: 'http',
      auth: { principal: trial.principal, tokenKind: owner.kind },
      ...(args.media ? { media: args.media } : {}),
    });
  } catch (e) {
    ctx.onInternalError(e, op.id);
    // A bug, not bad input: a 5xx so tests notice (the client would retry it).
    return sendJson(res, 500, { ok: false, error: 'internal_error' });
  }
  if (!result.ok) {
    const status = result.error.httpStatus === 429 ? 429 : 200;
    return send(status, slackErrorBody(result.error), status === 429 ? { 'Retry-After': '1' } : {});
  }
  const value = result.value;
  if (isRawResponse(value)) return sendRaw(res, 200, value.contentType, value.data);
  const payload = (value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {}) as Record<string, unknown>;
  send(200, { ok: true, ...absoluteUploadUrl(payload, req) });
}

/**
 * Handlers cannot know the server's address, so `files.getUploadURLExternal` returns a
 * path; the client POSTs to `upload_url` as an absolute URL, so make it one here.
 */
function absoluteUploadUrl(payload: Record<string, unknown>, req: IncomingMessage): Record<string, unknown> {
  const u = payload.upload_url;
  if (typeof u !== 'string' || !u.startsWith('/')) return payload;
  return { ...payload, upload_url: `http://${req.headers.host ?? '127.0.0.1'}${u}` };
}

type SlackArgs = { params: Record<string, unknown>; media: Media | undefined } | { error: string };

/**
 * Merges query and body arguments; file parts of multipart bodies become the call's media.
 * An upload target (`rawUpload`) also takes the bytes as the whole body, as Slack's upload
 * URLs do (`curl --data-binary`).
 */
function parseArgs(req: IncomingMessage, url: URL, body: Buffer, rawUpload: boolean): SlackArgs {
  const params: Record<string, unknown> = { ...formValues(url.searchParams) };
  let media: Media | undefined;
  if (body.length === 0) return { params, media };
  const ct = parseContentType(req.headers['content-type']);
  if (ct.type === 'application/json') {
    const parsed = parseJsonBody(body);
    if (!parsed.ok) return { error: 'invalid_json' };
    if (parsed.value === undefined) return { params, media };
    if (parsed.value === null || typeof parsed.value !== 'object' || Array.isArray(parsed.value)) return { error: 'invalid_arguments' };
    Object.assign(params, parsed.value);
  } else if (ct.type === 'multipart/form-data') {
    const parts = parseMultipart(body, ct.params.boundary ?? '');
    if (!parts) return { error: 'invalid_form_data' };
    for (const p of parts) {
      if (!p.name) continue;
      // A file part: named file, or any part carrying its own Content-Type (the Slack
      // client sends Buffers that way); plain form fields have neither.
      if (p.filename !== undefined || p.headers['content-type'] !== undefined) {
        media ??= { mimeType: p.contentType === 'text/plain' && !p.headers['content-type'] ? 'application/octet-stream' : p.contentType, data: p.data };
        if (p.filename !== undefined) params[p.name] = p.filename;
      } else params[p.name] = p.data.toString('utf8');
    }
  } else if (rawUpload && ct.type !== 'application/x-www-form-urlencoded') {
    media = { mimeType: ct.type || 'application/octet-stream', data: body };
  } else {
    // application/x-www-form-urlencoded, and Slack's lenient default for anything else.
    Object.assign(params, formValues(new URLSearchParams(body.toString('utf8'))));
  }
  return { params, media };
}
