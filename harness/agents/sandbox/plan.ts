/**
 * The sandbox plan: the filesystem a command agent sees and how it is started, computed in
 * the harness (pure, testable) and carried out by the supervisor inside fresh namespaces.
 */
import { existsSync, lstatSync, readlinkSync } from 'node:fs';
import { dirname, isAbsolute, normalize, sep } from 'node:path';
import { z } from 'zod';

/** System folders shown read-only to every sandboxed agent (programs, libraries, certificates, time zones). */
export const SYSTEM_DIRS = ['/usr', '/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32', '/etc', '/opt'] as const;

/**
 * Files inside the system folders that may hold the machine's secrets without being root-only
 * (`/etc/environment` is where many hosts keep API keys for every login): covered by an empty file.
 */
export const HIDDEN_SYSTEM_FILES = ['/etc/environment'] as const;

/** Device nodes a program expects; nothing else of the host's /dev is visible. */
export const DEVICES = ['null', 'zero', 'full', 'random', 'urandom', 'tty'] as const;

/** One step of building the agent's root, in order. Paths are host paths; `path` is where it appears inside. */
export const MountStep = z.discriminatedUnion('op', [
  z.object({ op: z.literal('tmpfs'), path: z.string(), mode: z.string().regex(/^[0-7]{3,4}$/), sizeMb: z.number().int().positive(), readOnly: z.boolean() }),
  z.object({ op: z.literal('bind'), source: z.string(), path: z.string(), kind: z.enum(['dir', 'file']), readOnly: z.boolean() }),
  z.object({ op: z.literal('symlink'), path: z.string(), target: z.string() }),
  z.object({ op: z.literal('proc'), path: z.string() }),
  z.object({ op: z.literal('remount-ro'), path: z.string() }),
]);
/** One mount step. */
export type MountStep = z.infer<typeof MountStep>;

/** What the supervisor runs: the root it builds, the relays it opens, the agent it starts and as whom. */
export const SupervisorPlan = z.object({
  /** The (empty) folder that becomes the agent's `/`. */
  root: z.string(),
  steps: z.array(MountStep).max(500),
  /** TCP ports on 127.0.0.1 inside the agent's network namespace, each relayed to a unix socket of the harness. */
  forwards: z.array(z.object({ port: z.number().int().min(1).max(65535), socket: z.string() })).max(16),
  uid: z.number().int().positive(),
  gid: z.number().int().positive(),
  /** The agent's working folder (same path inside and outside). */
  workdir: z.string(),
  argv: z.array(z.string()).min(1).max(1000),
  env: z.record(z.string(), z.string()),
  /** Most processes the agent user may have at once (RLIMIT_NPROC, set with prlimit when it is installed). */
  maxProcesses: z.number().int().positive(),
  /** Absolute paths of `chroot` (run outside), `setpriv`, `prlimit` and `env` (run inside: they must lie in a shown system folder). */
  launcher: z.object({ chroot: z.string(), setpriv: z.string(), env: z.string(), prlimit: z.string().optional() }),
});
/** The supervisor's plan. */
export type SupervisorPlan = z.infer<typeof SupervisorPlan>;

/** Inputs of `buildMountSteps`. */
export interface MountInput {
  /** The folder that becomes `/` (inside the trial's private folder). */
  readonly root: string;
  /** The agent's working folder: shown read-write. */
  readonly workdir: string;
  /** Further host paths shown read-only (the definition's `read_only`, a script's folder). */
  readonly readOnly: readonly string[];
  /**
   * Paths never shown even when they sit inside a shown folder: the project checkout, the run
   * store's folder, the harness's working directory, every trial's private folder.
   */
  readonly hidden: readonly string[];
  /** An empty file of the harness used to cover hidden files. */
  readonly emptyFile: string;
  /** Folder-or-file probe (tests pass their own). */
  readonly inspect?: (path: string) => { kind: 'dir' | 'file' | 'symlink'; target?: string } | undefined;
}

/** True when `inner` is `outer` or lies inside it. */
export function within(inner: string, outer: string): boolean {
  const a = normalize(inner);
  const b = normalize(outer).replace(/\/+$/, '') || '/';
  return a === b || a.startsWith(b === '/' ? '/' : b + sep);
}

