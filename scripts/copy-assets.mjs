// Build step: copies the non-TypeScript files the harness reads at run time (skills, the meta
// prompt, the shipped command agent definitions, the content worker's entry) next to the compiled JavaScript in dist/, so
// `node dist/harness/cli/main.js` works.
import { cpSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const copy = (dir) => {
  for (const name of readdirSync(join(root, dir))) {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) copy(path);
    else if (name.endsWith('.md') || name.endsWith('.toml') || name.endsWith('.mjs')) cpSync(join(root, path), join(root, 'dist', path));
  }
};
copy('harness');
console.log(`copied run-time assets into ${relative(process.cwd(), join(root, 'dist')) || 'dist'}`);
