/**
 * Starts one of the benchmarks' scripted model servers in a child process (its CPU is the model
 * API's, not the harness's) and waits for the `URL <base>` line it prints when listening.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** A running model server: its base URL, and how to stop it. */
export interface ModelServerProcess {
  readonly baseUrl: string;
  /** Asks the server for its `STATS <json>` line (SIGUSR2), for servers that print one; resolves with the parsed JSON. */
  stats(): Promise<unknown>;
  close(): void;
}

/** Runs `bench/support/<script>` with `args` under tsx; rejects if it exits before listening. */
export async function spawnModelServer(script: string, args: readonly string[]): Promise<ModelServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, script), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const waiting: Array<(line: string) => void> = [];
  const baseUrl = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d) => {
      out += String(d);
      const m = /URL (\S+)/.exec(out);
      if (m) resolve(m[1]!);
      // Whole `STATS` lines go to whoever asked, in order; everything before them is dropped.
      for (let nl = out.indexOf('\n'); nl >= 0; nl = out.indexOf('\n')) {
        const line = out.slice(0, nl);
        out = out.slice(nl + 1);
        if (line.startsWith('STATS ')) waiting.shift()?.(line.slice(6));
      }
    });
    child.on('exit', (code) => reject(new Error(`model server exited with ${code}`)));
  });
  return {
    baseUrl,
    stats: () => new Promise((resolve) => {
      waiting.push((line) => resolve(JSON.parse(line) as unknown));
      child.kill('SIGUSR2');
    }),
    close: () => void child.kill('SIGTERM'),
  };
}
