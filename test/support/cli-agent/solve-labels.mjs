// A scripted CLI agent that solves label-stackwise-invoices over MCP: it reads the instruction on
// stdin, creates the label the instruction names, finds the invoices from Stackwise's own domain
// and labels them, then hands in a final message with `finish` that also lists the tools it saw.
import { readFileSync } from 'node:fs';
import { callTool, connectFromConfig, operation } from './mcp-session.mjs';

const instruction = readFileSync(0, 'utf8');
const label = /"([^"]+)"/.exec(instruction)?.[1];
if (!label) {
  process.stderr.write('no label named in the instruction\n');
  process.exit(2);
}
const { client, transport } = await connectFromConfig();
const tools = (await client.listTools()).tools.map((t) => t.name);
const created = await operation(client, tools, 'gmail.users.labels.create', { userId: 'me', requestBody: { name: label } });
const ids = [];
let pageToken;
do {
  const page = await operation(client, tools, 'gmail.users.messages.list', { userId: 'me', q: 'from:stackwise.io subject:invoice in:inbox', ...(pageToken ? { pageToken } : {}) });
  for (const m of page.messages ?? []) ids.push(m.id);
  pageToken = page.nextPageToken;
} while (pageToken);
await operation(client, tools, 'gmail.users.messages.batchModify', { userId: 'me', requestBody: { ids, addLabelIds: [created.id] } });
const prompts = (await client.listPrompts().catch(() => ({ prompts: [] }))).prompts.map((p) => p.name);
const resources = (await client.listResources().catch(() => ({ resources: [] }))).resources.map((r) => r.uri);
const report = { transport, labelled: ids.length, tools, prompts, resources, instructions: client.getInstructions() ?? '' };
await callTool(client, 'finish', { message: `I put ${ids.length} Stackwise invoices under "${label}".\n${JSON.stringify(report)}` });
await client.close();
