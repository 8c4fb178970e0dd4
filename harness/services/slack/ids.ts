/** Slack identifiers: message timestamps, object ids and permalinks (cursors come from the wire kit, see paging.ts). */
import { hexId, type Workspace } from '../../core/index.ts';

/**
 * A fresh message ts from the workspace clock: whole seconds plus a 6-digit sequence.
 * The sequence is a workspace counter, so two messages in one call still differ, and
 * because every call moves the clock forward a second, ts values strictly increase.
 */
export function newTs(ws: Workspace): string {
  const sec = Math.floor(ws.nowMs() / 1000);
  const seq = ws.nextCounter('slack.ts') % 1_000_000;
  return `${sec}.${String(seq).padStart(6, '0')}`;
}

/** A ts for a given epoch-ms instant and sequence (base data generation). */
export function tsAt(ms: number, seq: number): string {
  return `${Math.floor(ms / 1000)}.${String(seq % 1_000_000).padStart(6, '0')}`;
}

/** Seconds part of a ts or epoch-seconds string, as a number (NaN when malformed). */
export function tsNumber(ts: string): number {
  return /^\d+(\.\d+)?$/.test(ts) ? Number(ts) : Number.NaN;
}

/** Compares two ts strings numerically (they are fixed-width after the dot). */
export function compareTs(a: string, b: string): number {
  const d = tsNumber(a) - tsNumber(b);
  if (d !== 0) return d;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Upper-case base-36-ish id of the real shape: prefix + 10 chars (`C06ABCDEFGH`). */
export function slackId(prefix: string, namespace: string, n: number): string {
  const hex = hexId(`slack.${namespace}`, n, 12);
  return prefix + BigInt(`0x${hex}`).toString(36).toUpperCase().padStart(10, '0').slice(-10);
}

/** A new id from a workspace counter (writes only: counters are state). */
export function nextSlackId(ws: Workspace, prefix: string, namespace: string): string {
  return slackId(prefix, `${namespace}.trial`, ws.nextCounter(`slack.${namespace}`));
}

/** The permalink of a message, as Slack builds it (`/archives/C…/p<ts without dot>`). */
export function permalink(domain: string, channel: string, ts: string, threadTs?: string): string {
  const base = `https://${domain}.slack.com/archives/${channel}/p${ts.replace('.', '')}`;
  return threadTs && threadTs !== ts ? `${base}?thread_ts=${threadTs}&cid=${channel}` : base;
}
