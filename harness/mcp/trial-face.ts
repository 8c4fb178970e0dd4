/** The MCP face of one trial, independent of the transport: tools, the finish tool, skills and the meta prompt, and what the harness records of each call. */
import type { AgentTools, Condition, Step, ToolSpec } from '../core/index.ts';
import { metaPrompt } from '../agents/prompt.ts';
import type { Skill } from '../agents/skills/index.ts';
import { FINISH_TOOL, FINISH_TOOL_NAME, parseFinishArgs } from './finish-tool.ts';
import { trialInstructions } from './instructions.ts';
import { readSkillText, skillEntries, trialSkills, type SkillEntry } from './skills.ts';

/** Options of a trial's MCP face. */
export interface TrialFaceOptions {
  /** Exactly the tools the built-in loop would get for this trial (`buildAgentTools`). */
  readonly tools: AgentTools;
  readonly condition: Condition;
  /** Aborted when the trial ends (a limit, an interrupt): calls are refused from then on. */
  readonly signal?: AbortSignal;
  /** Receives each step the face saw: per call, the agent's turn with the call, then the result. */
  readonly record?: (step: Omit<Step, 'index'>) => void;
  /** Told of every final message handed in with `finish` (the last one wins). */
  readonly onFinish?: (message: string) => void;
  /** Skills on disk (tests pass their own); default: the repository's. */
  readonly skills?: readonly Skill[];
}

/** A tool as MCP lists it (`tools/list`). */
export interface McpToolDefinition {
  readonly name: string;
  readonly description: string;
  readonly inputSchema: { type: 'object'; [key: string]: unknown };
}

/** The result of a tool call as MCP returns it (`tools/call`). */
export interface McpToolResult {
  readonly content: Array<{ type: 'text'; text: string }>;
  readonly isError: boolean;
  [key: string]: unknown;
}

/** A prompt as MCP lists it. */
export interface McpPromptDefinition {
  readonly name: string;
  readonly description: string;
}

/** The most calls one face answers (a loop that never ends must not grow the transcript without bound). */
export const MAX_MCP_CALLS = 5_000;

/** A tool spec as an MCP tool: the same name, description and JSON Schema (copied, so nobody edits the loop's). */
export function mcpTool(spec: ToolSpec): McpToolDefinition {
  const schema = structuredClone(spec.parameters) as Record<string, unknown>;
  return { name: spec.name, description: spec.description, inputSchema: { ...schema, type: 'object' } };
}

const text = (t: string, isError: boolean): McpToolResult => ({ content: [{ type: 'text', text: t }], isError });

/**
 * One trial's face. `tools/call` runs `AgentTools.execute`, so every call lands in the
 * trial's action log exactly like a call of the built-in loop (same face, same refusals,
 * same escalation logging); `finish` records the final message and is the only tool that
 * is not the workplace's. The state (final message, call count) is shared by every MCP
 * session of the trial.
 */
export class TrialFace {
  readonly instructions: string;
  private readonly o: TrialFaceOptions;
  private readonly skillList: readonly Skill[];
  private readonly entries: readonly SkillEntry[];
  private final: string | null = null;
  private calls = 0;

  constructor(o: TrialFaceOptions) {
    this.o = o;
    this.skillList = o.condition.skills ? trialSkills(o.tools, o.skills) : [];
    this.entries = skillEntries(this.skillList);
    this.instructions = trialInstructions(o.tools, o.condition, this.skillList);
  }

  /** The final message handed in so far (null: none). */
  finalMessage(): string | null {
    return this.final;
  }

  /** Whether the trial's skills are offered as resources and prompts. */
  get hasSkills(): boolean {
    return this.entries.length > 0;
  }

  /** Whether the face offers prompts (the meta prompt, the skills). */
  get hasPrompts(): boolean {
    return this.o.condition.meta || this.hasSkills;
  }

  /** `tools/list`: the trial's tools in the built-in loop's order, then `finish`. */
  listTools(): McpToolDefinition[] {
    return [...this.o.tools.specs.map(mcpTool), mcpTool(FINISH_TOOL)];
  }

