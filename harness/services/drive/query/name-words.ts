/**
 * A word index over base file names for `name contains '…'`. Drive matches `contains` on a
 * name at the start of a word (query/evaluate.ts, wordPrefixMatch: the needle, lower-cased,
 * must start where the name's lower-cased text starts or follows a character that is not a
 * letter or digit). A match therefore starts a run of letters and digits in the name that
 * begins with the needle's own leading run, so the files whose names hold a word with that
 * prefix are a superset of the matches; evaluate still tests each of them.
 */
import { appendTo, remember } from '../../../core/index.ts';
import { unionOfSorted } from '../../sorted-ints.ts';
import type { DriveFileIndex } from '../file-index.ts';

/** Sorted distinct words and each word's files (ordinals, ascending). */
interface NameWords {
  readonly words: readonly string[];
  readonly files: ReadonlyMap<string, Int32Array>;
  /** Unions per needle prefix, kept for the next call (bounded). */
  readonly unions: Map<string, Int32Array>;
}

const MAX_CACHED_UNIONS = 256;
const ALNUM = /[\p{L}\p{N}]/u;
const byIndex = new WeakMap<DriveFileIndex, NameWords>();

/** True for a UTF-16 code unit that is a letter or digit (a lone surrogate is not), as wordPrefixMatch tests. */
function isWordChar(unit: string): boolean {
  const c = unit.charCodeAt(0);
  // ASCII answered without the Unicode regex: the same answer, several times faster.
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
  return ALNUM.test(unit);
}

/** The runs of letters and digits in lower-cased `name` that start where a match may start. */
export function nameWords(name: string): string[] {
  const h = name.toLowerCase();
  const out: string[] = [];
  let i = 0;
  while (i < h.length) {
    if (!isWordChar(h[i]!)) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < h.length && isWordChar(h[j]!)) j++;
    out.push(h.slice(i, j));
    i = j;
  }
  return out;
}

function wordsOf(index: DriveFileIndex): NameWords {
  const hit = byIndex.get(index);
  if (hit) return hit;
  const groups = new Map<string, number[]>();
  index.files.forEach((f, i) => {
    for (const w of new Set(nameWords(f.name))) {
      appendTo(groups, w, i);
    }
  });
  const files = new Map<string, Int32Array>();
  for (const [w, g] of groups) files.set(w, Int32Array.from(g));
  const out: NameWords = { words: [...groups.keys()].sort(), files, unions: new Map() };
  byIndex.set(index, out);
  return out;
}

/**
 * Base files (ordinals, ascending) whose names could match `name contains needle`, or
 * undefined when the needle cannot narrow (empty, or starting with a character that is not a
 * letter or digit).
 */
export function nameCandidates(index: DriveFileIndex, needle: string): Int32Array | undefined {
  const n = needle.toLowerCase().trim();
  let lead = 0;
  while (lead < n.length && isWordChar(n[lead]!)) lead++;
  if (lead === 0) return undefined;
  const prefix = n.slice(0, lead);
  const nw = wordsOf(index);
  return remember(nw.unions, prefix, MAX_CACHED_UNIONS, () => unionFor(nw, prefix));
}

/** The union of the file lists of every name word that starts with `prefix`. */
function unionFor(nw: NameWords, prefix: string): Int32Array {
  let lo = 0;
  let hi = nw.words.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (nw.words[mid]! < prefix) lo = mid + 1;
    else hi = mid;
  }
  const lists: Int32Array[] = [];
  for (let i = lo; i < nw.words.length && nw.words[i]!.startsWith(prefix); i++) lists.push(nw.files.get(nw.words[i]!)!);
  return unionOfSorted(lists);
}

