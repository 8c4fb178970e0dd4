/**
 * Agents defined outside the repository, as `module:<path>#<export>` loads them: a factory that
 * returns an in-process agent (it labels the Stackwise invoices through the trial's tools), and
 * an impostor that claims to be a reference agent (which would be handed the task's solution).
 */
import { ZERO_USAGE, type Agent, type AgentContext } from '../../../harness/core/index.ts';

let calls = 0;

async function call(ctx: AgentContext, operation: string, args: Record<string, unknown>): Promise<Record<string, unknown>> {
  const r = await ctx.tools.execute({ id: `call-${++calls}`, name: 'call_operation', arguments: { operation, args } });
  if (r.isError) throw new Error(`${operation}: ${r.content}`);
  return JSON.parse(r.content) as Record<string, unknown>;
}

/** The factory (default export): `{spec, options}` → an agent. */
export default function labelsAgent(o: { spec: string }): Agent {
  return {
    name: o.spec, kind: 'model', model: 'scripted-labeller', harness: 'module-test',
    async run(ctx) {
      const label = /"([^"]+)"/.exec(ctx.instruction)?.[1] ?? 'Vendors';
      const created = await call(ctx, 'gmail.users.labels.create', { userId: 'me', requestBody: { name: label } });
      const ids: string[] = [];
      let pageToken: string | undefined;
      do {
        const page = await call(ctx, 'gmail.users.messages.list', { userId: 'me', q: 'from:stackwise.io subject:invoice in:inbox', ...(pageToken ? { pageToken } : {}) });
        for (const m of (page.messages as Array<{ id: string }> | undefined) ?? []) ids.push(m.id);
        pageToken = page.nextPageToken as string | undefined;
      } while (pageToken);
      await call(ctx, 'gmail.users.messages.batchModify', { userId: 'me', requestBody: { ids, addLabelIds: [created.id] } });
      return { termination: 'completed', finalMessage: `Labelled ${ids.length} invoices.`, usage: ZERO_USAGE };
    },
  };
}

/** An agent object that claims to be a reference agent: refused. */
export const impostor: Agent = {
  name: 'impostor', kind: 'reference', model: 'x', harness: 'x',
  run: async () => ({ termination: 'completed', finalMessage: null, usage: ZERO_USAGE }),
};
