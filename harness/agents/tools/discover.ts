/** The discover tool profile (default): list operations, describe one, call one — the way CLI agents work. */
import type { Operation, ServiceId, ToolResult, ToolSpec } from '../../core/index.ts';
import { bodySchema, paramsSchema, summary, type JsonSchema } from './schema.ts';
import { capJson, MAX_RESULT_CHARS } from './cap.ts';
import { toolError } from './render.ts';

/** Names of the discover tools. */
export const DISCOVER_TOOLS: ReadonlySet<string> = new Set(['list_operations', 'describe_operation', 'call_operation']);

/** The three discover tools for a task's services. */
export function discoverSpecs(services: readonly ServiceId[]): ToolSpec[] {
  return [
    {
      name: 'list_operations',
      description: `List the API operations of a service: ids, whether each reads or writes, and a one-line description. Services in this task: ${services.join(', ')}.`,
      parameters: {
        type: 'object',
        properties: { service: { type: 'string', enum: [...services], description: 'Service to list; omit to list every service of the task.' } },
      },
    },
    {
      name: 'describe_operation',
      description: 'Show one operation in full: HTTP binding, description, and the JSON Schema of its parameters and request body.',
      parameters: {
        type: 'object',
        properties: { operation: { type: 'string', description: 'Operation id, e.g. "gmail.users.messages.list".' } },
        required: ['operation'],
      },
    },
    {
      name: 'call_operation',
      description:
        'Call an operation. `args` takes the shape of the official client libraries: path and query parameters as top-level fields (Google methods use userId "me" for yourself), the request body under `requestBody`; Slack methods take their arguments flat. Returns the API response, or the API error.',
      parameters: {
        type: 'object',
        properties: {
          operation: { type: 'string', description: 'Operation id, e.g. "gmail.users.messages.send".' },
          args: { type: 'object', description: 'Arguments: parameters plus optional requestBody.', additionalProperties: true },
        },
        required: ['operation'],
      },
    },
  ];
}

/** What the discover tools need from the trial. */
export interface DiscoverEnv {
  readonly ops: readonly Operation[];
  readonly services: readonly ServiceId[];
  readonly invoke: (opId: string, args: unknown) => ToolResult;
  /** Arguments the tool face adds to an operation (e.g. Docs `view`), shown by describe_operation. */
  readonly extraParams?: (op: Operation) => Record<string, JsonSchema>;
}

const ok = (value: unknown, advice?: string): ToolResult => ({
  content: capJson(value, MAX_RESULT_CHARS, advice ? { advice } : {}), isError: false, actionSeqs: [],
});
const fail = (message: string): ToolResult => ({ content: toolError(message), isError: true, actionSeqs: [] });

/** Runs one discover tool. */
export function runDiscoverTool(name: string, args: Record<string, unknown>, env: DiscoverEnv): ToolResult {
  if (name === 'list_operations') {
    const svc = args.service === undefined || args.service === '' ? undefined : String(args.service);
    if (svc !== undefined && !env.services.includes(svc as ServiceId)) {
      return fail(`unknown service "${svc}"; services in this task: ${env.services.join(', ')}`);
    }
    const ops = env.ops.filter((o) => svc === undefined || o.service === svc);
    return ok({ operations: ops.map((o) => ({ id: o.id, kind: o.kind, description: summary(o) })) }, 'List one service at a time: list_operations with {"service": "gmail"}.');
  }
  if (name === 'describe_operation') {
    const id = String(args.operation ?? args.id ?? '');
    const op = env.ops.find((o) => o.id === id);
    if (!op) return fail(`no operation "${id}" in this task; use list_operations to see the ids`);
    const body = bodySchema(op);
    const extra = env.extraParams?.(op) ?? {};
    const base = paramsSchema(op);
    const params = Object.keys(extra).length ? { ...base, properties: { ...(base.properties as object), ...extra } } : base;
    return ok({
      id: op.id, service: op.service, kind: op.kind, http: `${op.http.method} ${op.http.path}`, description: op.description,
      params, ...(body ? { requestBody: body } : {}),
    });
  }
  // call_operation
  const id = String(args.operation ?? args.id ?? '');
  if (!id) return fail('call_operation needs "operation" (an operation id)');
  let callArgs: unknown = args.args ?? {};
  if (typeof callArgs === 'string') {
    // Some models send the nested object as a JSON string; accept it rather than fail on form.
    try {
      callArgs = JSON.parse(callArgs) as unknown;
    } catch {
      return fail('args must be a JSON object (got a string that is not JSON)');
    }
  }
  return env.invoke(id, callArgs);
}
