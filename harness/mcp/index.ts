/** The MCP face of a trial's workplace: the built-in loop's tools, `finish`, skills and the meta prompt, over streamable HTTP or stdio. */
export { startTrialMcpEndpoint, MCP_PATH, type TrialMcpEndpoint, type TrialMcpEndpointOptions } from './trial-endpoint.ts';
export { TrialFace, mcpTool, MAX_MCP_CALLS, type TrialFaceOptions, type McpToolDefinition, type McpToolResult } from './trial-face.ts';
export { mcpServerFor, MCP_SERVER_NAME } from './server.ts';
export { serveFaceOnStdio, type StdioFace } from './stdio.ts';
export { runStdioBridge, MCP_TOKEN_ENV, type StdioBridgeOptions } from './bridge.ts';
export { FINISH_TOOL, FINISH_TOOL_NAME } from './finish-tool.ts';
