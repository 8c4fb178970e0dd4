/** Test helpers for the docs service: a workspace, a caller, and shortcuts for the three methods. */
import { expect } from 'vitest';
import type { Workspace } from '../../../harness/core/index.ts';
import { createEmptyWorkspace } from '../../../harness/services/workspace.ts';

export const ME = 'owner@corvidlabs.com';
const auth = { principal: ME, tokenKind: 'user' as const };

/** A fresh empty workspace. */
export function freshWs(): Workspace {
  return createEmptyWorkspace();
}

/** Calls an operation and returns its value, failing the test on an error. */
export function ok(ws: Workspace, op: string, args: Record<string, unknown>, principal = ME): any {
  const r = ws.invoke(op, args, { face: 'tool', auth: { ...auth, principal } });
  if (!r.ok) throw new Error(`${op} failed: ${r.error.httpStatus} ${r.error.message}`);
  return r.value;
}

/** Calls an operation expecting an ApiError; returns it. */
export function err(ws: Workspace, op: string, args: Record<string, unknown>, principal = ME) {
  const r = ws.invoke(op, args, { face: 'tool', auth: { ...auth, principal } });
  expect(r.ok).toBe(false);
  if (r.ok) throw new Error('expected an error');
  return r.error;
}

/** Creates a document and returns its id. */
export function newDoc(ws: Workspace, title = 'Test doc'): string {
  return ok(ws, 'docs.documents.create', { requestBody: { title } }).documentId;
}

/** Runs a batchUpdate and returns its response. */
export function batch(ws: Workspace, documentId: string, requests: unknown[], writeControl?: unknown): any {
  return ok(ws, 'docs.documents.batchUpdate', { documentId, requestBody: { requests, ...(writeControl ? { writeControl } : {}) } });
}

/** Runs a batchUpdate expecting an error. */
export function batchErr(ws: Workspace, documentId: string, requests: unknown[], writeControl?: unknown) {
  return err(ws, 'docs.documents.batchUpdate', { documentId, requestBody: { requests, ...(writeControl ? { writeControl } : {}) } });
}

/** documents.get. */
export function get(ws: Workspace, documentId: string, extra: Record<string, unknown> = {}): any {
  return ok(ws, 'docs.documents.get', { documentId, ...extra });
}

/** Body content elements after the section break, as [start, end, kind, text] tuples. */
export function outline(doc: any): Array<[number | undefined, number, string, string]> {
  return doc.body.content.slice(1).map((el: any) => {
    if (el.paragraph) return [el.startIndex, el.endIndex, 'p', el.paragraph.elements.map((e: any) => e.textRun?.content ?? (e.pageBreak ? '<PB>' : '')).join('')];
    return [el.startIndex, el.endIndex, 'table', ''];
  });
}

/** The whole body text (textRun contents joined, tables flattened). */
export function bodyText(doc: any): string {
  const walk = (content: any[]): string =>
    content.map((el: any) => {
      if (el.paragraph) return el.paragraph.elements.map((e: any) => e.textRun?.content ?? '').join('');
      if (el.table) return el.table.tableRows.map((r: any) => r.tableCells.map((c: any) => walk(c.content)).join('')).join('');
      return '';
    }).join('');
  return walk(doc.body.content);
}

/** Checks every element's indexes are contiguous and consistent (the real API's invariant). */
export function checkIndexes(content: any[], start: number): number {
  let at = start;
  for (const el of content) {
    if (el.sectionBreak) { at = el.endIndex; continue; }
    expect(el.startIndex ?? 0).toBe(at);
    if (el.paragraph) {
      let p = at;
      for (const e of el.paragraph.elements) {
        expect(e.startIndex ?? 0).toBe(p);
        const len = e.textRun ? e.textRun.content.length : 1;
        expect(e.endIndex).toBe(p + len);
        p += len;
      }
      expect(el.endIndex).toBe(p);
    } else if (el.table) {
      let r = at + 1;
      for (const row of el.table.tableRows) {
        expect(row.startIndex).toBe(r);
        let c = r + 1;
        for (const cell of row.tableCells) {
          expect(cell.startIndex).toBe(c);
          c = checkIndexes(cell.content, c + 1);
          expect(cell.endIndex).toBe(c);
        }
        expect(row.endIndex).toBe(c);
        r = c;
      }
      expect(el.endIndex).toBe(r + 1);
    }
    at = el.endIndex;
  }
  return at;
}
