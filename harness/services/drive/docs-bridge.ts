/**
 * The few places Drive must touch a Google Doc's body (creating an empty Doc, copying a
 * Doc, deleting one, importing text). The docs service owns the record shape; this file
 * keeps Drive's knowledge of it in one spot.
 */
import type { Workspace } from '../../core/index.ts';
import { DOCS_COLLECTION, paragraph, type DocRecord } from '../docs/model.ts';
import { hexId } from '../../core/index.ts';

function docs(ws: Workspace) {
  return ws.collectionKeys().includes(DOCS_COLLECTION) ? ws.collection<DocRecord>(DOCS_COLLECTION) : undefined;
}

/** Creates the docs.documents record for a new Doc made through Drive (empty, or with imported text). */
export function createDocBody(ws: Workspace, id: string, title: string, text = ''): void {
  const col = docs(ws);
  if (!col || col.peek(id)) return;
  const lines = text === '' ? [''] : text.replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n');
  const rec: DocRecord = {
    documentId: id, title, revision: 1, revisionId: `ALm${hexId(`doc-rev:${id}`, 1, 40)}`,
    body: lines.map((l) => paragraph(l)), headers: {}, footers: {}, namedRanges: [], lists: {}, documentStyle: {},
  };
  col.set(id, rec);
}

/** Copies a Doc's body to a new id and title (files.copy of a Doc). */
export function copyDocBody(ws: Workspace, fromId: string, toId: string, title: string): void {
  const col = docs(ws);
  const src = col?.peek(fromId);
  if (!col || !src) return createDocBody(ws, toId, title);
  col.set(toId, { ...structuredClone(src), documentId: toId, title, revision: 1 });
}

/** Keeps a Doc's title in step with its Drive name (files.update rename). */
export function renameDocBody(ws: Workspace, id: string, title: string): void {
  const col = docs(ws);
  const cur = col?.peek(id);
  if (col && cur && cur.title !== title) col.set(id, { ...cur, title });
}

/** Removes a Doc's body when its Drive file is deleted for good. */
export function deleteDocBody(ws: Workspace, id: string): void {
  docs(ws)?.delete(id);
}
