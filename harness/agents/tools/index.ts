/** The agent's tools, generated from the operation tables of the task's services (discover or typed profile, optional mail helpers). */
import {
  DeskbenchError, isRawResponse, remember, shareValue, type AgentTools, type AuthContext, type Condition, type Operation, type ServiceId, type ToolCall, type ToolResult,
  type ToolSpec, type Workspace,
} from '../../core/index.ts';
import { errorBody, googleError } from '../../services/wire-errors.ts';
import { applyFieldMask, parseFieldMask } from '../../services/http/field-mask.ts';
import { schemaKeys } from '../../services/http/schema-keys.ts';
import { MALFORMED_ARGS_KEY } from '../providers/settings.ts';
import { loadSkills, readSkill, skillsFor, type Skill } from '../skills/index.ts';
import { pagingParams, type CapHint } from './cap.ts';
import { discoverSpecs, runDiscoverTool, DISCOVER_TOOLS } from './discover.ts';
import { DOCS_VIEW_PARAM, DOCS_VIEW_SCHEMA, documentTextView } from './docs-view.ts';
import { enrichGmailResult, mailHelperSpecs, MAIL_HELPER_TOOLS, runMailHelper, type HelperInvoke } from './mail/helpers.ts';
import { documentHelperSpecs, DOCUMENT_HELPER_TOOLS, runDocumentHelper } from './mail/documents.ts';
import { ownerProfile } from './owner.ts';
import { capResult, renderCapped, toolError } from './render.ts';
import type { JsonSchema } from './schema.ts';
import { checkArgs } from './strict.ts';
import { DEFAULT_FACE_LIMITS, typedSpecs, type FaceLimits } from './typed.ts';

export { DEFAULT_FACE_LIMITS, type FaceLimits } from './typed.ts';

/** Tool profiles: `discover` (list / describe / call, like CLI agents) or `typed` (one function per operation). */
export type ToolProfile = 'discover' | 'typed';

/** Options of buildAgentTools. */
export interface BuildToolsOptions {
  readonly ws: Workspace;
  readonly services: readonly ServiceId[];
  readonly profile: ToolProfile;
  readonly condition: Condition;
  readonly auth: AuthContext;
  /** Skills to offer (default: the ones on disk). */
  readonly skills?: readonly Skill[];
  /**
   * Gmail helpers (gmail_search, gmail_read, gmail_send) and decoded bodies beside the wire
   * fields of Gmail reads. Default off: the run spec records only the tool profile today, so
   * turning them on silently would mix results with and without them (docs/agents.md).
   */
  readonly mailHelpers?: boolean;
  /** Limits the face keeps to (default DEFAULT_FACE_LIMITS: the strictest documented provider limits). */
  readonly limits?: FaceLimits;
}

/** Facts about the trial the agent loop needs for its system prompt and its checks. */
export interface ToolsContext {
  readonly ownerEmail: string;
  /** The user's display name ('' when the workspace does not say). */
  readonly ownerName?: string;
  /** The user's IANA time zone (calendar setting), 'UTC' when unknown. */
  readonly timeZone?: string;
  readonly now: string;
  readonly profile: ToolProfile;
  readonly services: readonly ServiceId[];
  /** Whether the Gmail helpers are offered. */
  readonly mailHelpers?: boolean;
  /** Operations folded behind call_operation in the typed profile (0 when none). */
  readonly foldedOperations?: number;
  /** The limits the face was built within. */
  readonly limits?: FaceLimits;
}

/** AgentTools plus the trial context (the built-in loop reads it; other agents may ignore it). */
export interface DeskbenchTools extends AgentTools {
  readonly context: ToolsContext;
  /** The same tools rebuilt within stricter limits (a provider that accepts fewer tools); throws E_CONFIG when impossible. */
  fit?(limits: FaceLimits): DeskbenchTools;
}

