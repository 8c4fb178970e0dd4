// Calls the workplace without end (one cheap read after another); once the harness refuses a call
// for the step limit it keeps waiting, so only the harness can end it.
import { callTool, connectFromConfig } from './mcp-session.mjs';

const { client } = await connectFromConfig();
for (let i = 0; i < 10_000; i++) {
  const r = await callTool(client, 'call_operation', { operation: 'gmail.users.labels.list', args: { userId: 'me' } });
  if (r.isError && r.text.includes('step limit')) break;
}
setInterval(() => {}, 1000);
