/**
 * A command agent's folders for one trial: a fresh working folder the agent owns (mode 0700),
 * a private folder only the harness reads (plan, sockets, the sandbox root), and a read-only
 * folder with the small programs the agent may run (the MCP stdio relay). Removed afterwards.
 */
import { chmodSync, chownSync, closeSync, constants, fstatSync, lstatSync, mkdirSync, mkdtempSync, openSync, readdirSync, readSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** The folders of one trial. */
export interface TrialFolder {
  readonly base: string;
  /** The agent's working folder and HOME (same path inside and outside the sandbox). */
  readonly work: string;
  /** Harness-only: plan, control and gateway sockets, the sandbox root. */
  readonly private: string;
  /** Read-only programs for the agent. */
  readonly bin: string;
  /** An empty file used to cover hidden files. */
  readonly emptyFile: string;
  /** The folder that becomes the agent's `/` in the sandbox. */
  readonly root: string;
}

/** Creates the folders (base and private 0700, bin 0755, work 0700). */
export function createTrialFolder(): TrialFolder {
  const base = mkdtempSync(join(tmpdir(), 'deskbench-trial-'));
  chmodSync(base, 0o700);
  const work = join(base, 'work');
  const priv = join(base, 'private');
  const bin = join(base, 'bin');
  const root = join(priv, 'root');
  mkdirSync(work, { mode: 0o700 });
  mkdirSync(priv, { mode: 0o700 });
  mkdirSync(root, { mode: 0o700 });
  mkdirSync(bin, { mode: 0o755 });
  const emptyFile = join(priv, 'empty');
  writeFileSync(emptyFile, '', { mode: 0o444 });
  return { base, work, private: priv, bin, emptyFile, root };
}

/** Writes a file inside the working folder (parents created). */
export function writeWorkFile(work: string, rel: string, text: string): string {
  const path = join(work, rel);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, text, { mode: 0o600 });
  return path;
}

/** Hands the working folder and everything in it to the agent user (symlinks are not followed). */
export function giveTo(path: string, uid: number, gid: number, depth = 0): void {
  if (depth > 32) return;
  const st = lstatSync(path);
  if (st.isSymbolicLink()) return;
  chownSync(path, uid, gid);
  if (st.isDirectory()) for (const name of readdirSync(path)) giveTo(join(path, name), uid, gid, depth + 1);
}

/**
 * Reads a file the agent wrote (`rel` inside its working folder), as the harness (possibly
 * root) may: never through a symlink at any level, only a regular file, at most `maxBytes`.
 * Called once the agent's processes have all ended, so nothing can swap a folder meanwhile.
 * Undefined when there is none or it is not plain.
 */
export function readAgentFile(work: string, rel: string, maxBytes: number): { text: string; truncated: boolean } | undefined {
  const parts = rel.split('/');
  let dir = work;
  for (const part of parts.slice(0, -1)) {
    dir = join(dir, part);
    try {
      if (!lstatSync(dir).isDirectory()) return undefined;
    } catch {
      return undefined;
    }
  }
  const path = join(work, rel);
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch {
    return undefined;
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return undefined;
    const size = Math.min(st.size, maxBytes);
    const buf = Buffer.alloc(size);
    let off = 0;
    while (off < size) {
      const n = readSync(fd, buf, off, size - off, off);
      if (n <= 0) break;
      off += n;
    }
    return { text: buf.subarray(0, off).toString('utf8'), truncated: st.size > maxBytes };
  } finally {
    closeSync(fd);
  }
}

/** Gives the owner back the right to list and delete in every folder the agent left (it may have locked some). */
function unlock(path: string, depth = 0): void {
  if (depth > 64) return;
  try {
    const st = lstatSync(path);
    if (!st.isDirectory()) return;
    chmodSync(path, 0o700);
    for (const name of readdirSync(path)) unlock(join(path, name), depth + 1);
  } catch {
    // gone, or not ours: rm reports what is left
  }
}

/**
 * Removes the trial's folders (the sandbox's mounts lived in its own namespace and are gone).
 * Never throws: what the agent left cannot fail a trial; a folder that resists is reported.
 */
export function removeTrialFolder(f: TrialFolder, warn: (message: string) => void = (m) => void process.stderr.write(`deskbench: ${m}\n`)): void {
  try {
    rmSync(f.base, { recursive: true, force: true, maxRetries: 3 });
  } catch {
    unlock(f.base);
    try {
      rmSync(f.base, { recursive: true, force: true, maxRetries: 3 });
    } catch (e) {
      warn(`could not remove the trial folder ${f.base}: ${(e as Error).message}`);
    }
  }
}
