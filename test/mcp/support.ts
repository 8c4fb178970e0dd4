/** A seeded trial workspace and the official MCP client over streamable HTTP, for the MCP face tests. */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { baseWorkspace, companyFor } from '../../datasets/base-workspace.ts';
import { buildAgentTools, type DeskbenchTools, type ToolProfile } from '../../harness/agents/tools/index.ts';
import type { Condition, Workspace } from '../../harness/core/index.ts';
import { seedTask } from '../../harness/runner/seeded-task.ts';
import { createWorkspace } from '../../harness/services/workspace.ts';
import { TASKS } from '../../tasks/index.ts';

/** The task the MCP tests work on (Gmail only; its oracle is three calls). */
export const TASK_ID = 'label-stackwise-invoices';
const TASK = TASKS.find((t) => t.id === TASK_ID)!;
const SEED = 1;
const BASE = baseWorkspace(SEED);
const SEEDED = seedTask(TASK, BASE, SEED);

/** The acting user of seed 1. */
export const PRINCIPAL = companyFor(SEED).owner.email;

/** A fresh workspace of the task and the built-in loop's tools over it. */
export function trialTools(o: { profile?: ToolProfile; condition?: Condition; mailHelpers?: boolean } = {}): { ws: Workspace; tools: DeskbenchTools; condition: Condition } {
  const ws = createWorkspace(SEEDED.base);
  const condition = o.condition ?? { skills: true, meta: true };
  const tools = buildAgentTools({
    ws, services: TASK.services, profile: o.profile ?? 'discover', condition, auth: { principal: PRINCIPAL, tokenKind: 'user' }, mailHelpers: o.mailHelpers ?? true,
  });
  return { ws, tools, condition };
}

/** The official MCP client connected to `url` with `token` as its bearer token. */
export async function httpClient(url: string, token: string): Promise<Client> {
  const client = new Client({ name: 'deskbench-test', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { Authorization: `Bearer ${token}` } } }));
  return client;
}

/** The text of a tool result's first content part. */
export function resultText(r: unknown): string {
  const content = (r as { content?: Array<{ type: string; text?: string }> }).content ?? [];
  return content[0]?.text ?? '';
}
