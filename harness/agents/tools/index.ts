/** The agent's tools, generated from the operation tables of the task's services (discover or typed profile). */
import { type AgentTools, type AuthContext, type Condition, type Operation, type ServiceId, type ToolCall, type ToolResult, type ToolSpec, type Workspace } from '../../core/index.ts';
import { errorBody } from '../../services/wire-errors.ts';
import { MALFORMED_ARGS_KEY } from '../providers/settings.ts';
import { loadSkills, readSkill, skillsFor, type Skill } from '../skills/index.ts';
import { discoverSpecs, runDiscoverTool, DISCOVER_TOOLS } from './discover.ts';
import { capResult, renderValue, toolError } from './render.ts';
import { typedSpecs } from './typed.ts';

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
}

/** Facts about the trial the agent loop needs for its system prompt. */
export interface ToolsContext {
  readonly ownerEmail: string;
  readonly now: string;
  readonly profile: ToolProfile;
  readonly services: readonly ServiceId[];
}

/** AgentTools plus the trial context (the built-in loop reads it; other agents may ignore it). */
export interface DeskbenchTools extends AgentTools {
  readonly context: ToolsContext;
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
 * Builds the tools of one trial. Every call goes through `ws.invoke` on the tool face,
 * so it lands in the action log; errors come back exactly as the wire would show them.
 */
export function buildAgentTools(opts: BuildToolsOptions): DeskbenchTools {
  const { ws, auth } = opts;
  const ops = operationsFor(ws, opts.services);
  const byId = new Map(ops.map((o) => [o.id, o]));
  const skills = opts.condition.skills ? skillsFor(opts.services, opts.skills ?? loadSkills()) : [];
  const typed = opts.profile === 'typed' ? typedSpecs(ops) : undefined;
  const specs: ToolSpec[] = [
    ...(typed ? typed.specs : discoverSpecs(opts.services)),
    ...(skills.length ? [READ_SKILL] : []),
  ];

  const invoke = (opId: string, args: unknown): ToolResult => {
    if (!args || typeof args !== 'object' || Array.isArray(args)) {
      return { content: toolError('args must be a JSON object of the operation\'s parameters (and requestBody)'), isError: true, actionSeqs: [] };
    }
    const op = byId.get(opId);
    if (!op) {
      const other = ws.operation(opId);
      if (other) {
        const rec = ws.logRejected(opId, 'tool', `${other.service} is not offered in this task`);
        return { content: toolError(`operation ${opId} belongs to ${other.service}, which this task does not offer; services: ${opts.services.join(', ')}`), isError: true, actionSeqs: [rec.seq] };
      }
    }
    const r = ws.invoke(opId, args as Record<string, unknown>, { face: 'tool', auth });
    if (r.ok) return { content: capResult(renderValue(r.value)), isError: false, actionSeqs: [r.action.seq] };
    return { content: capResult(JSON.stringify(errorBody(op, r.error))), isError: true, actionSeqs: [r.action.seq] };
  };

  const execute = async (call: ToolCall): Promise<ToolResult> => {
    const args = call.arguments ?? {};
    if (typeof args === 'object' && MALFORMED_ARGS_KEY in args) {
      // The attempt is logged (an escalation if it names what no agent may use) though nothing ran.
      const what = typeof args.operation === 'string' ? args.operation : call.name;
      const rec = ws.logRejected(what, 'tool', String(args[MALFORMED_ARGS_KEY]));
      return { content: toolError(`the arguments of ${call.name} were not usable: ${String(args[MALFORMED_ARGS_KEY]).slice(0, 200)}`), isError: true, actionSeqs: [rec.seq] };
    }
    if (call.name === READ_SKILL.name && skills.length) {
      const r = readSkill(skills, String(args.name ?? ''), args.page === undefined ? undefined : String(args.page), ops);
      return r.ok ? { content: capResult(r.text), isError: false, actionSeqs: [] } : { content: toolError(r.error), isError: true, actionSeqs: [] };
    }
    if (typed) {
      const op = typed.byName.get(call.name);
      if (op) return invoke(op.id, args);
    } else if (DISCOVER_TOOLS.has(call.name)) {
      return runDiscoverTool(call.name, args, { ops, services: opts.services, invoke });
    }
    return unknownTool(ws, call, specs);
  };

  return { specs, execute, context: { ownerEmail: auth.principal, now: ws.now(), profile: opts.profile, services: opts.services } };
}

function unknownTool(ws: Workspace, call: ToolCall, specs: readonly ToolSpec[]): ToolResult {
  const rec = ws.logUnknown(call.name, 'tool', { args: call.arguments });
  return { content: toolError(`unknown tool ${call.name}; available tools: ${specs.map((s) => s.name).join(', ')}`), isError: true, actionSeqs: [rec.seq] };
}

/** The operations a tools instance exposes (for docs and tests). */
export function operationsFor(ws: Workspace, services: readonly ServiceId[]): Operation[] {
  const allowed = new Set<string>(services);
  return ws.operations().filter((o) => allowed.has(o.service) && !o.transport);
}