function hostInspect(path: string): { kind: 'dir' | 'file' | 'symlink'; target?: string } | undefined {
  if (!existsSync(path)) {
    try {
      // A dangling symlink still exists as a link.
      return lstatSync(path).isSymbolicLink() ? { kind: 'symlink', target: readlinkSync(path) } : undefined;
    } catch {
      return undefined;
    }
  }
  const st = lstatSync(path);
  if (st.isSymbolicLink()) return { kind: 'symlink', target: readlinkSync(path) };
  return { kind: st.isDirectory() ? 'dir' : 'file' };
}

/**
 * The ordered mount steps of an agent's root: an empty tmpfs; the system folders bound
 * read-only (merged-/usr symlinks copied as links); hidden paths that fall inside them
 * covered; a fresh /proc (of the agent's own PID namespace), a minimal /dev and an empty
 * /tmp; the working folder read-write; the extra read-only paths; finally the root itself
 * made read-only. Everything not listed does not exist inside.
 */
export function buildMountSteps(m: MountInput): MountStep[] {
  const inspect = m.inspect ?? hostInspect;
  const at = (p: string) => `${m.root}${p}`;
  const steps: MountStep[] = [{ op: 'tmpfs', path: m.root, mode: '0755', sizeMb: 16, readOnly: false }];
  const shown: string[] = [];
  for (const dir of SYSTEM_DIRS) {
    const what = inspect(dir);
    if (!what) continue;
    if (what.kind === 'symlink') {
      steps.push({ op: 'symlink', path: at(dir), target: what.target! });
    } else if (what.kind === 'dir') {
      steps.push({ op: 'bind', source: dir, path: at(dir), kind: 'dir', readOnly: true });
      shown.push(dir);
    }
  }
  const cover = (p: string) => {
    const what = inspect(p);
    if (!what || what.kind === 'symlink') return;
    steps.push(what.kind === 'dir'
      // Writable only by root (the agent is not), so read-only paths under it can still be mounted.
      ? { op: 'tmpfs', path: at(p), mode: '0755', sizeMb: 1, readOnly: false }
      : { op: 'bind', source: m.emptyFile, path: at(p), kind: 'file', readOnly: true });
  };
  for (const p of [...HIDDEN_SYSTEM_FILES, ...m.hidden]) if (shown.some((s) => within(p, s))) cover(p);
  steps.push({ op: 'proc', path: at('/proc') });
  steps.push({ op: 'tmpfs', path: at('/dev'), mode: '0755', sizeMb: 1, readOnly: false });
  for (const d of DEVICES) if (inspect(`/dev/${d}`)) steps.push({ op: 'bind', source: `/dev/${d}`, path: at(`/dev/${d}`), kind: 'file', readOnly: false });
  for (const [name, target] of [['fd', '/proc/self/fd'], ['stdin', '/proc/self/fd/0'], ['stdout', '/proc/self/fd/1'], ['stderr', '/proc/self/fd/2']] as const) {
    steps.push({ op: 'symlink', path: at(`/dev/${name}`), target });
  }
  steps.push({ op: 'tmpfs', path: at('/dev/shm'), mode: '1777', sizeMb: 64, readOnly: false });
  steps.push({ op: 'remount-ro', path: at('/dev') });
  steps.push({ op: 'tmpfs', path: at('/tmp'), mode: '1777', sizeMb: 512, readOnly: false });
  steps.push({ op: 'bind', source: m.workdir, path: at(m.workdir), kind: 'dir', readOnly: false });
  for (const p of m.readOnly) {
    if (shown.some((s) => within(p, s)) && !m.hidden.some((h) => within(p, h))) continue;
    const what = inspect(p);
    if (!what || what.kind === 'symlink') continue;
    steps.push({ op: 'bind', source: p, path: at(p), kind: what.kind, readOnly: true });
  }
  steps.push({ op: 'remount-ro', path: m.root });
  return steps;
}

/** Checks a path given for the sandbox is absolute and plain (no `..` segments after normalising). */
export function plainAbsolute(p: string): boolean {
  return isAbsolute(p) && normalize(p) === p.replace(/\/+$/, '') && !p.split('/').includes('..') && p !== '/' && dirname(p) !== p;
}
