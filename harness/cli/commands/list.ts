/** `deskbench list`: the tasks of the suite, as a table or JSON. */
import type { Command } from 'commander';
import { BEHAVIOUR_CATEGORIES, CHANNEL_TAG, INJECTION_CHANNELS, isSafetyCritical, PATTERN_TAG, SERVICE_IDS, type Task } from '../../core/index.ts';
import { TASKS } from '../../../tasks/index.ts';
import { action } from '../action.ts';
import { commaList, selectTasks } from '../options.ts';
import { formatTable } from '../summary-table.ts';
import { baseWorkspace, companyFor, DEFAULT_SEED } from '../../../datasets/base-workspace.ts';
import { EASY_MAX_WRITES, HARD_MIN_WRITES, referenceLength, type ReferenceLength } from '../../check/reference-length.ts';

/** The JSON shape of one task in `deskbench list --json`. */
export function taskSummary(t: Task) {
  return {
    id: t.id, version: t.version, title: t.title, scenario: t.scenario, services: t.services, tags: t.tags,
    category: t.category, difficulty: t.difficulty, safetyCritical: isSafetyCritical(t), instruction: t.instruction,
    unsafeReferences: Object.keys(t.unsafe),
  };
}

/** Tag prefixes counted by value in `counts` (a task's family, the clean/attacked pair it belongs to). */
const FAMILY_TAG = 'family:';
const PAIR_TAG = 'pair:';

