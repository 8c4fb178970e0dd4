/** Shared zod fields of Slack method arguments (all arrive as strings in forms). */
import { z } from 'zod';
import { qBool, qInt } from '../wire-schema.ts';

/** The `channel` argument. */
export const pChannel = z.string().min(1).describe('Conversation id (C…, G…, D…); chat methods also accept a #name or a user id for the DM.');

/** A message ts argument. */
export function pTs(description = 'Timestamp of the message, e.g. "1710597600.000100".') {
  return z.string().min(1).describe(description);
}

/** `limit` for cursor methods. */
export function pLimit(dflt: number, max: number) {
  return qInt(`Maximum items to return (default ${dflt}, at most ${max}).`);
}

/** `cursor` for cursor methods. */
export const pCursor = z.string().optional().describe('Opaque cursor from a previous response_metadata.next_cursor; omit for the first page.');

/** `types` of conversations.list / users.conversations. */
export const pTypes = z
  .string()
  .optional()
  .describe('Comma-separated conversation types: public_channel, private_channel, mpim, im (default public_channel).');

/** `exclude_archived`. */
export const pExcludeArchived = qBool('Leave archived channels out of the list.');

/** Parses a comma list (or a JSON array, which some clients send) into ids. */
export function splitList(v: string | string[] | undefined): string[] {
  if (v === undefined) return [];
  if (Array.isArray(v)) return v.flatMap((x) => splitList(x));
  const t = v.trim();
  if (t.startsWith('[')) {
    try {
      const arr = JSON.parse(t) as unknown;
      if (Array.isArray(arr)) return arr.map(String);
    } catch {
      // fall through to comma splitting
    }
  }
  return t.split(',').map((s) => s.trim()).filter(Boolean);
}

/** A comma-list argument (`users=U1,U2`). */
export function pList(description: string) {
  return z.union([z.string(), z.array(z.string())]).describe(description);
}

/** A required object/array argument that may arrive as a JSON string in a form field. */
export function jsonArg<T extends z.ZodType>(schema: T, description: string) {
  return z
    .preprocess((v) => {
      if (typeof v !== 'string') return v;
      try {
        return JSON.parse(v) as unknown;
      } catch {
        return v;
      }
    }, schema)
    .describe(description);
}
