/** zod helpers for wire parameters: query strings arrive as text, Slack objects as JSON strings. */
import { z } from 'zod';

/** An integer that may arrive as a query string. */
export function qInt(description: string): z.ZodOptional<z.ZodCoercedNumber<unknown>> {
  return z.coerce.number().int().describe(description).optional();
}

/** A boolean that may arrive as `"true"`/`"false"` (z.coerce.boolean would read "false" as true). */
export function qBool(description: string) {
  return z
    .preprocess((v) => (v === 'true' || v === '1' ? true : v === 'false' || v === '0' ? false : v), z.boolean())
    .describe(description)
    .optional();
}

/** A repeated query parameter: a single string or an array of strings, always an array after parsing. */
export function qList(description: string) {
  return z
    .preprocess((v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]), z.array(z.string()))
    .describe(description)
    .optional();
}

/** A Slack argument that is an object or array but may arrive as a JSON string inside a form field. */
export function slackJson<T extends z.ZodType>(schema: T, description: string) {
  return z
    .preprocess((v) => {
      if (typeof v !== 'string') return v;
      try {
        return JSON.parse(v);
      } catch {
        return v;
      }
    }, schema)
    .describe(description)
    .optional();
}
