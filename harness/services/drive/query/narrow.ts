/**
 * The narrowest list of base files a query can be answered from: every term joined to the
 * rest by `and` at the top of the query must hold for a match, so any such term the index
 * lists (`'<id>' in parents`, `'<email>' in owners`, `mimeType = '…'`, `trashed`, `starred =
 * true`, `sharedWithMe`, `name contains '…'`) bounds the candidates; the shortest list wins.
 * Candidates are still tested against the whole query: the list only skips files that
 * cannot match.
 */
import type { Principal } from '../access.ts';
import { NO_FILES, type DriveFileIndex } from '../file-index.ts';
import type { SearchVisibility } from '../search-visibility.ts';
import { nameCandidates } from './name-words.ts';
import type { QueryNode } from './parse.ts';

/** The terms joined by `and` at the top of a query (bounded by the parser's term limit). */
function conjuncts(node: QueryNode, out: QueryNode[] = []): QueryNode[] {
  if (node.t === 'and') {
    conjuncts(node.l, out);
    conjuncts(node.r, out);
  } else out.push(node);
  return out;
}

/** The index's list for one term, or undefined when the term does not narrow. */
function listFor(term: QueryNode, index: DriveFileIndex, view: SearchVisibility, who: Principal): Int32Array | undefined {
  switch (term.t) {
    case 'in':
      if (term.field === 'parents') return index.children.get(term.value) ?? NO_FILES;
      if (term.field === 'owners') {
        const email = term.value.toLowerCase() === 'me' ? who.email : term.value.toLowerCase();
        return index.byOwner.get(email) ?? NO_FILES;
      }
      return undefined;
    case 'text':
      if (term.field === 'mimeType' && term.op === '=') return index.byMime.get(term.value) ?? NO_FILES;
      if (term.field === 'name' && term.op === 'contains') return nameCandidates(index, term.value);
      return undefined;
    case 'bool': {
      const wantTrue = term.op === '=' ? term.value : !term.value;
      if (term.field === 'trashed') return wantTrue ? index.trashed : index.notTrashed;
      if (term.field === 'starred' && wantTrue) return index.starred;
      return undefined;
    }
    case 'sharedWithMe':
      return view.sharedWithMe;
    default:
      return undefined;
  }
}

/** The shortest candidate list for a query (every base file when nothing narrows), ascending ordinals. */
export function candidateFiles(node: QueryNode | undefined, index: DriveFileIndex, view: SearchVisibility, who: Principal): Int32Array {
  let best = index.all;
  if (!node) return best;
  for (const term of conjuncts(node)) {
    const list = listFor(term, index, view, who);
    if (list !== undefined && list.length < best.length) best = list;
  }
  return best;
}
