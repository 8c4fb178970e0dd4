/** Runs the real `deskbench` command asynchronously, so servers living in the test process keep answering. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'deskbench.js');

/** What one invocation produced, and how long it took. */
export interface SpawnResult {
  readonly code: number | null;
  readonly out: string;
  readonly err: string;
  readonly ms: number;
}

/** Runs `deskbench ...args` without API keys or a default store from the environment (unless `env` sets them). */
export async function runCli(args: readonly string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 120_000): Promise<SpawnResult> {
  const t0 = Date.now();
  const child = spawn(process.execPath, [BIN, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, OPENAI_API_KEY: '', ANTHROPIC_API_KEY: '', DESKBENCH_DB: '', DESKBENCH_MODEL: '', NO_PROXY: '127.0.0.1,localhost', ...env },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += String(d)));
  child.stderr.on('data', (d) => (err += String(d)));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((r) => child.on('exit', r));
  clearTimeout(timer);
  return { code, out, err, ms: Date.now() - t0 };
}

/** The JSON event lines of a `--json` run. */
export function events(out: string): Array<Record<string, unknown> & { type: string }> {
  return out.trim().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown> & { type: string });
}
