/**
 * The files a files.list call finds, in its order: by testing every file (the definition),
 * or from the base's indexes plus this trial's changes. Both give the same files in the same
 * order (test/services/drive/file-index.test.ts holds them equal over the real base before
 * and after random writes).
 */
import type { Workspace } from '../../core/index.ts';
import { ancestorIds, effectiveRole, type Principal } from './access.ts';
import { fileIndexOf, orderedFiles, type DriveFileIndex } from './file-index.ts';
import { C, type DriveFile, type DrivePermission } from './model.ts';
import { isRootId } from './ops/common.ts';
import { fileComparator } from './order.ts';
import { QueryContext, evaluate } from './query/evaluate.ts';
import { candidateFiles } from './query/narrow.ts';
import type { QueryNode } from './query/parse.ts';
import { FOUND, searchVisibility } from './search-visibility.ts';
import { trialFileChanges } from './trial-changes.ts';

/** One files.list search, its parameters checked. */
export interface FileSearch {
  /** The parsed `q` (with `'root'` resolved), or undefined for every file. */
  readonly node: QueryNode | undefined;
  readonly who: Principal;
  readonly orderBy: string | undefined;
  readonly corpora: string;
  readonly driveId: string | undefined;
  readonly allDrives: boolean;
  /**
   * How many files the caller needs from the front of the order (the page's end plus one,
   * to know whether a next page exists); the indexed search may stop there.
   */
  readonly needed: number;
}

/** Sort keys that all order by modifiedTime, newest first: the order the index keeps. */
const NEWEST_KEYS = new Set(['modifiedTime', 'modifiedByMeTime', 'recency', 'sharedWithMeTime']);

/** True when `orderBy` sorts exactly like the default (modifiedTime desc, then id). */
export function isDefaultOrder(orderBy: string | undefined): boolean {
  const spec = (orderBy ?? 'modifiedTime desc').split(',').map((s) => s.trim()).filter(Boolean);
  return spec.every((s) => {
    const [key, dir, extra] = s.split(/\s+/);
    return extra === undefined && key !== undefined && NEWEST_KEYS.has(key) && dir?.toLowerCase() === 'desc';
  });
}

function inCorpus(f: DriveFile, s: FileSearch): boolean {
  if (isRootId(f.id)) return false;
  if (f.driveId) return s.allDrives && (s.corpora === 'drive' ? f.driveId === s.driveId : s.corpora === 'allDrives');
  return s.corpora !== 'drive';
}

/** Tests one live file against the whole search: corpus, the caller's search visibility, the query. */
function matchesLive(ws: Workspace, qctx: QueryContext, f: DriveFile, s: FileSearch): boolean {
  if (!inCorpus(f, s)) return false;
  if (effectiveRole(ws, f, s.who, true) === undefined) return false;
  let holders: string[] | undefined;
  return !s.node || evaluate(s.node, qctx, f, () => (holders ??= [f.id, ...ancestorIds(ws, f)]));
}

/** Every file the search finds, sorted: each live file tested (the definition the index is held to). */
export function scanFiles(ws: Workspace, s: FileSearch): DriveFile[] {
  const qctx = new QueryContext(ws, s.who);
  const hits: DriveFile[] = [];
  for (const f of ws.collection<DriveFile>(C.files).values()) {
    ws.spend(1);
    if (matchesLive(ws, qctx, f, s)) hits.push(f);
  }
  return hits.sort(fileComparator(s.orderBy));
}

/**
 * The files the search finds from an index of the base: candidates from the narrowest list
 * the query allows, the caller's visibility read from the base's view, and this trial's
 * changes tested one by one, merged in the search's order; it stops after `s.needed` files.
 */
export function indexedFiles(ws: Workspace, index: DriveFileIndex, s: FileSearch): DriveFile[] {
  const view = searchVisibility(index, ws.collection<DrivePermission>(C.permissions).baseMap(), s.who);
  const changes = trialFileChanges(ws, index, view, s.who);
  const qctx = new QueryContext(ws, s.who);
  const cmp = fileComparator(s.orderBy);
  const live: DriveFile[] = [];
  for (const f of changes.live) {
    ws.spend(1);
    if (matchesLive(ws, qctx, f, s)) live.push(f);
  }
  live.sort(cmp);
  const candidates = candidateFiles(s.node, index, view, s.who);
  const baseMatch = (i: number): DriveFile | undefined => {
    ws.spend(1);
    const f = index.files[i]!;
    if (view.state[i] !== FOUND || changes.shadowed.has(f.id) || !inCorpus(f, s)) return undefined;
    let holders: string[] | undefined;
    return !s.node || evaluate(s.node, qctx, f, () => (holders ??= [f.id, ...ancestorIds(ws, f)])) ? f : undefined;
  };
  // Base candidates in the search's order: ascending ordinals are the default order; any other
  // order comes from the base's sorted copy (the whole of it, or the candidates by their rank).
  let sequence = candidates;
  if (!isDefaultOrder(s.orderBy)) {
    const ordered = orderedFiles(index, s.orderBy!);
    sequence = candidates === index.all ? ordered.order : Int32Array.from(candidates).sort((a, b) => ordered.rank[a]! - ordered.rank[b]!);
  }
  // Both streams are in the search's order: merge them, stopping once enough are found.
  const out: DriveFile[] = [];
  let l = 0;
  for (let c = 0; c < sequence.length && out.length < s.needed; c++) {
    const f = baseMatch(sequence[c]!);
    if (!f) continue;
    while (l < live.length && out.length < s.needed && cmp(live[l]!, f) < 0) out.push(live[l++]!);
    if (out.length < s.needed) out.push(f);
  }
  while (l < live.length && out.length < s.needed) out.push(live[l++]!);
  return out;
}

/** The files a search finds, in order: from the base's index when it has one, by a scan otherwise. */
export function searchFiles(ws: Workspace, s: FileSearch): DriveFile[] {
  const index = fileIndexOf(ws.collection<DriveFile>(C.files));
  return index ? indexedFiles(ws, index, s) : scanFiles(ws, s);
}
