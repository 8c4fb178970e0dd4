/**
 * The one cap policy for every tool result the agent sees: results past the limit lose whole
 * items of their largest list (never their envelope: paging tokens, counts and ids stay), with
 * a note saying how many items were dropped and what to call next; only when no list can give
 * way are the longest strings shortened, and raw text is cut at a line.
 */

import { randomUUID } from 'node:crypto';
import { jsonOf } from '../../core/index.ts';

/**
 * Longest tool result passed to the model, in characters: about 5k tokens, enough for a
 * page of search results without flooding the context.
 */
export const MAX_RESULT_CHARS = 20_000;

/** Key of the harness's note in a truncated JSON result (no API uses a leading underscore key). */
export const TRUNCATION_KEY = '_truncated';

/** What the cap may say about the call that produced a result. */
export interface CapHint {
  /** The arguments of the call (its page size and token are echoed in the advice). */
  readonly args?: Readonly<Record<string, unknown>>;
  /** The operation's page-size parameter, when it has one (`maxResults`, `pageSize`, `limit`). */
  readonly pageSizeParam?: string;
  /** The operation's page-token parameter (`pageToken`, `cursor`). */
  readonly pageTokenParam?: string;
  /** Extra advice for this operation (e.g. Docs: `view: "text"`). */
  readonly advice?: string;
}

const PAGE_SIZE_PARAMS = ['maxResults', 'pageSize', 'limit', 'count'];
const PAGE_TOKEN_PARAMS = ['pageToken', 'cursor', 'page'];

/** The paging parameters among an operation's parameter names. */
export function pagingParams(paramNames: Iterable<string>): { pageSizeParam?: string; pageTokenParam?: string } {
  const names = new Set(paramNames);
  const size = PAGE_SIZE_PARAMS.find((p) => names.has(p));
  const token = PAGE_TOKEN_PARAMS.find((p) => names.has(p));
  return { ...(size ? { pageSizeParam: size } : {}), ...(token ? { pageTokenParam: token } : {}) };
}

type Path = ReadonlyArray<string | number>;

/** A list that may give way, with the JSON of each of its items. */
interface ItemList {
  readonly path: Path;
  readonly items: unknown[];
  readonly itemJson: readonly string[];
}

/**
 * The largest array (by serialised size) within a few levels of the value: the "items" that may
 * give way. An array's JSON is its items' JSON, comma-separated in brackets, so each item is
 * serialised once here and its length is what the cap's search adds up later.
 */
function largestArray(v: unknown): ItemList | undefined {
  let best: (ItemList & { size: number }) | undefined;
  const walk = (x: unknown, path: Path, depth: number) => {
    // A value with its own toJSON is written as something else: it is not looked into.
    if (depth > 4 || x === null || typeof x !== 'object' || hasToJson(x)) return;
    if (Array.isArray(x)) {
      if (x.length > 0) {
        // A shared item (the same unchanged event in every trial's list) is serialised once per process.
        const itemJson = x.map((item) => jsonOf(item) ?? 'null');
        const size = itemJson.reduce((a, b) => a + b.length, 0) + x.length + 1;
        if (!best || size > best.size) best = { path, items: x, itemJson, size };
      }
      // Items of a list are the unit; arrays inside them are not looked at.
      return;
    }
    for (const [k, y] of Object.entries(x as Record<string, unknown>)) walk(y, [...path, k], depth + 1);
  };
  walk(v, [], 0);
  return best;
}

function hasToJson(x: object): boolean {
  return typeof (x as { toJSON?: unknown }).toJSON === 'function';
}

/** Items in the longest list within largestArray's reach (counting only, nothing serialised). */
function longestList(v: unknown, depth = 0): number {
  if (depth > 4 || v === null || typeof v !== 'object' || hasToJson(v)) return 0;
  if (Array.isArray(v)) return v.length;
  let most = 0;
  for (const y of Object.values(v as Record<string, unknown>)) most = Math.max(most, longestList(y, depth + 1));
  return most;
}

/**
 * The JSON of `envelope` (the value, or the value under a note) with the list at `list.path`
 * holding its first `k` items: the envelope is serialised with a marker where the list goes and
 * the items' JSON is put in its place, which is exactly what serialising the whole would write
 * (an array's JSON is its items' JSON, comma-separated in brackets).
 */
