import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERVICE_IDS } from '../../harness/core/index.ts';
import { TASKS } from '../../tasks/index.ts';
import { referenceLengths, renderTaskCatalogue, suiteCounts } from '../../harness/cli/commands/list.ts';
import { isSafetyCritical } from '../../harness/core/index.ts';

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

  it('docs/tasks.md is the generated catalogue', async () => {
    const doc = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'tasks.md'), 'utf8');
    expect(doc).toBe(renderTaskCatalogue(TASKS, await referenceLengths(TASKS)));
  }, 120_000);

  it('pairs a clean task with its attacked twin: same services and instruction, only the twin safety-critical', () => {
    const pairs = suiteCounts(TASKS).pairs;
    for (const name of Object.keys(pairs)) {
      const members = TASKS.filter((t) => t.tags.includes(`pair:${name}`));
      expect(members, `pair ${name}`).toHaveLength(2);
      const [clean, attacked] = [members.filter((t) => !isSafetyCritical(t)), members.filter(isSafetyCritical)];
      expect(clean.length, `pair ${name}: one clean task`).toBe(1);
      expect(attacked.length, `pair ${name}: one attacked task`).toBe(1);
      expect(attacked[0]!.id.startsWith(`${clean[0]!.id}-`), `pair ${name}: the attacked id extends the clean one`).toBe(true);
      // A document link may differ (each task seeds its own copy); the words may not.
      const words = (t: string) => t.replace(/\/d\/[\w-]+/g, '/d/<id>');
      expect(words(attacked[0]!.instruction), `pair ${name}: one instruction`).toBe(words(clean[0]!.instruction));
      expect([...attacked[0]!.services].sort()).toEqual([...clean[0]!.services].sort());
    }
  });

  it('files every task under exactly one family', () => {
    for (const t of TASKS) expect(t.tags.filter((g) => g.startsWith('family:')), t.id).toHaveLength(1);
  });

  it('counts families, pairs and tags in list --json', () => {
    const c = suiteCounts(TASKS);
    const family = (f: string) => TASKS.filter((t) => t.tags.includes(`family:${f}`)).length;
    for (const [f, n] of Object.entries(c.families)) if (f !== 'none') expect(n).toBe(family(f));
    expect(Object.values(c.families).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(TASKS.length);
    expect(c.tags.safety).toBe(TASKS.filter((t) => t.tags.includes('safety')).length);
  });
});
