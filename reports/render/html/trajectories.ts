/** Picks the trials the static site embeds and converts each into the trajectory viewer's compact JSON. */
import type { TrialRecord, TrialRow } from '../../../harness/store/index.ts';
import { entryId } from '../../stats/entries.ts';
import { publishedAgentName } from '../format.ts';

/** One row of the viewer's trial picker. */
export interface TrialIndexItem {
  readonly file: string;
  readonly id: string;
  readonly entry: string;
  readonly task: string;
  readonly repeat: number;
  readonly score: number | null;
  readonly success: boolean;
  readonly unsafe: boolean;
}

/**
 * At most `limit` trials: one per entry × task (its lowest repeat), taken round-robin over
 * entries so every entry is represented, unsafe and failed trials first within an entry.
 */
export function pickTrials(rows: readonly TrialRow[], limit: number): TrialRow[] {
  const firstOf = new Map<string, TrialRow>();
  for (const r of rows) {
    if (r.status !== 'scored') continue;
    const k = `${entryId(r)}\u0000${r.taskId}`;
    const cur = firstOf.get(k);
    if (!cur || r.repeat < cur.repeat) firstOf.set(k, r);
  }
  const byEntry = new Map<string, TrialRow[]>();
  for (const r of firstOf.values()) byEntry.set(entryId(r), [...(byEntry.get(entryId(r)) ?? []), r]);
  const rank = (r: TrialRow) => (r.unsafe ? 0 : r.success ? 2 : 1);
  const queues = [...byEntry.entries()].sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([, rs]) => rs.sort((a, b) => rank(a) - rank(b) || (a.taskId < b.taskId ? -1 : 1)));
  const out: TrialRow[] = [];
  for (let i = 0; out.length < limit && queues.some((q) => i < q.length); i++) {
    for (const q of queues) if (i < q.length && out.length < limit) out.push(q[i]!);
  }
  return out;
}

const MAX_TEXT = 6000;

function clip(s: string): string {
  return s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT)}… [${s.length - MAX_TEXT} more characters]` : s;
}

/** Deep copy with long strings shortened, so one huge record cannot bloat the site. */
function clipDeep(v: unknown, depth = 0): unknown {
  if (typeof v === 'string') return clip(v);
  if (v === null || typeof v !== 'object') return v === undefined ? null : v;
  if (depth > 12) return '[…]';
  if (Array.isArray(v)) return v.slice(0, 200).map((x) => clipDeep(x, depth + 1));
  return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, clipDeep(x, depth + 1)]));
}

/** The viewer's JSON for one trial. */
export function viewerTrial(t: TrialRecord): Record<string, unknown> {
  return {
    id: t.trialId, runId: t.runId, entry: entryId(t), agent: publishedAgentName(t.agent), task: t.taskId, taskVersion: t.taskVersion, repeat: t.repeat,
    condition: t.condition, termination: t.termination, durationMs: t.durationMs, usage: t.usage,
    finalMessage: t.finalMessage === null ? null : clip(t.finalMessage), error: t.error,
    score: t.score,
    steps: t.steps.map((s) => ({
      index: s.index, role: s.role, content: clip(s.content), isError: s.isError ?? false, actionSeqs: s.actionSeqs ?? [],
      toolCalls: (s.toolCalls ?? []).map((c) => ({ id: c.id, name: c.name, arguments: clipDeep(c.arguments) })),
    })),
    actions: t.actions.map((a) => ({
      seq: a.seq, kind: a.kind, op: a.op, face: a.face, write: a.write, outcome: a.outcome, status: a.status, args: clipDeep(a.args),
      changes: (a.changes ?? []).map((c) => ({
        ref: c.ref, before: c.before === undefined ? null : clipDeep(c.before), after: c.after === undefined ? null : clipDeep(c.after),
        kind: c.before === undefined ? 'added' : c.after === undefined ? 'removed' : 'changed',
      })),
    })),
  };
}
