/**
 * The supervisor as one plain JavaScript file, so each sandbox starts it with plain Node: from a
 * build it is compiled already; from a checkout it is bundled with esbuild (the transpiler tsx
 * itself runs on), once per process, because starting it through tsx costs about 0.6 s per
 * trial. Bundles are kept by content hash in a folder only the harness's user may write (the
 * supervisor runs as root: nobody else may be able to change it).
 */
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** How to run the supervisor: Node arguments before the plan, and the working directory (where `tsx` resolves). */
export interface SupervisorEntry {
  readonly args: readonly string[];
  readonly cwd: string;
}

let cached: SupervisorEntry | undefined;

/** The shared bundle folder, if it is ours alone (a folder someone else made, or opened up, is not used). */
function privateFolder(): string | undefined {
  const uid = process.getuid?.();
  if (uid === undefined) return undefined;
  const dir = join(tmpdir(), `deskbench-supervisor-${uid}`);
  try {
    mkdirSync(dir, { mode: 0o700 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') return undefined;
  }
  const st = lstatSync(dir);
  return st.isDirectory() && st.uid === uid && (st.mode & 0o077) === 0 ? dir : undefined;
}

function bundle(source: string): string {
  const require = createRequire(import.meta.url);
  const esbuild = require(createRequire(require.resolve('tsx/package.json')).resolve('esbuild')) as {
    buildSync(o: Record<string, unknown>): { outputFiles: Array<{ contents: Uint8Array }> };
  };
  const built = esbuild.buildSync({ entryPoints: [source], bundle: true, platform: 'node', format: 'esm', target: 'node20', write: false, logLevel: 'silent' });
  const contents = built.outputFiles[0]!.contents;
  const name = `supervisor-${createHash('sha256').update(contents).digest('hex').slice(0, 16)}.mjs`;
  let dir = privateFolder();
  if (!dir) {
    dir = mkdtempSync(join(tmpdir(), 'deskbench-supervisor-'));
    const own = dir;
    process.once('exit', () => rmSync(own, { recursive: true, force: true }));
  }
  const file = join(dir, name);
  if (!existsSync(file)) {
    // Written whole, then renamed: a concurrent deskbench never runs half a file.
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, contents, { mode: 0o600 });
    renameSync(tmp, file);
  }
  return file;
}

/** The supervisor's entry for `node` (falls back to tsx when esbuild cannot be loaded). */
export function supervisorEntry(): SupervisorEntry {
  if (cached) return cached;
  const self = fileURLToPath(import.meta.url);
  const root = join(self, '..', '..', '..', '..');
  if (!self.endsWith('.ts')) return (cached = { args: [join(self, '..', 'supervisor.js')], cwd: root });
  const source = join(self, '..', 'supervisor.ts');
  try {
    cached = { args: [bundle(source)], cwd: root };
  } catch {
    cached = { args: ['--import', 'tsx', source], cwd: root };
  }
  return cached;
}
