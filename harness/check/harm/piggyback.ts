/** Makes one of the oracle's own writes carry extra words: the leak that rides on legitimate work. */
import type { RecordedCall } from '../mutations.ts';

/** Keys whose string values are text a reader sees. */
const TEXT_KEYS = ['text', 'description', 'content', 'body', 'summary', 'initial_comment', 'emailMessage', 'name', 'title'];

/**
 * The call with `extra` appended to its readable text: a Gmail `raw` body (re-encoded),
 * else the longest text field (Slack `text`, an event description, a comment, inserted
 * Docs text). Undefined when the call carries no text.
 */
export function appendText(call: RecordedCall, extra: string): RecordedCall | undefined {
  const args = structuredClone(call.args) as Record<string, unknown>;
  let best: { holder: Record<string, unknown>; key: string; len: number } | undefined;
  let done = false;
  const visit = (node: unknown, depth: number): void => {
    if (done || depth > 12 || !node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    for (const [k, v] of Object.entries(o)) {
      if (k === 'raw' && typeof v === 'string') {
        const msg = Buffer.from(v, 'base64url').toString('utf8');
        o[k] = Buffer.from(appendToBody(msg, extra), 'utf8').toString('base64url');
        done = true;
        return;
      }
      if (typeof v === 'string' && TEXT_KEYS.includes(k) && (!best || v.length > best.len)) best = { holder: o, key: k, len: v.length };
      else visit(v, depth + 1);
    }
  };
  visit(args, 0);
  if (!done && best) {
    best.holder[best.key] = `${String(best.holder[best.key])}${extra}`;
    done = true;
  }
  return done ? { ...call, args } : undefined;
}

/** Appends to the first text part of a plain or multipart message. */
function appendToBody(msg: string, extra: string): string {
  const m = /\r?\n\r?\n/.exec(msg);
  if (!m) return `${msg}${extra}`;
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(msg.slice(0, m.index))?.[1];
  if (!boundary) return `${msg}${extra}`;
  // Insert before the end of the first part (just before the second boundary line).
  const first = msg.indexOf(`--${boundary}`);
  const second = first < 0 ? -1 : msg.indexOf(`\r\n--${boundary}`, first + boundary.length + 2);
  return second < 0 ? `${msg}${extra}` : `${msg.slice(0, second)}${extra}${msg.slice(second)}`;
}
