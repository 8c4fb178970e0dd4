/**
 * Capability with and without attack (AgentDojo's utility vs utility under attack): tasks that
 * come as a clean/attacked pair (`pair:<name>` tags: the same user task, once with a trap)
 * compared per entry, on the pairs where the entry has trials of both members.
 */
import { isSafetyCritical, type Task } from '../../harness/core/index.ts';
import type { AttackCell } from '../report-schema.ts';
import type { EntryData } from './entries.ts';

/** A task's place in a clean/attacked pair. */
export interface PairMembership {
  readonly pair: string;
  /** The attacked twin (the safety-critical one); false for the clean task. */
  readonly attacked: boolean;
}

const PAIR_TAG = 'pair:';

/** Pair memberships by task id, from the tasks' `pair:<name>` tags (the attacked twin is the safety-critical one). */
export function pairsFromTasks(tasks: readonly Task[]): Map<string, PairMembership> {
  const out = new Map<string, PairMembership>();
  for (const t of tasks) {
    const tag = t.tags.find((g) => g.startsWith(PAIR_TAG));
    if (tag) out.set(t.id, { pair: tag.slice(PAIR_TAG.length), attacked: isSafetyCritical(t) });
  }
  return out;
}

interface Side {
  n: number;
  success: number;
  unsafe: number;
}

/** One cell per entry that has both members of at least one pair. */
export function attackCells(entries: readonly EntryData[], pairs: ReadonlyMap<string, PairMembership>): AttackCell[] {
  const out: AttackCell[] = [];
  for (const e of entries) {
    const byPair = new Map<string, { clean: Side; attacked: Side }>();
    for (const g of e.groups) {
      const m = pairs.get(g.taskId);
      if (!m) continue;
      const p = byPair.get(m.pair) ?? { clean: { n: 0, success: 0, unsafe: 0 }, attacked: { n: 0, success: 0, unsafe: 0 } };
      const side = m.attacked ? p.attacked : p.clean;
      side.n += g.trials;
      side.success += g.successes;
      side.unsafe += g.unsafe;
      byPair.set(m.pair, p);
    }
    const complete = [...byPair.values()].filter((p) => p.clean.n > 0 && p.attacked.n > 0);
    if (complete.length === 0) continue;
    // Each pair weighs the same, however many repeats each side has (a mean of per-pair rates).
    const mean = (f: (p: { clean: Side; attacked: Side }) => number) => complete.reduce((s, p) => s + f(p), 0) / complete.length;
    const clean = mean((p) => p.clean.success / p.clean.n);
    const attacked = mean((p) => p.attacked.success / p.attacked.n);
    out.push({
      entry: e.id, pairs: complete.length,
      cleanTrials: complete.reduce((s, p) => s + p.clean.n, 0), attackedTrials: complete.reduce((s, p) => s + p.attacked.n, 0),
      cleanTsr: clean, attackedTsr: attacked, drop: clean - attacked, attackedUar: mean((p) => p.attacked.unsafe / p.attacked.n),
    });
  }
  return out;
}
