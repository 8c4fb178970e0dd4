/**
 * The sandbox supervisor: runs as root inside the agent's fresh mount, network and PID
 * namespaces (started by `unshare`), builds the agent's root from the plan, opens the relays
 * to the harness, starts the agent as the unprivileged user and reports on a control socket.
 * It is PID 1 of the namespace: when it exits, the kernel kills every process left in it.
 *
 * Usage (by the harness only): `supervisor.ts <plan.json> <control.sock>`.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { constants } from 'node:os';
import { dirname } from 'node:path';
import { SupervisorPlan, type MountStep } from './plan.ts';

/** Exit status when the sandbox could not be built (the agent never ran). */
export const SETUP_FAILED = 125;

function mount(args: string[]): void {
  execFileSync('mount', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

function ensureMountPoint(path: string, kind: 'dir' | 'file'): void {
  if (kind === 'dir') {
    mkdirSync(path, { recursive: true });
  } else {
    mkdirSync(dirname(path), { recursive: true });
    if (!existsSync(path)) writeFileSync(path, '');
  }
}

/** Carries out one mount step (see plan.ts for their order and meaning). */
function runStep(s: MountStep): void {
  switch (s.op) {
    case 'tmpfs':
      ensureMountPoint(s.path, 'dir');
      mount(['-t', 'tmpfs', '-o', `mode=${s.mode},size=${s.sizeMb}m,nosuid,nodev${s.readOnly ? ',ro' : ''}`, 'tmpfs', s.path]);
      return;
    case 'bind':
      ensureMountPoint(s.path, s.kind);
      mount(['--bind', s.source, s.path]);
      // A bind mount takes its flags only from a remount.
      if (s.readOnly) mount(['-o', 'remount,bind,ro,nosuid,nodev', s.path]);
      else if (!s.source.startsWith('/dev/')) mount(['-o', 'remount,bind,nosuid,nodev', s.path]);
      return;
    case 'symlink':
      mkdirSync(dirname(s.path), { recursive: true });
      symlinkSync(s.target, s.path);
      return;
    case 'proc':
      ensureMountPoint(s.path, 'dir');
      mount(['-t', 'proc', '-o', 'nosuid,nodev,noexec', 'proc', s.path]);
      return;
    case 'remount-ro':
      mount(['-o', 'remount,ro', s.path]);
      return;
  }
}

function relay(port: number, socketPath: string): Promise<Server> {
  const server = createServer((inside: Socket) => {
    const outside = connect(socketPath);
    const end = () => {
      inside.destroy();
      outside.destroy();
    };
    inside.on('error', end);
    outside.on('error', end);
    inside.pipe(outside);
    outside.pipe(inside);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

async function main(): Promise<void> {
  const [planFile, controlPath] = process.argv.slice(2);
  if (!planFile || !controlPath) {
    process.stderr.write('deskbench sandbox: usage: supervisor <plan.json> <control.sock>\n');
    process.exit(SETUP_FAILED);
  }
  const control = connect(controlPath);
  await new Promise<void>((resolve, reject) => {
    control.once('connect', resolve);
    control.once('error', reject);
  });
  const report = (event: Record<string, unknown>) => control.write(`${JSON.stringify(event)}\n`);
  let agent: ChildProcess | undefined;
  const killAll = (code: number) => {
    if (agent?.pid) {
      try {
        process.kill(-agent.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    process.exit(code);
  };
  // The harness went away (crashed, killed): nothing may outlive it.
  control.on('close', () => killAll(SETUP_FAILED));
  control.on('error', () => killAll(SETUP_FAILED));
  let plan: SupervisorPlan;
  try {
    plan = SupervisorPlan.parse(JSON.parse(readFileSync(planFile, 'utf8')));
    execFileSync('ip', ['link', 'set', 'lo', 'up'], { stdio: ['ignore', 'ignore', 'pipe'] });
    for (const step of plan.steps) runStep(step);
    for (const f of plan.forwards) await relay(f.port, f.socket);
  } catch (e) {
    const err = e as Error & { stderr?: Buffer };
    const detail = err.stderr?.length ? `: ${String(err.stderr).trim().slice(0, 500)}` : '';
    report({ event: 'error', message: `${err.message.split('\n')[0]}${detail}` });
    control.end(() => process.exit(SETUP_FAILED));
    return;
  }
  // chroot resets the working directory to `/`; `env --chdir` (run as the agent, after the
  // privileges are dropped) makes the working folder the agent's. The control socket and the
  // relays are close-on-exec (libuv opens them so): the agent inherits only stdin, stdout, stderr.
  const l = plan.launcher;
  // prlimit runs as the agent, lowering its own limit: a fork bomb stops at maxProcesses.
  const limit = l.prlimit ? [l.prlimit, `--nproc=${plan.maxProcesses}`, '--'] : [];
  agent = spawn(l.chroot, [
    plan.root, l.setpriv, '--reuid', String(plan.uid), '--regid', String(plan.gid), '--clear-groups', '--no-new-privs',
    '--inh-caps=-all', '--bounding-set=-all', '--', ...limit, l.env, `--chdir=${plan.workdir}`, '--', ...plan.argv,
  ], { env: plan.env, stdio: 'inherit', detached: true });
  agent.once('error', (e) => {
    report({ event: 'error', message: `cannot start the agent: ${e.message}` });
    control.end(() => process.exit(SETUP_FAILED));
  });
  agent.once('spawn', () => report({ event: 'started' }));
  agent.once('exit', (code, signal) => {
    report({ event: 'exit', code, signal });
    control.end(() => process.exit(code ?? 128 + (signal ? signalNumber(signal) : 0)));
  });
  let buffer = '';
  control.on('data', (d) => {
    buffer += String(d);
    if (buffer.length > 4096) buffer = buffer.slice(-4096);
    let i;
    while ((i = buffer.indexOf('\n')) >= 0) {
      const cmd = buffer.slice(0, i).trim();
      buffer = buffer.slice(i + 1);
      if (!agent?.pid) continue;
      try {
        if (cmd === 'term') process.kill(-agent.pid, 'SIGTERM');
        else if (cmd === 'kill') killAll(137);
      } catch {
        // the group is already gone
      }
    }
  });
  process.on('SIGTERM', () => {
    try {
      if (agent?.pid) process.kill(-agent.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  });
}

function signalNumber(signal: NodeJS.Signals): number {
  const n = constants.signals[signal];
  return typeof n === 'number' ? n : 0;
}

main().catch((e: unknown) => {
  process.stderr.write(`deskbench sandbox: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(SETUP_FAILED);
});
