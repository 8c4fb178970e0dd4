/**
 * Starts one of the benchmarks' scripted model servers in a child process (its CPU is the model
 * API's, not the harness's) and waits for the `URL <base>` line it prints when listening.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** A running model server: its base URL, and how to stop it. */
export interface ModelServerProcess {
  readonly baseUrl: string;
  close(): void;
}

/** Runs `bench/support/<script>` with `args` under tsx; rejects if it exits before listening. */
export async function spawnModelServer(script: string, args: readonly string[]): Promise<ModelServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, script), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const baseUrl = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += String(d);
      const m = /URL (\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.on('exit', (code) => reject(new Error(`model server exited with ${code}`)));
  });
  return { baseUrl, close: () => void child.kill('SIGTERM') };
}
