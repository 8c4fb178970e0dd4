/** The typed tool profile: one function per operation, named after its id. */
import { createHash } from 'node:crypto';
import type { Operation, ToolSpec } from '../../core/index.ts';
import { callSchema } from './schema.ts';

/** Longest function name both OpenAI and Anthropic accept. */
const MAX_NAME = 64;

/** The function name of an operation: dots become underscores (`gmail_users_messages_list`), capped at 64 characters. */
export function typedToolName(opId: string): string {
  const name = opId.replace(/[^A-Za-z0-9_-]/g, '_');
  if (name.length <= MAX_NAME) return name;
  const tag = createHash('sha256').update(opId).digest('hex').slice(0, 8);
  return `${name.slice(0, MAX_NAME - 9)}_${tag}`;
}

/** Specs and a name → operation map for the typed profile. */
export function typedSpecs(ops: readonly Operation[]): { specs: ToolSpec[]; byName: Map<string, Operation> } {
  const byName = new Map<string, Operation>();
  const specs = ops.map((op) => {
    const name = typedToolName(op.id);
    byName.set(name, op);
    return {
      name,
      description: `${op.id} (${op.kind}; ${op.http.method} ${op.http.path}). ${op.description}`,
      parameters: callSchema(op),
    };
  });
  return { specs, byName };
}
