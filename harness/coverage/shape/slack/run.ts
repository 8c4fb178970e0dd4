/**
 * The Slack adapter of the response-shape conformance (`deskbench coverage` and
 * test/conformance/slack/shapes.test.ts): runs every step of calls.ts
 * through the official WebClient against a live server and checks each response against
 * the SDK's declared shape plus the always-present fields; error probes are checked for
 * Slack's envelope (`ok:false`, the documented `error`, `needed`/`provided` on
 * `missing_scope`). Returns one result per implemented method.
 */
import type { WebClient } from '@slack/web-api';
import type { Workspace } from '../../../core/index.ts';
import { slackService } from '../../../services/slack/index.ts';
import { ALWAYS_PRESENT, DOCUMENTED_TYPES } from './always-present.ts';
import { STEPS, type State, type Step } from './calls.ts';
import { loadResponseTypes, type ResponseTypes } from './response-types.ts';
import { checkShape, type ShapeProblem } from './shape-check.ts';
import type { ShapeResult } from '../types.ts';

/** What the adapter needs from a live server. */
export interface SlackTarget {
  readonly slack: WebClient;
  readonly slackBot: WebClient;
  readonly ws: Workspace;
  readonly userToken: string;
}

/** The outcome for one method: every call of it, its problems, how many fields were checked. */
export interface MethodResult {
  readonly api: 'slack';
  readonly method: string;
  readonly calls: number;
  readonly ok: boolean;
  readonly problems: ReadonlyArray<ShapeProblem | { readonly path: string; readonly kind: 'error'; readonly expected: string; readonly actual?: string }>;
  readonly checked: number;
  /** Always-present fields looked for. */
  readonly required: number;
  /** Error probes made (each checks the envelope: ok, error, and needed/provided where documented). */
  readonly errorProbes: number;
  readonly extras: readonly string[];
}

/** Slack's error codes: lower snake case. */
const ERROR_CODE = /^[a-z][a-z0-9_]*$/;

/** The ids the steps start from, read from the base workspace through the API itself. */
async function initialState(t: SlackTarget): Promise<State> {
  const me = await t.slack.auth.test();
  const bot = await t.slackBot.auth.test();
  const chans = await t.slack.conversations.list({ types: 'public_channel,private_channel', limit: 1000 });
  const byName = (n: string) => chans.channels!.find((c) => c.name === n)!.id!;
  const users = await t.slack.users.list({ limit: 200 });
  const colleague = users.members!.find((u) => !u.is_bot && !u.deleted && u.id !== me.user_id && u.profile?.email)!;
  return {
    ownerId: me.user_id!, botId: bot.user_id!, botBotId: bot.bot_id!, colleague: colleague.id!, colleagueEmail: colleague.profile!.email!,
    general: byName('general'), engineering: byName('engineering'), design: byName('design'), archived: byName('q3-offsite'),
    now: String(Math.floor(t.ws.nowMs() / 1000)),
  };
}

/** Checks an `ok:false` body: the documented error string, and `needed`/`provided` on `missing_scope`. */
function errorProblems(body: Record<string, unknown> | undefined, step: Step): MethodResult['problems'] {
  const out: Array<{ path: string; kind: 'error'; expected: string; actual?: string }> = [];
  if (!body || body.ok !== false) out.push({ path: 'ok', kind: 'error', expected: 'false', actual: String(body?.ok) });
  if (typeof body?.error !== 'string' || !ERROR_CODE.test(body.error)) out.push({ path: 'error', kind: 'error', expected: 'a Slack error code', actual: String(body?.error) });
  else if (body.error !== step.error) out.push({ path: 'error', kind: 'error', expected: step.error!, actual: body.error });
  if (body?.error === 'missing_scope') {
    for (const k of ['needed', 'provided']) if (typeof body[k] !== 'string' || !body[k]) out.push({ path: k, kind: 'error', expected: 'a scope list (string)', actual: String(body[k]) });
  }
  if (step.method === 'conversations.leave' && body?.not_in_channel !== true) out.push({ path: 'not_in_channel', kind: 'error', expected: 'true (documented)', actual: String(body?.not_in_channel) });
  return out;
}