function withItems(envelope: (listValue: unknown) => unknown, list: ItemList, k: number): string {
  const text = JSON.stringify(envelope(LIST_MARKER));
  const at = text.indexOf(LIST_MARKER_JSON);
  if (at < 0 || text.indexOf(LIST_MARKER_JSON, at + 1) >= 0) return JSON.stringify(envelope(list.items.slice(0, k)));
  return `${text.slice(0, at)}[${list.itemJson.slice(0, k).join(',')}]${text.slice(at + LIST_MARKER_JSON.length)}`;
}

/** Fewest items for a result's longest list to be serialised item by item first (see capJson). */
const ITEMS_FIRST = 16;

/** A copy of `v` with the value at `path` replaced (objects copied along the path only). */
function setAt(v: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (Array.isArray(v)) {
    const out = [...v];
    out[head as number] = setAt(v[head as number], rest, value);
    return out;
  }
  const obj = v as Record<string, unknown>;
  return { ...obj, [head as string]: setAt(obj[head as string], rest, value) };
}

/** The note placed first in a truncated object (an array result is wrapped as `{_truncated, items}`). */
function withNote(v: unknown, note: Record<string, unknown>): unknown {
  if (Array.isArray(v) || v === null || typeof v !== 'object') return { [TRUNCATION_KEY]: note, items: v };
  return { [TRUNCATION_KEY]: note, ...(v as Record<string, unknown>) };
}

function idOf(item: unknown): string | undefined {
  if (!item || typeof item !== 'object') return undefined;
  const r = item as Record<string, unknown>;
  for (const k of ['id', 'ts', 'messageId', 'fileId', 'eventId']) if (typeof r[k] === 'string' || typeof r[k] === 'number') return String(r[k]);
  return undefined;
}

/** What the model should call next to see what was dropped. */
function nextAdvice(kept: number, total: number, hint: CapHint, field: string): string {
  const parts: string[] = [];
  if (hint.pageSizeParam) {
    const token = hint.pageTokenParam && hint.args?.[hint.pageTokenParam] !== undefined ? ` and the same ${hint.pageTokenParam}` : '';
    parts.push(
      `To see the dropped items, repeat this call with ${hint.pageSizeParam}: ${Math.max(1, kept)}${token} and page on from that answer.` +
        (hint.pageTokenParam ? ` The page token kept in this result continues after all ${total} items of this page, so paging on from it skips the dropped ones.` : ''),
    );
  } else {
    parts.push(`This list has no paging: ask for less (a narrower query, \`fields\`, a lighter format) or fetch the dropped ${field} one by one by id.`);
  }
  if (hint.advice) parts.push(hint.advice);
  return parts.join(' ');
}

// Stands in for the kept items while the envelope of a cut result is serialised. No data can
// hold it by chance: a NUL-delimited nonce drawn when the process starts.
const LIST_MARKER = `\u0000deskbench-list-${randomUUID()}\u0000`;
const LIST_MARKER_JSON = JSON.stringify(LIST_MARKER);

const CUT = (n: number) => `…[${n} more characters cut by the harness]`;

/** Shortens the longest strings of a value until its JSON fits `max` (bounded work). */
function shrinkStrings(v: unknown, max: number): { value: unknown; cut: number } {
  let cur = v;
  let cut = 0;
  for (let round = 0; round < 40; round++) {
    const size = JSON.stringify(cur).length;
    if (size <= max) break;
    let longest: { path: Path; s: string } | undefined;
    const walk = (x: unknown, path: Path, depth: number) => {
      if (depth > 12) return;
      if (typeof x === 'string') {
        if (!longest || x.length > longest.s.length) longest = { path, s: x };
      } else if (Array.isArray(x)) x.forEach((y, i) => walk(y, [...path, i], depth + 1));
      else if (x && typeof x === 'object') for (const [k, y] of Object.entries(x as Record<string, unknown>)) walk(y, [...path, k], depth + 1);
    };
    walk(cur, [], 0);
    const found = longest as { path: Path; s: string } | undefined;
    if (!found || found.s.length <= 200) break;
    const keep = Math.max(120, found.s.length - (size - max) - 80);
    const shorter = found.s.length - keep > 0 ? found.s.slice(0, keep) + CUT(found.s.length - keep) : found.s;
    if (shorter.length >= found.s.length) break;
    cut++;
    cur = setAt(cur, found.path, shorter);
  }
  return { value: cur, cut };
}

