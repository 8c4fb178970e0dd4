/** Runs every benchmark in this folder one after another, each in its own process, and prints their JSON. */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const here = import.meta.dirname;
const skip = new Set(['run-all.ts', 'stats.ts']);
const only = process.argv.slice(2);
for (const f of readdirSync(here).filter((f) => f.endsWith('.ts') && !skip.has(f)).sort()) {
  if (only.length && !only.some((o) => f.includes(o))) continue;
  process.stderr.write(`== ${f}\n`);
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(here, f)], { stdio: 'inherit' });
  if (r.status !== 0) process.stderr.write(`${f} exited with ${r.status}\n`);
}
