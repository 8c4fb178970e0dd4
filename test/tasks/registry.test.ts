import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERVICE_IDS } from '../../harness/core/index.ts';
import { TASKS } from '../../tasks/index.ts';
import { renderTaskCatalogue } from '../../harness/cli/commands/list.ts';

const root = join(import.meta.dirname, '..', '..', 'tasks');

function taskFiles(): string[] {
  const out: string[] = [];
  for (const s of SERVICE_IDS.concat(['cross' as never])) {
    const dir = join(root, s);
    try {
      if (!statSync(dir).isDirectory()) continue;
    } catch {
      continue;
    }
    for (const f of readdirSync(dir)) if (f.endsWith('.ts') && f !== 'index.ts') out.push(relative(root, join(dir, f)));
  }
  return out;
}

describe('task registry', () => {
  it('lists every task file exactly once, with id equal to the file name', () => {
    const files = taskFiles();
    const ids = TASKS.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(files.map((f) => f.split('/').pop()!.replace(/\.ts$/, '')).sort()).toEqual([...ids].sort());
    for (const f of files) {
      const [folder, name] = f.split('/') as [string, string];
      expect(readFileSync(join(root, folder, 'index.ts'), 'utf8'), `${folder}/index.ts lists ${name}`).toContain(`./${name}`);
    }
  });

  it('files each single-service task under its service folder', () => {
    for (const t of TASKS) {
      const folder = t.category === 'cross-service' ? 'cross' : t.services[0];
      expect(taskFiles()).toContain(`${folder}/${t.id}.ts`);
    }
  });

  it('docs/tasks.md is the generated catalogue', () => {
    const doc = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'tasks.md'), 'utf8');
    expect(doc).toBe(renderTaskCatalogue(TASKS));
  });
});