/** Counts of a tag prefix by value (`family:search` → `search`); tasks without one count under `none`. */
function byPrefix(tasks: readonly Task[], prefix: string, none?: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of tasks) {
    const values = t.tags.filter((g) => g.startsWith(prefix)).map((g) => g.slice(prefix.length));
    if (values.length === 0 && none) out[none] = (out[none] ?? 0) + 1;
    for (const v of values) out[v] = (out[v] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

/** Counts the suite by category, service, family, tag, safety and difficulty. */
export function suiteCounts(tasks: readonly Task[]) {
  const perService = Object.fromEntries(SERVICE_IDS.map((s) => [s, tasks.filter((t) => t.services.includes(s)).length]));
  const singlePerService = Object.fromEntries(
    SERVICE_IDS.map((s) => [s, tasks.filter((t) => t.category === 'single-service' && t.services[0] === s).length]),
  );
  const tagged = (prefix: string, names: readonly string[]) =>
    Object.fromEntries(names.map((n) => [n, tasks.filter((t) => t.tags.includes(`${prefix}${n}`)).length]));
  return {
    tasks: tasks.length,
    singleService: tasks.filter((t) => t.category === 'single-service').length,
    crossService: tasks.filter((t) => t.category === 'cross-service').length,
    safetyCritical: tasks.filter(isSafetyCritical).length,
    perService, singlePerService,
    families: byPrefix(tasks, FAMILY_TAG, 'none'),
    /** Clean/attacked pairs (same user task, with and without the trap) and how many tasks each holds. */
    pairs: byPrefix(tasks, PAIR_TAG),
    tags: byPrefix(tasks, ''),
    patterns: tagged(PATTERN_TAG, BEHAVIOUR_CATEGORIES),
    injectionChannels: tagged(CHANNEL_TAG, INJECTION_CHANNELS),
    difficulty: {
      easy: tasks.filter((t) => t.difficulty === 'easy').length,
      medium: tasks.filter((t) => t.difficulty === 'medium').length,
      hard: tasks.filter((t) => t.difficulty === 'hard').length,
    },
  };
}

/** The oracle's length for every task, on the default seed (difficulty is calibrated by it). */
export async function referenceLengths(tasks: readonly Task[]): Promise<Map<string, ReferenceLength>> {
  const base = baseWorkspace(DEFAULT_SEED);
  const auth = { principal: companyFor(DEFAULT_SEED).owner.email, tokenKind: 'user' as const };
  const out = new Map<string, ReferenceLength>();
  for (const t of tasks) out.set(t.id, await referenceLength(t, base, DEFAULT_SEED, auth));
  return out;
}

/** Median of a non-empty list. */
function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** The calibration table: per declared difficulty, the oracle's writes and calls. */
function calibrationLines(tasks: readonly Task[], lengths: ReadonlyMap<string, ReferenceLength>): string[] {
  const rows = (['easy', 'medium', 'hard'] as const).flatMap((d) => {
    const ls = tasks.filter((t) => t.difficulty === d).map((t) => lengths.get(t.id)!);
    if (ls.length === 0) return [];
    const w = ls.map((l) => l.writes);
    const c = ls.map((l) => l.calls);
    const multi = ls.filter((l) => l.services.length > 1).length;
    return [`| ${d} | ${ls.length} | ${median(w)} | ${Math.min(...w)}–${Math.max(...w)} | ${median(c)} | ${multi} |`];
  });
  return [
    '## Difficulty calibration',
    '',
    `Difficulty is declared by the rule in [adding-a-task.md](adding-a-task.md#difficulty-rule) and checked against the oracle's length on seed ${DEFAULT_SEED}: ` +
      `\`deskbench check\` refuses an easy task whose oracle makes more than ${EASY_MAX_WRITES} writes or works across services, and any task below hard whose oracle makes ${HARD_MIN_WRITES} writes or more. ` +
      'Oracles know where everything is, so their reads are a floor on what an agent must read; writes are the measure that transfers.',
    '',
    '| difficulty | tasks | median writes | writes (range) | median calls | across services |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ];
}

/** The generated task catalogue (docs/tasks.md), with each oracle's length; a test keeps the file in sync. */
export function renderTaskCatalogue(tasks: readonly Task[], lengths: ReadonlyMap<string, ReferenceLength>): string {
  const c = suiteCounts(tasks);
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const lines = [
    '# Task catalogue',
    '',
    '<!-- Generated by `deskbench list --markdown > docs/tasks.md`; do not edit by hand. -->',
    '',
    `${c.tasks} tasks: ${c.singleService} single-service, ${c.crossService} cross-service, ${c.safetyCritical} safety-critical ` +
      `(${c.difficulty.easy} easy, ${c.difficulty.medium} medium, ${c.difficulty.hard} hard).`,
    '',
    `Families: ${Object.entries(c.families).map(([f, n]) => `${f} ${n}`).join(', ')}. Clean/attacked pairs: ${Object.keys(c.pairs).length}.`,
    '',
    ...calibrationLines(tasks, lengths),
    '## Tasks',
    '',
    'Oracle: successful calls / writes of the reference solution.',
    '',
    '| id | services | category | safety | difficulty | oracle | scenario |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...tasks.map((t) => {
      const l = lengths.get(t.id)!;
      return `| \`${t.id}\` | ${t.services.join(', ')} | ${t.category} | ${isSafetyCritical(t) ? 'yes' : ''} | ${t.difficulty} | ${l.calls} / ${l.writes} | ${esc(t.scenario)} |`;
    }),
    '',
  ];
  return lines.join('\n');
}

/** Registers `deskbench list`. */
export function register(program: Command): void {
  program
    .command('list')
    .description('list the tasks of the suite')
    .option('--tag <tags...>', 'only tasks with every given tag')
    .option('--service <services...>', 'only tasks touching one of these services')
    .option('--json', 'print {tasks, counts} as JSON (counts per service, family, pair, tag, pattern, channel, difficulty)')
    .option('--markdown', 'print the task catalogue as markdown (docs/tasks.md)')
    .addHelpText('after', `
Examples:
  deskbench list
  deskbench list --tag safety --service gmail
  deskbench list --json | jq '.counts'
  deskbench list --json | jq '.counts.families'
  deskbench list --tag family:search`)
    .action(
      action(async (f: { tag?: string[]; service?: string[]; json?: boolean; markdown?: boolean }) => {
        const filtered = f.tag || f.service;
        const tasks = filtered ? selectTasks(TASKS, { tags: commaList('--tag', f.tag), services: commaList('--service', f.service) }) : [...TASKS];
        if (f.markdown) return void process.stdout.write(renderTaskCatalogue(tasks, await referenceLengths(tasks)));
        if (f.json) {
          process.stdout.write(`${JSON.stringify({ tasks: tasks.map(taskSummary), counts: suiteCounts(tasks) }, null, 2)}\n`);
          return;
        }
        const rows = tasks.map((t) => [t.id, t.services.join(','), t.category, isSafetyCritical(t) ? 'safety' : '', t.difficulty, t.title]);
        process.stdout.write(`${formatTable(['id', 'services', 'category', 'safety', 'difficulty', 'title'], rows)}\n\n${tasks.length} task(s)\n`);
      }),
    );
}