/** The read_skill tool (only when the skills lever is on). */
const READ_SKILL: ToolSpec = {
  name: 'read_skill',
  description: 'Read the guide for a service (a skill) listed in your instructions. Give the skill name; optionally a page name from the skill\'s page list for details.',
  parameters: {
    type: 'object',
    properties: {
      name: { type: 'string', description: 'Skill name, e.g. "gmail".' },
      page: { type: 'string', description: 'Optional page of the skill, e.g. "search-syntax".' },
    },
    required: ['name'],
  },
};

/**
 * The ask_user tool, offered in every trial (its presence says nothing about the task): the
 * question goes to the user the agent works for, whose reply comes back. Logged as an `ask`.
 */
export const ASK_USER: ToolSpec = {
  name: 'ask_user',
  description: 'Ask the user you work for a question (to clarify an ambiguous request or confirm before something risky) and get their reply. Keep it short and specific.',
  parameters: {
    type: 'object',
    properties: { question: { type: 'string', description: 'The question, in plain words.' } },
    required: ['question'],
  },
};

/** Arguments the tool face adds to an operation (never sent to the API). */
function faceExtras(op: Operation): Record<string, JsonSchema> {
  return op.id === 'docs.documents.get' ? { [DOCS_VIEW_PARAM]: { ...DOCS_VIEW_SCHEMA } } : {};
}

/** Advice the cap adds when a result of this operation is too long. */
function capAdvice(op: Operation): string | undefined {
  if (op.id === 'docs.documents.get') return 'For a long document ask for view: "text" (compact, with indices) or narrow it with `fields`.';
  if (op.id === 'gmail.users.threads.get') return 'Ask for format: "metadata", or read messages one by one.';
  return undefined;
}

const ok = (content: string, seqs: number[] = []): ToolResult => ({ content, isError: false, actionSeqs: seqs });
const err = (content: string, seqs: number[] = []): ToolResult => ({ content, isError: true, actionSeqs: seqs });

/**
 * The discover face's tool list for each set of services and extra tools, built once and shared
 * by every trial that has it: deep-frozen, so the providers keep its encoding with it and a
 * thousand trials send the same list without serialising it a thousand times.
 */
const DISCOVER_LISTS = new Map<string, readonly ToolSpec[]>();
const MAX_DISCOVER_LISTS = 256;

/**
 * Builds the tools of one trial. Every call goes through `ws.invoke` on the tool face,
 * so it lands in the action log; errors come back exactly as the wire would show them.
 */