/**
 * The JSON text of a result, capped at `max` characters by whole items (see module doc).
 * Always valid JSON unless nothing else could make it fit (then a raw cut with a note).
 */
export function capJson(value: unknown, max = MAX_RESULT_CHARS, hint: CapHint = {}): string {
  // A long list is what a result too long for the cap loses items of, and what the cut needs
  // each item's JSON for: such a result is serialised item by item and assembled, once, instead
  // of whole and then again by items when it is cut.
  const early = longestList(value) >= ITEMS_FIRST ? largestArray(value) : undefined;
  const full = early ? withItems((l) => setAt(value, early.path, l), early, early.items.length) : (JSON.stringify(value) ?? 'null');
  if (full.length <= max) return full;
  const list = early ?? largestArray(value);
  if (list) {
    const total = list.items.length;
    const field = list.path.length ? String(list.path[list.path.length - 1]) : 'items';
    const note = (k: number): Record<string, unknown> => {
      const dropped = list.items.slice(k);
      const ids = dropped.map(idOf).filter((x): x is string => x !== undefined);
      return {
        note: `The harness cut this result to ${max} characters: it shows ${k} of the ${total} ${field} of this answer; ${total - k} were dropped (the rest of the answer is complete).`,
        field: list.path.join('.') || field, shown: k, dropped: total - k,
        // Without paging, ids are the way back to what was dropped.
        ...(!hint.pageSizeParam && ids.length === dropped.length && ids.length > 0 ? { droppedIds: ids.slice(0, 50) } : {}),
        next: nextAdvice(k, total, hint, field),
      };
    };
    // An array's JSON is exactly its items' JSON, comma-separated in brackets: the items are
    // serialised once (largestArray), and both the search below and the answer are built from
    // that, around the envelope serialised with a marker where the list goes.
    const render = (k: number): string => withItems((l) => withNote(setAt(value, list.path, l), note(k)), list, k);
    const prefix = new Float64Array(total + 1);
    for (let i = 0; i < total; i++) prefix[i + 1] = prefix[i]! + list.itemJson[i]!.length;
    const lengthOf = (k: number): number =>
      JSON.stringify(withNote(setAt(value, list.path, []), note(k))).length + prefix[k]! + Math.max(0, k - 1);
    let lo = 0;
    let hi = total - 1;
    if (lengthOf(0) <= max) {
      // Largest k whose rendering fits.
      while (lo < hi) {
        const mid = Math.ceil((lo + hi) / 2);
        if (lengthOf(mid) <= max) lo = mid;
        else hi = mid - 1;
      }
      if (lo > 0) return render(lo);
      // Not even one whole item fits: show the first one with its longest strings shortened.
      const one = JSON.parse(render(1)) as unknown;
      const shrunk = shrinkStrings(one, max);
      const text = JSON.stringify(shrunk.value);
      if (text.length <= max) return text;
      return render(0);
    }
  }
  const shrunk = shrinkStrings(value, max - 300);
  const text = JSON.stringify(shrunk.value);
  if (shrunk.cut > 0 && text.length <= max) {
    const note = { note: `The harness shortened the ${shrunk.cut} longest text field(s) of this result to fit ${max} characters.`, ...(hint.advice ? { next: hint.advice } : {}) };
    const out = JSON.stringify(withNote(shrunk.value, note));
    if (out.length <= max + 400) return out;
  }
  return capText(full, max, hint.advice);
}

/** Raw text capped at `max` characters, cut at a line break when one is near, with a note. */
export function capText(text: string, max = MAX_RESULT_CHARS, advice?: string): string {
  if (text.length <= max) return text;
  const nl = text.lastIndexOf('\n', max);
  const end = nl > max * 0.8 ? nl : max;
  return `${text.slice(0, end)}\n[truncated by the harness: showing the first ${end} of ${text.length} characters; ${advice ?? 'ask for less (maxResults/pageSize/limit, fields, a narrower query)'}]`;
}
