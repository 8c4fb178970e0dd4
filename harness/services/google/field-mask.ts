/** Google partial-response `fields` masks: `kind,files(id,name),nextPageToken`, `a/b`, `*`. */

/** A parsed mask: each selected key maps to `true` (whole value) or a sub-mask. */
export type FieldMask = Map<string, FieldMask | true>;

/**
 * Bounds of a `fields` mask: real masks name a few dozen fields at most three levels deep;
 * past these a mask is malformed (Google's 400 "Invalid field selection"), never a deep
 * recursion or a huge tree.
 */
export const FIELD_MASK_LIMITS = { maxLength: 8192, maxDepth: 16 } as const;

/** Parses a `fields` value; undefined when it is malformed (unbalanced parentheses, empty names) or past FIELD_MASK_LIMITS. */
export function parseFieldMask(text: string): FieldMask | undefined {
  if (text.length > FIELD_MASK_LIMITS.maxLength) return undefined;
  let i = 0;
  const parseList = (depth: number): FieldMask | undefined => {
    if (depth > FIELD_MASK_LIMITS.maxDepth) return undefined;
    const mask: FieldMask = new Map();
    for (;;) {
      const path: string[] = [];
      let name = '';
      while (i < text.length && !',()'.includes(text[i]!)) {
        const c = text[i++]!;
        if (c === '/') {
          if (!name.trim()) return undefined;
          path.push(name.trim());
          if (depth + path.length > FIELD_MASK_LIMITS.maxDepth) return undefined;
          name = '';
        } else name += c;
      }
      if (!name.trim()) return undefined;
      path.push(name.trim());
      let leaf: FieldMask | true = true;
      if (text[i] === '(') {
        i++;
        const sub = parseList(depth + 1);
        if (!sub || text[i] !== ')') return undefined;
        i++;
        leaf = sub;
      }
      merge(mask, path, leaf);
      if (i >= text.length) return depth === 0 ? mask : undefined;
      if (text[i] === ')') return depth > 0 ? mask : undefined;
      if (text[i] !== ',') return undefined;
      i++;
    }
  };
  return parseList(0);
}

function merge(mask: FieldMask, path: string[], leaf: FieldMask | true): void {
  let cur = mask;
  for (let k = 0; k < path.length - 1; k++) {
    const key = path[k]!;
    const existing = cur.get(key);
    if (existing === true) return; // already selected whole
    const next: FieldMask = existing ?? new Map();
    cur.set(key, next);
    cur = next;
  }
  const last = path[path.length - 1]!;
  const existing = cur.get(last);
  if (leaf === true || existing === undefined) cur.set(last, leaf);
  else if (existing !== true) for (const [k, v] of leaf) existing.set(k, v);
}

/** Applies a mask to a JSON value: arrays are masked element-wise; `*` keeps every key. */
export function applyFieldMask(value: unknown, mask: FieldMask): unknown {
  if (Array.isArray(value)) return value.map((v) => applyFieldMask(v, mask));
  if (value === null || typeof value !== 'object') return value;
  const obj = value as Record<string, unknown>;
  if (mask.get('*') === true) return obj;
  const out: Record<string, unknown> = {};
  for (const [key, sub] of mask) {
    if (key === '*') continue;
    if (!(key in obj)) continue;
    out[key] = sub === true ? obj[key] : applyFieldMask(obj[key], sub);
  }
  return out;
}
