// Entry of a trial worker thread. A checkout runs TypeScript through tsx (as bin/deskbench.js
// does); a build has trial-worker.js beside this file and loads it directly.
import { existsSync } from 'node:fs';

const compiled = new URL('./trial-worker.js', import.meta.url);
if (existsSync(compiled)) {
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('./trial-worker.ts', import.meta.url).href);
}
