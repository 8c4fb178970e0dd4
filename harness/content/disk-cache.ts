/**
 * Written documents kept on disk between processes. Writing needs the content worker and
 * its libraries (a second or more to start), while the base workspace and task seeds write
 * the same documents in every process; reading a few kilobytes back keeps the base build
 * as fast as it was. Keyed by the spec, the date and the writer libraries' versions, so an
 * upgrade writes afresh. Files are written whole under a temporary name and renamed, so a
 * concurrent reader sees either nothing or the complete file; anything unreadable is
 * simply written again. `DESKBENCH_CONTENT_CACHE` names another folder, or `off`.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, sep } from 'node:path';
import { z } from 'zod';

const require = createRequire(import.meta.url);
const WRITERS = ['pdfkit', 'docx', 'exceljs', 'fflate'] as const;
const CacheEnv = z.string().max(4096).optional();

let folder: string | null | undefined;
let versions: string | undefined;

/** The cache folder, or null when caching is off or no folder can be had. */
function cacheFolder(): string | null {
  if (folder !== undefined) return folder;
  const env = CacheEnv.safeParse(process.env.DESKBENCH_CONTENT_CACHE);
  const given = env.success ? env.data : undefined;
  if (given === 'off') return (folder = null);
  try {
    // Beside the installed libraries, as build tools keep theirs (node_modules/.cache).
    folder = given && given !== '' ? given : join(modulesFolder(), '.cache', 'deskbench-content');
    mkdirSync(folder, { recursive: true });
  } catch {
    folder = null;
  }
  return folder;
}

/** The node_modules folder the writer libraries are installed in. */
function modulesFolder(): string {
  const main = require.resolve('pdfkit');
  const at = main.lastIndexOf(`${sep}node_modules${sep}`);
  if (at < 0) throw new Error('pdfkit is not under a node_modules folder');
  return main.slice(0, at + sep.length + 'node_modules'.length);
}

/** The writer libraries' versions, part of every key. */
function writerVersions(): string {
  if (versions !== undefined) return versions;
  versions = WRITERS.map((name) => {
    try {
      return `${name}@${(JSON.parse(readFileSync(join(modulesFolder(), name, 'package.json'), 'utf8')) as { version?: string }).version ?? '?'}`;
    } catch {
      return `${name}@?`;
    }
  }).join(',');
  return versions;
}

/** The file a key is kept in. */
function pathOf(dir: string, key: string): string {
  return join(dir, `${createHash('sha256').update(writerVersions()).update('\n').update(key).digest('hex')}.bin`);
}

/** The bytes kept under `key`, if any. */
export function cachedDocument(key: string): Buffer | undefined {
  const dir = cacheFolder();
  if (!dir) return undefined;
  try {
    const bytes = readFileSync(pathOf(dir, key));
    return bytes.length > 0 ? bytes : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps `bytes` under `key` (best effort: a read-only disk only means no cache). */
export function keepDocument(key: string, bytes: Buffer): void {
  const dir = cacheFolder();
  if (!dir) return;
  const path = pathOf(dir, key);
  const temp = `${path}.${process.pid}.${Math.floor(performance.now() * 1000)}.tmp`;
  try {
    writeFileSync(temp, bytes);
    renameSync(temp, path);
  } catch {
    // Nothing to do: the next process writes it again.
  }
}
