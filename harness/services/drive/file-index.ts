/**
 * Indexes over a drive's base files: every file in files.list's default order (modifiedTime
 * newest first, then id), and by parent, owner, MIME type, shared drive, starred and trashed.
 * Built once per base (harness/services/index-policy.ts) and shared by every trial of it,
 * never written: lists are ordinals into `files`, ascending, so each is already in the
 * default order and a page is read from the front. A trial's own changes are applied at
 * each call from the collection's overlay (trial-changes.ts).
 */
import { appendTo, remember, type Collection } from '../../core/index.ts';
import { indexOnDemand } from '../index-policy.ts';
import type { DriveFile } from './model.ts';
import { fileComparator } from './order.ts';

/** The index of one base map of files. */
export interface DriveFileIndex {
  /** The base map it was built from. */
  readonly base: ReadonlyMap<string, DriveFile>;
  /** Every base file, in the default order. */
  readonly files: readonly DriveFile[];
  /** Position of each base file in `files`. */
  readonly ordinal: ReadonlyMap<string, number>;
  /** 0 … n−1. */
  readonly all: Int32Array;
  /** By first parent id (the one the ancestor walk follows). */
  readonly children: ReadonlyMap<string, Int32Array>;
  /** By lower-cased owner address. */
  readonly byOwner: ReadonlyMap<string, Int32Array>;
  readonly byMime: ReadonlyMap<string, Int32Array>;
  /** By shared drive id. */
  readonly byDrive: ReadonlyMap<string, Int32Array>;
  readonly starred: Int32Array;
  readonly trashed: Int32Array;
  readonly notTrashed: Int32Array;
}

/** The empty ordinal list. */
export const NO_FILES = new Int32Array(0);

const indexes = new WeakMap<ReadonlyMap<string, DriveFile>, DriveFileIndex>();

/**
 * Whether Drive reads may use base indexes at all. Always on in the product; benchmarks turn
 * it off to time the scan the indexes replace, in the same process and on the same base.
 */
export const driveIndexing = { enabled: true };

function groupBy(files: readonly DriveFile[], key: (f: DriveFile) => string | undefined): Map<string, Int32Array> {
  const groups = new Map<string, number[]>();
  files.forEach((f, i) => {
    const k = key(f);
    if (k === undefined) return;
    appendTo(groups, k, i);
  });
  const out = new Map<string, Int32Array>();
  for (const [k, g] of groups) out.set(k, Int32Array.from(g));
  return out;
}

function where(files: readonly DriveFile[], test: (f: DriveFile) => boolean): Int32Array {
  const out: number[] = [];
  files.forEach((f, i) => {
    if (test(f)) out.push(i);
  });
  return Int32Array.from(out);
}

/** The default order (fileComparator(undefined): modifiedTime newest first, then id), without its per-key dispatch. */
function newestFirst(a: DriveFile, b: DriveFile): number {
  if (a.modifiedTime !== b.modifiedTime) return a.modifiedTime < b.modifiedTime ? 1 : -1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Builds the index of a base map (O(n log n)). */
export function buildFileIndex(base: ReadonlyMap<string, DriveFile>): DriveFileIndex {
  const files = [...base.values()].sort(newestFirst);
  const ordinal = new Map<string, number>();
  files.forEach((f, i) => ordinal.set(f.id, i));
  return {
    base, files, ordinal,
    all: Int32Array.from(files, (_, i) => i),
    children: groupBy(files, (f) => f.parents[0]),
    byOwner: groupBy(files, (f) => f.ownerEmail.toLowerCase()),
    byMime: groupBy(files, (f) => f.mimeType),
    byDrive: groupBy(files, (f) => f.driveId),
    starred: where(files, (f) => f.starred),
    trashed: where(files, (f) => f.trashed),
    notTrashed: where(files, (f) => !f.trashed),
  };
}

/**
 * The index of a files collection's base, or undefined while the base is small and read too
 * rarely to pay for one (then files.list scans).
 */
export function fileIndexOf(col: Collection<DriveFile>): DriveFileIndex | undefined {
  if (!driveIndexing.enabled) return undefined;
  const base = col.baseMap();
  return indexOnDemand(indexes, base, () => buildFileIndex(base));
}

/** Base files in another `orderBy`'s order, and each ordinal's rank in it. */
export interface OrderedFiles {
  /** Ordinals sorted by the order's comparator. */
  readonly order: Int32Array;
  /** `rank[ordinal]`: its position in `order`. */
  readonly rank: Int32Array;
}

/** Orders remembered per base before the cache starts over (each costs 8 bytes a file). */
const MAX_ORDERS = 8;
const orders = new WeakMap<DriveFileIndex, Map<string, OrderedFiles>>();

/**
 * The base files sorted by `orderBy` (built on its first use, O(n log n), then shared). Every
 * sort key is a field of the record, so a base file's place never changes.
 */
export function orderedFiles(index: DriveFileIndex, orderBy: string): OrderedFiles {
  let byOrder = orders.get(index);
  if (!byOrder) orders.set(index, (byOrder = new Map()));
  return remember(byOrder, orderBy, MAX_ORDERS, () => sortFiles(index, orderBy));
}

function sortFiles(index: DriveFileIndex, orderBy: string): OrderedFiles {
  const cmp = fileComparator(orderBy);
  const order = Int32Array.from(index.all).sort((a, b) => cmp(index.files[a]!, index.files[b]!));
  const rank = new Int32Array(order.length);
  order.forEach((ordinal, at) => {
    rank[ordinal] = at;
  });
  return { order, rank };
}
