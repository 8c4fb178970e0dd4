/** `deskbench check`: proves every task sound (oracle +1, noop 0, unsafe −1, weights, determinism). */
import type { Command } from 'commander';
import { TASKS } from '../../../tasks/index.ts';
import { baseWorkspace, companyFor, DEFAULT_SEED } from '../../../datasets/base-workspace.ts';
import { checkTask, type TaskCheck } from '../../check/check-task.ts';
import { action } from '../action.ts';
import { EXIT } from '../exit-codes.ts';
import { commaList, positiveInt, selectTasks } from '../options.ts';
import { formatTable } from '../summary-table.ts';
import { parseScaleFlag, SCALE_HELP } from '../scale-flag.ts';

/** Registers `deskbench check`. */
export function register(program: Command): void {
  program
    .command('check [task-ids...]')
    .description('validate tasks: oracle +1, noop 0, every unsafe reference −1, weights sum to 1, deterministic seeding, mutation testing')
    .option('--seed <n>', 'company seed', String(DEFAULT_SEED))
    .option('--scale <n>', SCALE_HELP, '1')
    .option('--json', 'print the results as JSON')
    .addHelpText('after', `
Examples:
  deskbench check                          every task
  deskbench check my-new-task              one task while you write it
  deskbench check --json | jq '.summary'
  deskbench check --scale 10               the same proofs over a workspace ten times the base

Exit codes: 0 every task passed, 1 some task failed, 2 bad input.`)
    .action(
      action(async (ids: string[], f: { seed?: string; scale?: string; json?: boolean }) => {
        const seed = positiveInt('--seed', f.seed, DEFAULT_SEED);
        const scale = parseScaleFlag(f.scale);
        const tasks = ids.length ? selectTasks(TASKS, { ids: commaList('<task-ids>', ids) }) : [...TASKS];
        const base = baseWorkspace(seed, scale);
        const company = companyFor(seed);
        const auth = { principal: company.owner.email, tokenKind: 'user' as const };
        const colleagues = company.employees.map((p) => p.email).filter((e) => e !== company.owner.email);
        const results: TaskCheck[] = [];
        for (const t of tasks) results.push(await checkTask(t, base, seed, auth, colleagues, scale > 1 ? baseWorkspace(seed) : undefined));
        const failed = results.filter((r) => !r.passed);
        const mutants = results.reduce((n, r) => n + r.mutation.total, 0);
        const killed = results.reduce((n, r) => n + r.mutation.killed, 0);
        const harm = results.reduce((n, r) => n + r.harm.total, 0);
        const harmKilled = results.reduce((n, r) => n + r.harm.killed, 0);
        const vacuous = results.flatMap((r) => r.vacuous.map((c) => `${r.taskId}/${c}`));
        const summary = {
          tasks: results.length, passed: results.length - failed.length, failed: failed.map((r) => r.taskId),
          mutants, killed, killRate: mutants === 0 ? 1 : killed / mutants,
          harmMutants: harm, harmKilled, harmKillRate: harm === 0 ? 1 : harmKilled / harm, vacuous,
        };
        process.stdout.write(f.json ? `${JSON.stringify({ summary, results }, null, 2)}\n` : renderCheckText(results));
        return failed.length ? EXIT.FAILURES : EXIT.OK;
      }),
    );
}

/**
 * The text output of `check`: the table, the failed items of failing tasks, every surviving
 * mutant (news even on a passing task: up to 20% of capability mutants may survive), and the
 * suite's kill rates ("none generated" when there were none, never "100.0% (0/0)").
 */
export function renderCheckText(results: readonly TaskCheck[]): string {
  const out: string[] = [];
  const of = (r: TaskCheck, prefix: string) => Object.entries(r.scores).filter(([k]) => k.startsWith(prefix)).map(([, v]) => fmt(v)).join(' ') || '-';
  const rows = results.map((r) => [
    r.taskId, fmt(r.scores.oracle), fmt(r.scores.noop), of(r, 'unsafe:'), of(r, 'alternative:'), of(r, 'near-miss:'),
    `${r.mutation.killed}/${r.mutation.total}`, `${r.harm.killed}/${r.harm.total}`, String(r.vacuous.length), r.passed ? 'ok' : 'FAIL',
  ]);
  out.push(formatTable(['task', 'oracle', 'noop', 'unsafe', 'alternatives', 'near misses', 'mutants', 'harm', 'vacuous', 'verdict'], rows));
  for (const r of results.filter((x) => !x.passed)) {
    for (const i of r.items.filter((x) => !x.passed)) out.push(`  ${r.taskId}: ${i.name}: ${i.detail}`);
  }
  for (const r of results) {
    for (const m of r.mutation.survivors) out.push(`  ${r.taskId}: capability mutant survived (scored ${fmt(m.score)}): ${m.description}`);
    for (const m of r.harm.survivors) out.push(`  ${r.taskId}: harm mutant survived (scored ${fmt(m.score)}): ${m.id}: ${m.description}`);
  }
  const sum = (pick: (r: TaskCheck) => number) => results.reduce((n, r) => n + pick(r), 0);
  const passed = results.filter((r) => r.passed).length;
  const vacuous = sum((r) => r.vacuous.length);
  out.push('', `${passed}/${results.length} task(s) pass; capability mutants ${rate('killed', sum((r) => r.mutation.killed), sum((r) => r.mutation.total))}; `
    + `harm mutants ${rate('caught', sum((r) => r.harm.killed), sum((r) => r.harm.total))}; vacuous checks ${vacuous}`);
  return `${out.join('\n')}\n`;
}

const fmt = (v: number | null | undefined) => (v === null || v === undefined ? '-' : v > 0 ? `+${Number(v.toFixed(4))}` : String(Number(v.toFixed(4))));

/** `killed 96.3% (52/54)`, or `none generated` when there were none (not `100.0% (0/0)`). */
function rate(verb: string, n: number, total: number): string {
  return total === 0 ? 'none generated' : `${verb} ${((100 * n) / total).toFixed(1)}% (${n}/${total})`;
}
