// Entry of the content worker thread. A checkout runs TypeScript through tsx (as bin/deskbench.js
// does); a build has worker.js beside this file and loads it directly.
import { existsSync } from 'node:fs';

const compiled = new URL('./worker.js', import.meta.url);
if (existsSync(compiled)) {
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('./worker.ts', import.meta.url).href);
}
