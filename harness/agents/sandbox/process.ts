/**
 * Starting and ending a command agent's processes: plainly (its own process group) or inside
 * the sandbox (unshare + the supervisor, PID 1 of its own namespace). Either way a stop is
 * SIGTERM to the agent's process group, a grace period, then SIGKILL of everything it started.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { SupervisorPlan } from './plan.ts';
import type { SandboxPrograms } from './probe.ts';
import { supervisorEntry } from './supervisor-bundle.ts';

/** How a command agent's process ended. */
export type ProcessEnd =
  | { readonly kind: 'exited'; readonly code: number | null; readonly signal: string | null }
  | { readonly kind: 'unstartable'; readonly message: string };

/** A running command agent. */
export interface AgentProcess {
  readonly stdin: Writable;
  readonly stdout: Readable;
  readonly stderr: Readable;
  /** Resolves once the agent and everything it started have ended. */
  readonly done: Promise<ProcessEnd>;
  /** SIGTERM to the agent's process group; after `graceMs`, SIGKILL to all of it. Resolves when it has ended. */
  stop(graceMs: number): Promise<ProcessEnd>;
}

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (!pid) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is already gone
  }
}

function stopper(done: Promise<ProcessEnd>, term: () => void, kill: () => void): (graceMs: number) => Promise<ProcessEnd> {
  let stopping: Promise<ProcessEnd> | undefined;
  return (graceMs) => {
    stopping ??= (async () => {
      term();
      let timer: NodeJS.Timeout | undefined;
      const graceOver = new Promise<'grace'>((resolve) => (timer = setTimeout(() => resolve('grace'), graceMs)));
      const first = await Promise.race([done, graceOver]);
      clearTimeout(timer);
      if (first === 'grace') kill();
      return done;
    })();
    return stopping;
  };
}

/**
 * Starts `argv` as the harness's own user in a new process group (`--no-sandbox`). Nothing
 * but the environment is restricted; a child that leaves the group (setsid) escapes the stop.
 */
export function startPlain(argv: readonly string[], o: { cwd: string; env: Record<string, string> }): AgentProcess {
  const child = spawn(argv[0]!, argv.slice(1), { cwd: o.cwd, env: o.env, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
  const done = new Promise<ProcessEnd>((resolve) => {
    child.once('error', (e) => resolve({ kind: 'unstartable', message: e.message }));
    child.once('exit', (code, signal) => {
      // Whatever the agent left running in its group goes with it.
      killGroup(child.pid, 'SIGKILL');
      resolve({ kind: 'exited', code, signal });
    });
  });
  return {
    stdin: child.stdin!, stdout: child.stdout!, stderr: child.stderr!, done,
    stop: stopper(done, () => killGroup(child.pid, 'SIGTERM'), () => killGroup(child.pid, 'SIGKILL')),
  };
}

/** What `startSandboxed` needs besides the plan. */
export interface SandboxedStart {
  readonly plan: Omit<SupervisorPlan, 'launcher'>;
  /** The trial's private folder (root only): plan file and control socket go there. */
  readonly privateDir: string;
  readonly programs: SandboxPrograms;
}

/**
 * Starts the supervisor in new mount, network and PID namespaces; it builds the agent's root
 * and starts the agent (plan.ts, supervisor.ts). The control socket carries the supervisor's
 * reports (`started`, `error`, `exit`) and the harness's `term`; if the harness dies, the
 * socket closes and the supervisor kills everything. `--kill-child` ties the supervisor to
 * `unshare`, so SIGKILL of unshare's group ends the namespace and every process in it.
 */
export async function startSandboxed(s: SandboxedStart): Promise<AgentProcess> {
  const plan: SupervisorPlan = SupervisorPlan.parse({
    ...s.plan,
    launcher: { chroot: s.programs.chroot, setpriv: s.programs.setpriv, env: s.programs.env, ...(s.programs.prlimit ? { prlimit: s.programs.prlimit } : {}) },
  });
  const planFile = join(s.privateDir, 'plan.json');
  writeFileSync(planFile, JSON.stringify(plan), { mode: 0o600 });
  const controlPath = join(s.privateDir, 'control.sock');
  let control: Socket | undefined;
  let setupError: string | undefined;
  let lastExit: { code: number | null; signal: string | null } | undefined;
  const server: Server = createServer((socket) => {
    if (control) return void socket.destroy();
    control = socket;
    let buf = '';
    socket.on('data', (d) => {
      buf += String(d);
      if (buf.length > 64 * 1024) buf = buf.slice(-64 * 1024);
      let i;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        let ev: { event?: unknown; message?: unknown; code?: unknown; signal?: unknown };
        try {
          ev = JSON.parse(line) as typeof ev;
        } catch {
          continue;
        }
        if (ev.event === 'error') setupError = String(ev.message ?? 'sandbox setup failed').slice(0, 1000);
        if (ev.event === 'exit') lastExit = { code: typeof ev.code === 'number' ? ev.code : null, signal: typeof ev.signal === 'string' ? ev.signal : null };
      }
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(controlPath, () => resolve());
  });
  const sup = supervisorEntry();
  const child: ChildProcess = spawn(s.programs.unshare, [
    '--mount', '--net', '--pid', '--fork', '--kill-child', '--propagation', 'private', '--', process.execPath, ...sup.args, planFile, controlPath,
  ], { cwd: sup.cwd, env: { PATH: process.env.PATH ?? '/usr/bin:/bin' }, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
  const done = new Promise<ProcessEnd>((resolve) => {
    child.once('error', (e) => resolve({ kind: 'unstartable', message: `cannot start the sandbox: ${e.message}` }));
    child.once('exit', (code, signal) => {
      killGroup(child.pid, 'SIGKILL');
      server.close();
      control?.destroy();
      if (setupError !== undefined) resolve({ kind: 'unstartable', message: `sandbox: ${setupError}` });
      else if (lastExit) resolve({ kind: 'exited', ...lastExit });
      else resolve({ kind: 'exited', code, signal });
    });
  });
  return {
    stdin: child.stdin!, stdout: child.stdout!, stderr: child.stderr!, done,
    stop: stopper(done, () => {
      if (control && !control.destroyed) control.write('term\n');
      else killGroup(child.pid, 'SIGKILL');
    }, () => killGroup(child.pid, 'SIGKILL')),
  };
}