  /** `tools/call`: runs one call through the trial's tools (or `finish`) and records what the harness saw. */
  async callTool(name: string, args: Record<string, unknown> | undefined): Promise<McpToolResult> {
    if (this.o.signal?.aborted) return text(JSON.stringify({ error: 'the trial has ended; no more calls run' }), true);
    if (this.calls >= MAX_MCP_CALLS) return text(JSON.stringify({ error: `this trial has reached its limit of ${MAX_MCP_CALLS} calls; call ${FINISH_TOOL_NAME}` }), true);
    const id = `mcp-${++this.calls}`;
    const startedAt = new Date().toISOString();
    const call = { id, name, arguments: args ?? {} };
    this.o.record?.({ role: 'assistant', content: '', toolCalls: [call], startedAt, endedAt: startedAt });
    let result: McpToolResult;
    let seqs: readonly number[] = [];
    if (name === FINISH_TOOL_NAME) {
      const parsed = parseFinishArgs(args);
      if (parsed.ok) {
        this.final = parsed.message;
        this.o.onFinish?.(parsed.message);
        result = text('Final message recorded.', false);
      } else result = text(JSON.stringify({ error: parsed.error }), true);
    } else {
      const r = await this.o.tools.execute(call);
      seqs = r.actionSeqs;
      result = text(r.content, r.isError);
    }
    this.o.record?.({
      role: 'tool', toolCallId: id, content: result.content[0]!.text, isError: result.isError, actionSeqs: [...seqs], startedAt, endedAt: new Date().toISOString(),
    });
    return result;
  }

  /** `resources/list`: each skill and skill page (none when the skills lever is off). */
  listResources(): Array<{ uri: string; name: string; title: string; description: string; mimeType: string }> {
    return this.entries.map((e) => ({ uri: e.uri, name: e.page ? `${e.name}/${e.page}` : e.name, title: e.title, description: e.description, mimeType: 'text/markdown' }));
  }

  /** `resources/read`: a skill's text, exactly as `read_skill` gives it; undefined for a URI the trial does not offer. */
  async readResource(uri: string): Promise<{ uri: string; mimeType: string; text: string } | undefined> {
    const entry = this.entries.find((e) => e.uri === uri);
    if (!entry) return undefined;
    const r = await readSkillText(this.o.tools, entry.name, entry.page);
    return r.ok ? { uri, mimeType: 'text/markdown', text: r.text } : undefined;
  }

  /** `prompts/list`: `meta` (meta lever on) and one `skill-<name>` per skill (skills lever on). */
  listPrompts(): McpPromptDefinition[] {
    return [
      ...(this.o.condition.meta ? [{ name: 'meta', description: 'Cross-service coordination and safety rules for working in this workplace.' }] : []),
      ...this.skillList.map((s) => ({ name: `skill-${s.name}`, description: `The ${s.name} guide: ${s.description}` })),
    ];
  }

  /** `prompts/get`: the prompt's text as one user message; undefined for a prompt the trial does not offer. */
  async getPrompt(name: string): Promise<{ description: string; messages: Array<{ role: 'user'; content: { type: 'text'; text: string } }> } | undefined> {
    const def = this.listPrompts().find((p) => p.name === name);
    if (!def) return undefined;
    const body = name === 'meta' ? metaPrompt() : (await readSkillText(this.o.tools, name.slice('skill-'.length), undefined)).text;
    return { description: def.description, messages: [{ role: 'user', content: { type: 'text', text: body } }] };
  }

  /**
   * Logs an attempt to reach what no agent may use (another trial's endpoint, the harness's
   * token) in this trial's action log, as an escalation. It goes through the trial's tools as
   * a call of a probe name, which the tool face logs with `ws.logEscalation`, so the
   * endpoint needs nothing but the tools the trial already has.
   */
  async escalate(what: string, detail: Record<string, unknown>): Promise<void> {
    await this.o.tools.execute({ id: 'mcp-escalation', name: what, arguments: detail });
  }
}
