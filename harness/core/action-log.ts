/**
 * The action log: every operation call from any face, sandbox-escalation events, the agent's
 * questions to its user (`ask`) and the reactions of scripted counterparties (`responder`).
 * Only `call` entries are the agent's own work on the services; graders filter on it.
 */

/** Which face a call came through. */
export type CallFace = 'tool' | 'http' | 'oracle' | 'seed';

/**
 * One entry of the action log. `touched` lists `collection:id` references:
 * `read` those fetched with `get`, `written` those the call changed.
 */
export interface ActionRecord {
  readonly seq: number;
  readonly kind: 'call' | 'escalation' | 'ask' | 'responder';
  /** Operation id (`gmail.users.messages.send`), or the admin route / unknown name probed. */
  readonly op: string;
  readonly face: CallFace;
  readonly args: unknown;
  /** `ok`, or the error reason (`notFound`, `channel_not_found`, `forbidden`). */
  readonly outcome: string;
  readonly status: number;
  readonly write: boolean;
  readonly touched: { readonly read: readonly string[]; readonly written: readonly string[] };
  /** Workspace clock when the call ran. */
  readonly at: string;
  /** `bot` when the call used a Slack bot token (absent: the user's own token). Replays need it. */
  readonly token?: 'bot';
  /** For successful writes: each changed record before and after (undefined = absent). */
  readonly changes?: readonly RecordChange[];
}

/** One record changed by a call: its reference and its value before and after. */
export interface RecordChange {
  readonly ref: string;
  readonly before: unknown;
  readonly after: unknown;
}

/** Reference to one record, `collection:id` (e.g. `gmail.messages:18c2f0a1`). */
export function recordRef(collection: string, id: string): string {
  return `${collection}:${id}`;
}

/** Splits a `collection:id` reference. */
export function parseRecordRef(ref: string): { collection: string; id: string } {
  const i = ref.indexOf(':');
  return { collection: ref.slice(0, i), id: ref.slice(i + 1) };
}
