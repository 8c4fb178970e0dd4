/** The official MCP SDK server of one trial's face: one `Server` per session, all sessions sharing the trial's face. */
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema, ErrorCode, GetPromptRequestSchema, ListPromptsRequestSchema, ListResourcesRequestSchema, ListToolsRequestSchema,
  McpError, ReadResourceRequestSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { HARNESS_VERSION } from '../version.ts';
import type { TrialFace } from './trial-face.ts';

/** Name the server gives itself in `initialize`. */
export const MCP_SERVER_NAME = 'deskbench-workplace';

/**
 * An SDK server answering for `face`. The low-level `Server` is used on purpose: the tool
 * schemas are the operation tables' JSON Schemas as the built-in loop sends them, which the
 * high-level `McpServer` would rebuild from zod. Capabilities follow the levers: resources
 * only with skills, prompts only with skills or the meta prompt.
 */
export function mcpServerFor(face: TrialFace): Server {
  const server = new Server(
    { name: MCP_SERVER_NAME, version: HARNESS_VERSION },
    {
      capabilities: { tools: {}, ...(face.hasSkills ? { resources: {} } : {}), ...(face.hasPrompts ? { prompts: {} } : {}) },
      instructions: face.instructions,
    },
  );
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: face.listTools() }));
  server.setRequestHandler(CallToolRequestSchema, (req) => face.callTool(req.params.name, req.params.arguments));
  if (face.hasSkills) {
    server.setRequestHandler(ListResourcesRequestSchema, () => ({ resources: face.listResources() }));
    server.setRequestHandler(ReadResourceRequestSchema, async (req) => {
      const r = await face.readResource(req.params.uri);
      // The spec's code for a resource that does not exist.
      if (!r) throw new McpError(-32002, `Resource not found: ${req.params.uri.slice(0, 200)}`);
      return { contents: [r] };
    });
  }
  if (face.hasPrompts) {
    server.setRequestHandler(ListPromptsRequestSchema, () => ({ prompts: face.listPrompts() }));
    server.setRequestHandler(GetPromptRequestSchema, async (req) => {
      const p = await face.getPrompt(req.params.name);
      if (!p) throw new McpError(ErrorCode.InvalidParams, `Unknown prompt: ${req.params.name.slice(0, 100)}`);
      return p;
    });
  }
  return server;
}
