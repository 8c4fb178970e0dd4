/** The trial's own routes (`/_deskbench/...`): what the agent may ask the harness with its own token, the trial's facts and the finish endpoint. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { MAX_QUESTION_CHARS } from '../../core/index.ts';
import type { ServerContext } from './context.ts';
import { parseJsonBody } from './body.ts';
import { bearerToken, sendJson } from './respond.ts';

/** Longest final message the finish endpoint takes (characters). */
export const MAX_FINISH_MESSAGE_CHARS = 100_000;

/** Body of `POST /_deskbench/finish`. */
export const FinishBody = z.object({
  message: z.string().max(MAX_FINISH_MESSAGE_CHARS).describe('The agent\'s final message to the user.'),
}).strict();

/** Body of `POST /_deskbench/ask`. */
export const AskBody = z.object({
  question: z.string().min(1).max(MAX_QUESTION_CHARS).describe('The question to the user the agent works for.'),
}).strict();

function fail(res: ServerResponse, status: number, message: string): void {
  sendJson(res, status, { ok: false, error: message });
}

/**
 * `POST /_deskbench/finish` (body `{"message": "..."}`): records the agent's final message
 * (the last one wins); `POST /_deskbench/ask` (body `{"question": "..."}`): asks the user
 * the agent works for and answers `{"ok": true, "reply": "..."}` (the tool face's ask_user,
 * logged the same way); `GET /_deskbench/trial`: the trial's announcement (the workspace
 * clock, the user's time zone, the services). Both need the trial's user token, as the
 * Google APIs do; a Slack bot token is refused. Routes the trial does not offer are 404.
 */
export function handleTrialRoute(ctx: ServerContext, req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer): void {
  const owner = ctx.trials.byToken(bearerToken(req.headers.authorization));
  if (!owner || owner.kind !== 'user') return fail(res, 401, 'This route needs the trial\'s user token (Authorization: Bearer <user token>).');
  const trial = owner.trial;
  const path = url.pathname.replace(/\/+$/, '');
  if (path === '/_deskbench/trial') {
    if (req.method !== 'GET') return fail(res, 405, '/_deskbench/trial takes GET.');
    if (trial.announcement === undefined) return fail(res, 404, 'This server announces nothing for the trial.');
    return sendJson(res, 200, { ok: true, trial: trial.announcement });
  }
  if (path === '/_deskbench/ask') {
    if (req.method !== 'POST') return fail(res, 405, '/_deskbench/ask takes POST with {"question": "..."}.');
    const parsed = parseJsonBody(body);
    const r = parsed.ok ? AskBody.safeParse(parsed.value) : undefined;
    if (!r?.success) {
      // A malformed question is still an attempt the log keeps.
      trial.ws.logRejected('user.ask', 'http', parsed.ok ? 'question must be a non-empty string' : `not JSON: ${parsed.message}`);
      return fail(res, 400, `Send {"question": "<text>"} (1 to ${MAX_QUESTION_CHARS} characters).`);
    }
    return sendJson(res, 200, { ok: true, reply: trial.ws.askUser(r.data.question, 'http').reply });
  }
  if (path === '/_deskbench/finish') {
    if (req.method !== 'POST') return fail(res, 405, '/_deskbench/finish takes POST with {"message": "..."}.');
    if (!trial.onFinish) return fail(res, 404, 'This trial takes no final message.');
    const parsed = parseJsonBody(body);
    if (!parsed.ok) return fail(res, 400, `The body is not JSON: ${parsed.message}`);
    const r = FinishBody.safeParse(parsed.value);
    if (!r.success) {
      const issue = r.error.issues[0];
      return fail(res, 400, `Send {"message": "<text>"} (at most ${MAX_FINISH_MESSAGE_CHARS} characters): ${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'malformed'}.`);
    }
    trial.onFinish(r.data.message);
    return sendJson(res, 200, { ok: true });
  }
  return fail(res, 404, `No route ${path.slice(0, 200)}.`);
}
