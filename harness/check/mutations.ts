/** Mutation testing of rubrics: near-miss variants of the oracle that must not score +1. */
import type { ActionRecord, TaskApi, Workspace } from '../core/index.ts';

/** One recorded call of the oracle. */
export interface RecordedCall {
  readonly op: string;
  readonly args: Record<string, unknown>;
  readonly write: boolean;
}

/** The kinds of near miss the harness derives. */
export type MutantKind = 'drop-write' | 'redirect-recipient' | 'extra-destructive' | 'swap-value';

/** A variant of the oracle's call sequence. */
export interface Mutant {
  readonly id: string;
  readonly kind: MutantKind;
  readonly description: string;
  readonly calls: readonly RecordedCall[];
}

/** The oracle's successful calls, in order, from its action log. */
export function recordedCalls(actions: readonly ActionRecord[]): RecordedCall[] {
  return actions
    .filter((a) => a.kind === 'call' && a.outcome === 'ok')
    .map((a) => ({ op: a.op, args: structuredClone(a.args ?? {}) as Record<string, unknown>, write: a.write }));
}

/** Replays calls, ignoring the errors a mutation may cause (as a sloppy agent would carry on). */
export function replay(api: TaskApi, calls: readonly RecordedCall[]): void {
  for (const c of calls) {
    try {
      api.call(c.op, c.args);
    } catch {
      // A mutant's later calls may fail once an earlier one changed; that is part of the near miss.
    }
  }
}

const EMAIL = /[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}/gi;

/** Maps every string inside a value (decoding Gmail `raw` payloads so their headers can change too). */
function mapStrings(value: unknown, fn: (s: string) => string): unknown {
  if (typeof value === 'string') return fn(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, fn));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = k === 'raw' && typeof v === 'string' ? Buffer.from(fn(Buffer.from(v, 'base64url').toString('utf8')), 'utf8').toString('base64url') : mapStrings(v, fn);
    }
    return out;
  }
  return value;
}

/** Keys whose values name who receives something. */
const RECIPIENT_KEY = /^(to|cc|bcc|emailAddress|email|forwardingEmail|delegateEmail|forward|users|user|value)$/i;

/**
 * Maps only the recipient fields of a call: To/Cc/Bcc headers inside Gmail `raw`, and
 * address-valued keys elsewhere. Bodies that merely mention an address stay as written.
 */
function mapRecipients(value: unknown, fn: (s: string) => string, key = ''): unknown {
  if (typeof value === 'string') {
    if (key === 'raw') {
      const msg = Buffer.from(value, 'base64url').toString('utf8');
      const cut = msg.search(/\r?\n\r?\n/);
      const head = cut < 0 ? msg : msg.slice(0, cut);
      const rest = cut < 0 ? '' : msg.slice(cut);
      const mapped = head.replace(/^(to|cc|bcc):(.*)$/gim, (_l, h: string, v: string) => `${h}:${fn(v)}`);
      return Buffer.from(mapped + rest, 'utf8').toString('base64url');
    }
    return RECIPIENT_KEY.test(key) ? fn(value) : value;
  }
  if (Array.isArray(value)) return value.map((v) => mapRecipients(v, fn, key));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = mapRecipients(v, fn, k === 'attendees' ? 'email' : k);
    return out;
  }
  return value;
}

/** Email addresses appearing in a call's arguments (raw payloads decoded). */
export function emailsIn(args: unknown): string[] {
  const found = new Set<string>();
  mapStrings(args, (s) => {
    for (const m of s.match(EMAIL) ?? []) found.add(m.toLowerCase());
    return s;
  });
  return [...found];
}

/** A destructive call on some record the oracle never touched, for one of the task's services. */
export type VictimPicker = (touched: ReadonlySet<string>) => RecordedCall | undefined;

/**
 * Victim pickers per service: each picks the first record the oracle never touched that
 * the acting user may destroy (their own file, an event they organise), so the extra
 * write really changes state instead of failing with a permission error.
 */
export function victimPickers(ws: Workspace, principal: string): Record<string, VictimPicker> {
  const first = (key: string, ok: (r: any) => boolean, touched: ReadonlySet<string>): string | undefined => {
    for (const [id, r] of ws.collection<any>(key).entries()) if (!touched.has(`${key}:${id}`) && ok(r)) return id;
    return undefined;
  };
  const mine = (f: any) => String(f.ownerEmail ?? '').toLowerCase() === principal.toLowerCase() && !f.trashed;
  const trashFile = (id: string | undefined): RecordedCall | undefined =>
    id ? { op: 'drive.files.update', args: { fileId: id, requestBody: { trashed: true } }, write: true } : undefined;
  return {
    gmail: (t) => {
      const id = first('gmail.messages', (m) => m.labelIds?.includes('INBOX'), t);
      return id ? { op: 'gmail.users.messages.trash', args: { userId: 'me', id }, write: true } : undefined;
    },
    drive: (t) => trashFile(first('drive.files', (f) => mine(f) && f.mimeType !== 'application/vnd.google-apps.folder', t)),
    docs: (t) => trashFile(first('drive.files', (f) => mine(f) && f.mimeType === 'application/vnd.google-apps.document', t)),
    calendar: (t) => {
      const id = first('calendar.events', (e) => e.status !== 'cancelled' && !e.recurringEventId && e.organizer?.email === principal && e.calendarId === principal, t);
      const ev = id ? ws.collection<any>('calendar.events').peek(id) : undefined;
      return ev ? { op: 'calendar.events.delete', args: { calendarId: 'primary', eventId: ev.id }, write: true } : undefined;
    },
    slack: (t) => {
      const id = first('slack.channels', (c) => !c.is_archived && !c.is_im && !c.is_mpim && !c.is_general && c.is_member !== false, t);
      return id ? { op: 'slack.conversations.archive', args: { channel: id }, write: true } : undefined;
    },
  };
}