/** Runs every step; one result per implemented method (a method no step calls fails as uncovered). */
export async function runSlackConformance(t: SlackTarget): Promise<MethodResult[]> {
  const state = await initialState(t);
  const types = new Map<string, ResponseTypes | undefined>();
  const acc = new Map<string, { calls: number; problems: MethodResult['problems'][number][]; checked: number; required: number; errorProbes: number; extras: Set<string> }>();
  const entry = (m: string) => {
    let e = acc.get(m);
    if (!e) acc.set(m, (e = { calls: 0, problems: [], checked: 0, required: 0, errorProbes: 0, extras: new Set() }));
    return e;
  };
  for (const step of STEPS) {
    const e = entry(step.method);
    e.calls++;
    if (!types.has(step.method)) types.set(step.method, loadResponseTypes(step.method));
    const declared = types.get(step.method);
    if (!declared) {
      e.problems.push({ path: '', kind: 'error', expected: `a ${step.method} response type in @slack/web-api` });
      continue;
    }
    const client = step.token === 'bot' ? t.slackBot : t.slack;
    if (step.upload) {
      const u = step.upload(state);
      const res = await fetch(u.url, { method: 'POST', body: u.body, headers: { authorization: `Bearer ${t.userToken}`, 'content-type': 'text/plain' } });
      if (res.status !== 200) e.problems.push({ path: 'upload_url', kind: 'error', expected: 'HTTP 200', actual: String(res.status) });
    }
    let body: Record<string, unknown> | undefined;
    let failed = false;
    try {
      body = (await client.apiCall(step.method, step.args?.(state) ?? {})) as unknown as Record<string, unknown>;
    } catch (err) {
      failed = true;
      body = (err as { data?: Record<string, unknown> }).data;
      if (!step.error) e.problems.push({ path: '', kind: 'error', expected: 'ok:true', actual: `${String(body?.error ?? err)}` });
    }
    if (step.error) {
      e.errorProbes++;
      if (!failed) e.problems.push({ path: 'ok', kind: 'error', expected: `error ${step.error}`, actual: 'ok:true' });
      else e.problems.push(...errorProblems(body, step));
    } else if (!failed && body) {
      step.keep?.(body as Record<string, any>, state);
    }
    if (!body) continue;
    // Errors are checked against the declared shape too (error, needed, provided, response_metadata).
    const report = checkShape(body, declared, failed ? [] : ALWAYS_PRESENT[step.method] ?? [], DOCUMENTED_TYPES);
    e.problems.push(...report.problems);
    e.checked += report.checked;
    e.required += report.required;
    report.extras.forEach((x) => e.extras.add(x));
  }
  return slackService.operations
    .filter((op) => !op.transport)
    .map((op) => op.id.slice('slack.'.length))
    .map((method) => {
      const e = acc.get(method);
      if (!e) return { api: 'slack' as const, method, calls: 0, ok: false, problems: [{ path: '', kind: 'error' as const, expected: 'a conformance step' }], checked: 0, required: 0, errorProbes: 0, extras: [] };
      return { api: 'slack' as const, method, calls: e.calls, ok: e.problems.length === 0, problems: e.problems, checked: e.checked, required: e.required, errorProbes: e.errorProbes, extras: [...e.extras].sort() };
    });
}

/** Field checks an error envelope counts for: ok, error (and needed/provided on missing_scope, counted with them). */
const ENVELOPE_CHECKS = 2;

/**
 * The per-API summary the shared shape runner reports (harness/coverage/shape's `ShapeResult`:
 * api, methods, probes, fields checked and conforming, divergences), so Slack joins it as is.
 */
export function toShapeResult(results: readonly MethodResult[]): ShapeResult {
  const divergences = results.flatMap((r) => r.problems.map((p) => ({ method: r.method, path: p.path || '$', problem: `${p.kind}: expected ${p.expected}${p.actual !== undefined ? `, got ${p.actual}` : ''}` })));
  const fieldsChecked = results.reduce((n, r) => n + r.checked + r.required + r.errorProbes * ENVELOPE_CHECKS, 0);
  return {
    api: 'slack', methods: results.filter((r) => r.calls > 0).length, probes: results.reduce((n, r) => n + r.calls, 0),
    fieldsChecked, fieldsConforming: Math.max(0, fieldsChecked - divergences.length), divergences,
  };
}

/** Runs Slack's conformance against a live server and sums it up as the shared runner's result. */
export async function runSlackShapes(t: SlackTarget): Promise<ShapeResult> {
  return toShapeResult(await runSlackConformance(t));
}
