/**
 * Runs the real `deskbench` command in a child process without blocking this one: tests
 * whose server (the local Hub) lives in the test process need the event loop free while
 * the command talks to it.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { CliResult } from '../cli.ts';

const BIN = join(import.meta.dirname, '..', '..', '..', 'bin', 'deskbench.js');

/** Runs `deskbench ...args` and resolves when it exits (killed after 120 s). */
export function cliAsync(args: readonly string[], opts: { env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, OPENAI_API_KEY: '', ANTHROPIC_API_KEY: '', DESKBENCH_DB: '', HF_ENDPOINT: '', ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
