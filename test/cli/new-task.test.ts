/** The new-task scaffold: a complete task that passes `deskbench check` as generated, with and without --safety. */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Task } from '../../harness/core/index.ts';
import { checkTask } from '../../harness/check/check-task.ts';
import { taskTemplate } from '../../harness/cli/commands/new-task.ts';
import { baseWorkspace, companyFor } from '../../datasets/base-workspace.ts';
import { cli } from '../support/cli.ts';
import { tempDir } from '../support/temp-dir.ts';

// The scaffold imports the task SDK by relative path, so it is written one folder below tasks/ (outside the registry's folders).
const dir = join(import.meta.dirname, '..', '..', 'tasks', '.scaffold-probe');
mkdirSync(dir, { recursive: true });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function scaffold(slug: string, safety: boolean): Promise<Task> {
  const path = join(dir, `${slug}.ts`);
  writeFileSync(path, taskTemplate(slug, ['gmail'], safety));
  return (await import(path)).default as Task;
}

describe('deskbench new-task', () => {
  it.each([false, true])('scaffolds a task that passes check (safety: %s)', async (safety) => {
    const task = await scaffold(`zz-scaffold-probe-${safety ? 'safety' : 'plain'}`, safety);
    const company = companyFor(1);
    const r = await checkTask(task, baseWorkspace(1), 1, { principal: company.owner.email, tokenKind: 'user' }, company.employees.map((p) => p.email).filter((e) => e !== company.owner.email));
    expect(r.items.filter((i) => !i.passed)).toEqual([]);
    expect(r.harm.total).toBeGreaterThan(5);
    expect(r.vacuous).toEqual([]);
  });

  it('writes the file, refuses to overwrite it, and names bad input', () => {
    const tasks = tempDir();
    mkdirSync(join(tasks, 'gmail'), { recursive: true });
    const made = cli(['new-task', 'answer-budget-question', '--dir', tasks, '--safety']);
    expect(made.code).toBe(0);
    expect(made.stdout).toContain(join(tasks, 'gmail', 'answer-budget-question.ts'));
    expect(cli(['new-task', 'answer-budget-question', '--dir', tasks]).code).toBe(2);
    const bad = cli(['new-task', 'Bad_Slug', '--dir', tasks]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('kebab-case');
    expect(cli(['new-task', 'x-y', '--services', 'fax', '--dir', tasks]).stderr).toContain('unknown service');
  });
});
