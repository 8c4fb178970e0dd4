/**
 * Whether this machine can sandbox command agents: root, Linux, the util-linux tools, and
 * namespaces the kernel lets us create (a container without CAP_SYS_ADMIN cannot). Probed
 * once per process by creating them, not by guessing from versions.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { join } from 'node:path';
import { SYSTEM_DIRS, within } from './plan.ts';

/** Programs the sandbox runs, by absolute path. */
export interface SandboxPrograms {
  readonly unshare: string;
  readonly chroot: string;
  readonly setpriv: string;
  readonly env: string;
  readonly mount: string;
  readonly ip: string;
  /** util-linux `prlimit`, for the process limit; the sandbox runs without that limit when it is missing. */
  readonly prlimit?: string;
}

/** The probe's verdict: usable (with the programs found) or not (with the reason). */
export type SandboxSupport = { readonly ok: true; readonly programs: SandboxPrograms } | { readonly ok: false; readonly reason: string };

/** Where programs are looked for besides $PATH (root's sbin folders are often missing from a user's PATH). */
const SYSTEM_PATH = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

/** The absolute path of an executable on $PATH or in the system folders; undefined when none. */
export function findExecutable(name: string, path: string | undefined = process.env.PATH): string | undefined {
  const dirs = [...(path ?? '').split(':').filter((d) => d.startsWith('/')), ...SYSTEM_PATH];
  for (const d of dirs) {
    const p = join(d, name);
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      // not here
    }
  }
  return undefined;
}

let cached: SandboxSupport | undefined;

/** Probes once per process (about 10 ms); `fresh` probes again (tests). */
export function sandboxSupport(fresh = false): SandboxSupport {
  if (cached && !fresh) return cached;
  cached = probe();
  return cached;
}

function probe(): SandboxSupport {
  if (process.platform !== 'linux') return { ok: false, reason: `the sandbox needs Linux namespaces; this is ${process.platform}` };
  if (process.getuid?.() !== 0) {
    return { ok: false, reason: 'the sandbox needs root: it creates the unprivileged agent user and the namespaces the agent runs in' };
  }
  const found: Partial<Record<keyof SandboxPrograms, string>> = {};
  for (const name of ['unshare', 'chroot', 'setpriv', 'env', 'mount', 'ip'] as const) {
    const p = findExecutable(name);
    if (!p) return { ok: false, reason: `the sandbox needs the program "${name}" (util-linux, coreutils, iproute2), which is not installed` };
    found[name] = p;
  }
  const prlimit = findExecutable('prlimit');
  const programs: SandboxPrograms = { ...(found as SandboxPrograms), ...(prlimit && SYSTEM_DIRS.some((d) => within(prlimit, d)) ? { prlimit } : {}) };
  for (const inside of [programs.setpriv, programs.env]) {
    if (!SYSTEM_DIRS.some((d) => within(inside, d))) return { ok: false, reason: `${inside} lies outside the system folders the agent sees` };
  }
  const r = spawnSync(programs.unshare, ['--mount', '--net', '--pid', '--fork', '--propagation', 'private', '--', programs.ip, 'link', 'set', 'lo', 'up'], {
    encoding: 'utf8', timeout: 10_000,
  });
  if (r.status !== 0) {
    const why = (r.stderr || r.error?.message || `exit ${r.status}`).trim().split('\n')[0];
    return { ok: false, reason: `this machine does not let deskbench create mount, network and PID namespaces (${why}); containers without CAP_SYS_ADMIN cannot` };
  }
  return { ok: true, programs };
}