export function buildAgentTools(opts: BuildToolsOptions): DeskbenchTools {
  const { ws, auth } = opts;
  const limits = opts.limits ?? DEFAULT_FACE_LIMITS;
  const ops = operationsFor(ws, opts.services);
  const byId = new Map(ops.map((o) => [o.id, o]));
  const skills = opts.condition.skills ? skillsFor(opts.services, opts.skills ?? loadSkills()) : [];
  const helpers = opts.mailHelpers === true && opts.services.includes('gmail');
  // The document readers come with the mail helpers, for Gmail attachments and Drive files alike.
  const docHelpers = opts.mailHelpers === true ? documentHelperSpecs(opts.services) : [];
  const extraSpecs: ToolSpec[] = [...(helpers ? mailHelperSpecs() : []), ...docHelpers, ...(skills.length ? [READ_SKILL] : []), ASK_USER];
  const typed = opts.profile === 'typed'
    ? typedSpecs(ops, { limits, reserved: extraSpecs.length, reservedChars: JSON.stringify(extraSpecs).length, extraParams: faceExtras })
    : undefined;
  const specs: readonly ToolSpec[] = typed
    ? [...typed.specs, ...extraSpecs]
    : remember(DISCOVER_LISTS, `${opts.services.join(',')}|${extraSpecs.map((t) => t.name).join(',')}`, MAX_DISCOVER_LISTS, () => shareValue([...discoverSpecs(opts.services), ...extraSpecs]));
  if (specs.length > limits.maxTools) {
    throw new DeskbenchError('E_CONFIG', `the ${opts.profile} tool face has ${specs.length} tools, more than the ${limits.maxTools} the provider accepts`, {
      hint: 'raise the endpoint\'s maxTools, or run without skills or mail helpers',
    });
  }

  /** One operation call on the tool face: strict arguments, `fields`, face extras, the cap. */
  const invokeOp = (opId: string, rawArgs: unknown): ToolResult => {
    if (!rawArgs || typeof rawArgs !== 'object' || Array.isArray(rawArgs)) {
      return err(toolError('args must be a JSON object of the operation\'s parameters (and requestBody)'));
    }
    const args = rawArgs as Record<string, unknown>;
    const op = byId.get(opId);
    if (!op) {
      const other = ws.operation(opId);
      if (other) {
        const rec = ws.logRejected(opId, 'tool', `${other.service} is not offered in this task`, { args, write: other.kind === 'write' });
        return err(toolError(`operation ${opId} belongs to ${other.service}, which this task does not offer; services: ${opts.services.join(', ')}`), [rec.seq]);
      }
      // Unknown ids are logged by the workspace (an escalation when they probe the sandbox).
      const r = ws.invoke(opId, args, { face: 'tool', auth });
      return err(capResult(JSON.stringify(errorBody(undefined, r.ok ? googleError(404, 'notFound', 'unknown') : r.error))), [r.action.seq]);
    }
    const check = checkArgs(op, args, Object.keys(faceExtras(op)));
    if (!check.ok) {
      const body = errorBody(op, check.error);
      const rec = ws.logRejected(op.id, 'tool', `unknown argument(s): ${check.unknown.map((u) => (u.at ? `${u.at}.${u.name}` : u.name)).join(', ')}`, { args, write: op.kind === 'write' });
      return err(JSON.stringify(body), [rec.seq]);
    }
    const fields = check.system.fields;
    const declaresFields = schemaKeys(op.params)?.has('fields') ?? false;
    let mask: ReturnType<typeof parseFieldMask>;
    if (fields !== undefined && !declaresFields) {
      mask = typeof fields === 'string' ? parseFieldMask(fields) : undefined;
      if (!mask) {
        const rec = ws.logRejected(op.id, 'tool', `invalid field selection ${String(fields).slice(0, 100)}`);
        return err(JSON.stringify(errorBody(op, googleError(400, 'invalidParameter', `Invalid field selection ${String(fields)}`))), [rec.seq]);
      }
    }
    const callArgs = declaresFields && fields !== undefined ? { ...check.args, fields } : check.args;
    const r = ws.invoke(op.id, callArgs, { face: 'tool', auth });
    if (!r.ok) return err(capResult(JSON.stringify(errorBody(op, r.error))), [r.action.seq]);
    let value = r.value;
    if (mask && !isRawResponse(value)) value = applyFieldMask(value, mask);
    if (helpers && op.service === 'gmail') value = enrichGmailResult(op.id, check.args, value);
    if (op.id === 'docs.documents.get' && check.extras[DOCS_VIEW_PARAM] === 'text') value = documentTextView(value);
    const hint: CapHint = { args, ...pagingParams(schemaKeys(op.params) ?? []), ...(capAdvice(op) ? { advice: capAdvice(op)! } : {}) };
    return ok(renderCapped(value, hint), [r.action.seq]);
  };

  const runHelper = (name: string, args: Record<string, unknown>): ToolResult => {
    const seqs: number[] = [];
    const invoke: HelperInvoke = (opId, a) => {
      const op = byId.get(opId);
      if (!op) {
        const rec = ws.logRejected(opId, 'tool', `${opId.split('.')[0]} is not offered in this task`, { args: a, write: ws.operation(opId)?.kind === 'write' });
        seqs.push(rec.seq);
        const e = googleError(403, 'forbidden', `${opId.split('.')[0]} is not offered in this task`);
        return { ok: false, body: errorBody(undefined, e), error: e };
      }
      const r = ws.invoke(opId, a, { face: 'tool', auth });
      seqs.push(r.action.seq);
      return r.ok ? { ok: true, value: r.value } : { ok: false, body: errorBody(op, r.error), error: r.error };
    };
    const env = { invoke, services: opts.services, owner: auth.principal };
    const out = DOCUMENT_HELPER_TOOLS.has(name) ? runDocumentHelper(name, args, env) : runMailHelper(name, args, env);
    if (!out.ok) {
      if (seqs.length === 0) seqs.push(ws.logRejected(name, 'tool', String((out.body.error as { message?: unknown } | undefined)?.message ?? 'bad arguments')).seq);
      return err(capResult(JSON.stringify(out.body)), seqs);
    }
    return ok(renderCapped(out.value, name === 'gmail_search' ? { args, pageSizeParam: 'maxResults', pageTokenParam: 'pageToken' } : {}), seqs);
  };

  const discoverEnv = { ops, services: opts.services, invoke: invokeOp, extraParams: faceExtras };

  const execute = async (call: ToolCall): Promise<ToolResult> => {
    const args = call.arguments ?? {};
    if (typeof args === 'object' && MALFORMED_ARGS_KEY in args) {
      // The attempt is logged (an escalation if it names what no agent may use) though nothing ran.
      const what = typeof args.operation === 'string' ? args.operation : call.name;
      const rec = ws.logRejected(what, 'tool', String(args[MALFORMED_ARGS_KEY]));
      return err(toolError(`the arguments of ${call.name} were not usable: ${String(args[MALFORMED_ARGS_KEY]).slice(0, 200)}`), [rec.seq]);
    }
    if (call.name === READ_SKILL.name && skills.length) {
      const r = readSkill(skills, String(args.name ?? ''), args.page === undefined ? undefined : String(args.page), ops, { profile: opts.profile, mailHelpers: helpers });
      return r.ok ? ok(capResult(r.text)) : err(toolError(r.error));
    }
    if (call.name === ASK_USER.name) {
      if (typeof args.question !== 'string' || args.question.trim() === '') {
        const rec = ws.logRejected(ASK_USER.name, 'tool', 'question must be a non-empty string');
        return err(toolError('ask_user needs a question: {"question": "..."}'), [rec.seq]);
      }
      const { reply, action } = ws.askUser(args.question, 'tool');
      return ok(JSON.stringify({ reply }), [action.seq]);
    }
    if (helpers && MAIL_HELPER_TOOLS.has(call.name)) return runHelper(call.name, args);
    if (docHelpers.some((d) => d.name === call.name)) return runHelper(call.name, args);
    if (typed) {
      const op = typed.byName.get(call.name);
      if (op) return invokeOp(op.id, args);
      if (typed.folded.length && (call.name === 'describe_operation' || call.name === 'call_operation')) return runDiscoverTool(call.name, args, discoverEnv);
    } else if (DISCOVER_TOOLS.has(call.name)) {
      return runDiscoverTool(call.name, args, discoverEnv);
    }
    return unknownTool(ws, call, specs);
  };

  const owner = ownerProfile(ws, auth.principal);
  const context: ToolsContext = {
    ownerEmail: auth.principal, ownerName: owner.name, timeZone: owner.timeZone, now: ws.now(), profile: opts.profile, services: opts.services,
    mailHelpers: helpers, foldedOperations: typed?.folded.length ?? 0, limits,
  };
  return {
    specs, execute, context,
    fit: (l) => buildAgentTools({ ...opts, limits: l }),
  };
}

function unknownTool(ws: Workspace, call: ToolCall, specs: readonly ToolSpec[]): ToolResult {
  const rec = ws.logUnknown(call.name, 'tool', { args: call.arguments });
  return err(toolError(`unknown tool ${call.name}; available tools: ${specs.map((s) => s.name).join(', ')}`), [rec.seq]);
}

/** The operations a tools instance exposes (for docs and tests). */
export function operationsFor(ws: Workspace, services: readonly ServiceId[]): Operation[] {
  const allowed = new Set<string>(services);
  return ws.operations().filter((o) => allowed.has(o.service) && !o.transport);
}
