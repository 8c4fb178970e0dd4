/** Tool schemas from zod: converted once per schema, shared frozen, and what the model is shown. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { bodySchema, paramsSchema, toToolSchema } from '../../harness/agents/tools/schema.ts';
import { OPERATIONS } from '../../harness/services/registry.ts';

describe('toToolSchema', () => {
  it('gives the input-side schema without the $schema key or the safe-integer bounds, once per schema', () => {
    const s = z.object({ q: z.string().describe('query'), n: z.int().min(1).optional() });
    const js = toToolSchema(s);
    expect(js).toEqual({
      type: 'object',
      properties: { q: { type: 'string', description: 'query' }, n: { type: 'integer', minimum: 1 } }, required: ['q'],
    });
    expect(toToolSchema(s)).toBe(js);
    expect(Object.isFrozen((js.properties as Record<string, object>).q)).toBe(true);
    // Another schema of the same shape is converted for itself.
    const other = z.object({ q: z.string().describe('another query') });
    expect((toToolSchema(other).properties as Record<string, { description: string }>).q!.description).toBe('another query');
  });

  it('serves operations\' params and bodies from the same conversions', () => {
    const op = OPERATIONS.get('gmail.users.labels.create')!;
    expect(paramsSchema(op)).toBe(toToolSchema(op.params));
    expect(bodySchema(op)).toBe(toToolSchema(op.body!));
    expect(bodySchema(OPERATIONS.get('gmail.users.labels.list')!)).toBeNull();
  });
});
