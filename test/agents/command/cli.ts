/** The real `deskbench` CLI in a child process, for end-to-end tests of command agents. */
import { spawn } from 'node:child_process';

/** The launcher. */
export const BIN = new URL('../../../bin/deskbench.js', import.meta.url).pathname;

/** What a CLI run printed and how it exited. */
export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `deskbench ...args` (no API keys from the test's environment unless given), as another user when `as` says. */
export function deskbench(args: readonly string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 120_000, as?: { uid: number; gid: number; cwd: string }): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, OPENAI_API_KEY: '', ANTHROPIC_API_KEY: '', DESKBENCH_DB: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
      ...(as ? { uid: as.uid, gid: as.gid, cwd: as.cwd } : {}),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += String(d)));
    child.stderr.on('data', (d) => (stderr += String(d)));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`deskbench ${args.join(' ')} took over ${timeoutMs} ms\n${stderr}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