/** Values a swap mutation writes instead of the original. */
function swapScalar(v: unknown): unknown {
  if (typeof v === 'boolean') return !v;
  if (typeof v === 'number') return v + 1;
  if (typeof v === 'string') {
    // Prose (a summary, a reply body): the near miss leaves out half the facts — the first
    // half, where the lead fact (who, how much, what happened) usually sits.
    if (v.length > 80) return v.slice(Math.floor(v.length / 2));
    // A short value with a digit: the classic near miss is a wrong amount, date, time or count.
    const m = /\d/.exec(v);
    if (m) return `${v.slice(0, m.index)}${(Number(m[0]) + 1) % 10}${v.slice(m.index + 1)}`;
    return v.length > 0 ? `${v.slice(0, Math.max(1, Math.floor(v.length / 2)))}x` : 'x';
  }
  return v;
}

/** Keys whose values identify records rather than carry content: never swapped. */
const ID_KEY = /(^|[a-z])(id|Id|Ids|ids)$|^userId$|^raw$|^calendarId$|^channel$|^ts$|^thread_ts$|^fileId$|^documentId$/;

/**
 * Changes the first content scalar of a write: inside requestBody when there is one
 * (descending into objects and arrays, e.g. Docs `requests[0].insertText.text`), else
 * among the flat arguments (Slack `text`). Identifiers are left alone: changing them is
 * a redirect, not a value swap.
 */
function swapFirstValue(call: RecordedCall): RecordedCall | undefined {
  const args = structuredClone(call.args);
  const root: unknown = args.requestBody && typeof args.requestBody === 'object' ? args.requestBody : args;
  // Collect every content scalar with a setter, in document order.
  const slots: Array<{ value: unknown; set: (v: unknown) => void }> = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach((v, i) => (isScalar(v) ? slots.push({ value: v, set: (x) => (node[i] = x) }) : visit(v)));
    } else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      for (const [k, v] of Object.entries(o)) {
        if (ID_KEY.test(k)) continue;
        if (isScalar(v)) slots.push({ value: v, set: (x) => (o[k] = x) });
        else visit(v);
      }
    }
  };
  visit(root);
  // Prefer values that carry meaning (text with digits, then text, enums, flags) over
  // positions, whose off-by-one is often equivalent (a paragraph style applies to the
  // whole paragraph whichever index of it the range starts at).
  const rank = (v: unknown) => (typeof v === 'string' ? (/\d/.test(v) && v.length <= 80 ? 0 : 1) : typeof v === 'boolean' ? 2 : 3);
  const pick = [...slots].sort((a, b) => rank(a.value) - rank(b.value))[0];
  if (!pick) return undefined;
  pick.set(swapScalar(pick.value));
  return { ...call, args };
}

function isScalar(v: unknown): v is string | number | boolean {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

/**
 * Derives the mutants of an oracle run: drop each write, redirect each recipient to
 * another colleague, add one destructive write per service, change one value per write.
 * Capped at `max` mutants, spread over the kinds.
 */
export function deriveMutants(
  calls: readonly RecordedCall[], opts: { services: readonly string[]; colleagues: readonly string[]; pickers: Record<string, VictimPicker>; touched: ReadonlySet<string>; max?: number },
): Mutant[] {
  const writes = calls.map((c, i) => ({ c, i })).filter((x) => x.c.write);
  const byKind: Mutant[][] = [[], [], [], []];
  for (const { c, i } of writes) {
    byKind[0]!.push({ id: `drop-${i}`, kind: 'drop-write', description: `drop ${c.op} (call ${i + 1})`, calls: calls.filter((_, j) => j !== i) });
  }
  const addresses = [...new Set(writes.flatMap(({ c }) => emailsIn(c.args)))];
  for (const addr of addresses) {
    const other = opts.colleagues.find((p) => p !== addr && !addresses.includes(p));
    if (!other) continue;
    const swapped = calls.map((c) => (c.write ? { ...c, args: mapRecipients(c.args, (s) => s.split(addr).join(other)) as Record<string, unknown> } : c));
    if (JSON.stringify(swapped) === JSON.stringify(calls)) continue;
    byKind[1]!.push({ id: `redirect-${addr}`, kind: 'redirect-recipient', description: `send to ${other} instead of ${addr}`, calls: swapped });
  }
  for (const s of opts.services) {
    const victim = opts.pickers[s]?.(opts.touched);
    if (victim) byKind[2]!.push({ id: `extra-${s}`, kind: 'extra-destructive', description: `also ${victim.op} ${JSON.stringify(victim.args)}`, calls: [...calls, victim] });
  }
  for (const { c, i } of writes) {
    const m = swapFirstValue(c);
    if (m) byKind[3]!.push({ id: `swap-${i}`, kind: 'swap-value', description: `change one value in ${c.op} (call ${i + 1})`, calls: calls.map((x, j) => (j === i ? m : x)) });
  }
  // Round-robin over kinds so a cap keeps every kind represented.
  const out: Mutant[] = [];
  const max = opts.max ?? 16;
  for (let round = 0; out.length < max && byKind.some((k) => k.length > round); round++) {
    for (const k of byKind) if (k[round] && out.length < max) out.push(k[round]!);
  }
  return out;
}
