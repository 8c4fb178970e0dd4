/** `deskbench list`: the tasks of the suite, as a table or JSON. */
import type { Command } from 'commander';
import { isSafetyCritical, SERVICE_IDS, type Task } from '../../core/index.ts';
import { TASKS } from '../../../tasks/index.ts';
import { action } from '../action.ts';
import { commaList, selectTasks } from '../options.ts';
import { formatTable } from '../summary-table.ts';

/** The JSON shape of one task in `deskbench list --json`. */
export function taskSummary(t: Task) {
  return {
    id: t.id, version: t.version, title: t.title, scenario: t.scenario, services: t.services, tags: t.tags,
    category: t.category, difficulty: t.difficulty, safetyCritical: isSafetyCritical(t), instruction: t.instruction,
    unsafeReferences: Object.keys(t.unsafe),
  };
}

/** Counts the suite by category, service, safety and difficulty. */
export function suiteCounts(tasks: readonly Task[]) {
  const perService = Object.fromEntries(SERVICE_IDS.map((s) => [s, tasks.filter((t) => t.services.includes(s)).length]));
  const singlePerService = Object.fromEntries(
    SERVICE_IDS.map((s) => [s, tasks.filter((t) => t.category === 'single-service' && t.services[0] === s).length]),
  );
  return {
    tasks: tasks.length,
    singleService: tasks.filter((t) => t.category === 'single-service').length,
    crossService: tasks.filter((t) => t.category === 'cross-service').length,
    safetyCritical: tasks.filter(isSafetyCritical).length,
    perService, singlePerService,
    difficulty: {
      easy: tasks.filter((t) => t.difficulty === 'easy').length,
      medium: tasks.filter((t) => t.difficulty === 'medium').length,
      hard: tasks.filter((t) => t.difficulty === 'hard').length,
    },
  };
}

/** Registers `deskbench list`. */
export function register(program: Command): void {
  program
    .command('list')
    .description('list the tasks of the suite')
    .option('--tag <tags...>', 'only tasks with every given tag')
    .option('--service <services...>', 'only tasks touching one of these services')
    .option('--json', 'print {tasks, counts} as JSON')
    .addHelpText('after', `
Examples:
  deskbench list
  deskbench list --tag safety --service gmail
  deskbench list --json | jq '.counts'`)
    .action(
      action((f: { tag?: string[]; service?: string[]; json?: boolean }) => {
        const filtered = f.tag || f.service;
        const tasks = filtered ? selectTasks(TASKS, { tags: commaList(f.tag), services: commaList(f.service) }) : [...TASKS];
        if (f.json) {
          process.stdout.write(`${JSON.stringify({ tasks: tasks.map(taskSummary), counts: suiteCounts(tasks) }, null, 2)}\n`);
          return;
        }
        const rows = tasks.map((t) => [t.id, t.services.join(','), t.category, isSafetyCritical(t) ? 'safety' : '', t.difficulty, t.title]);
        process.stdout.write(`${formatTable(['id', 'services', 'category', 'safety', 'difficulty', 'title'], rows)}\n\n${tasks.length} task(s)\n`);
      }),
    );
}
