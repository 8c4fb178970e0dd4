/** Marks entries that must not be ranked together: mixed suites or task versions, or another suite than the reference. */
import type { EntryData } from './entries.ts';
import { graderLabel } from './entry-stats.ts';

/** Comparability verdict of one entry. */
export interface Comparability {
  readonly comparable: boolean;
  readonly note: string | null;
}

/**
 * The reference suite is the suite hash used by the most entries (then most trials, then
 * smallest hash, so the choice is deterministic). An entry is comparable when all its trials
 * ran that one suite and each of its tasks ran one version (one task hash), and none of its
 * trials is an import that replay could not verify.
 */
export function assessComparability(entries: readonly EntryData[]): { reference: string | null; referenceGrader: string | null; verdicts: Map<string, Comparability> } {
  const votes = new Map<string, { entries: number; trials: number }>();
  for (const e of entries) {
    for (const h of new Set(e.groups.map((g) => g.suiteHash))) {
      const v = votes.get(h) ?? { entries: 0, trials: 0 };
      votes.set(h, { entries: v.entries + 1, trials: v.trials + e.groups.filter((g) => g.suiteHash === h).reduce((n, g) => n + g.trials, 0) });
    }
  }
  const reference = [...votes.entries()].sort(([ha, a], [hb, b]) => b.entries - a.entries || b.trials - a.trials || (ha < hb ? -1 : 1))[0]?.[0] ?? null;
  // Scores from different grading engines measure different things: one grader is the reference too.
  const graderVotes = new Map<string, number>();
  for (const e of entries) for (const g of new Set(e.groups.map((x) => graderLabel(x.graderVersion)))) graderVotes.set(g, (graderVotes.get(g) ?? 0) + 1);
  const referenceGrader = [...graderVotes.entries()].sort(([ga, a], [gb, b]) => b - a || (ga > gb ? -1 : 1))[0]?.[0] ?? null;
  const verdicts = new Map<string, Comparability>();
  for (const e of entries) {
    const suites = new Set(e.groups.map((g) => g.suiteHash));
    const versions = new Map<string, Set<string>>();
    for (const g of e.groups) {
      const v = versions.get(g.taskId) ?? new Set<string>();
      v.add(`${g.taskVersion}:${g.taskHash}`);
      versions.set(g.taskId, v);
    }
    const mixedTasks = [...versions.entries()].filter(([, v]) => v.size > 1).map(([t]) => t).sort();
    const graders = new Set(e.groups.map((g) => graderLabel(g.graderVersion)));
    let note: string | null = null;
    const unverified = e.groups.filter((g) => g.verified === false).reduce((n, g) => n + g.trials, 0);
    if (e.trials === 0) note = 'no scored trials';
    // An imported trial whose action log could not be replayed has a score nobody can check.
    else if (unverified > 0) note = `includes ${unverified} imported trial${unverified === 1 ? '' : 's'} that could not be verified by replay; its score is shown, never ranked`;
    else if (graders.size > 1) note = `mixes trials scored by graders ${[...graders].sort().join(' and ')}; run \`deskbench rescore\` to grade them all with the current one`;
    else if (!graders.has(referenceGrader ?? '')) note = `scored by grader ${[...graders][0]}, the others by ${referenceGrader}; run \`deskbench rescore\``;
    else if (suites.size > 1) note = `mixes ${suites.size} task suites (${[...suites].sort().join(', ')}); report its runs separately with --run`;
    else if (mixedTasks.length > 0) note = `mixes task versions of ${mixedTasks.slice(0, 3).join(', ')}${mixedTasks.length > 3 ? ` and ${mixedTasks.length - 3} more` : ''}`;
    else if (!suites.has(reference ?? '')) note = `ran suite ${[...suites][0]}, not the reference suite ${reference}`;
    verdicts.set(e.id, { comparable: note === null, note });
  }
  return { reference, referenceGrader, verdicts };
}
