/** The text/plain rendering of a document, as Drive's files.export produces it for a Google Doc. */
import type { Workspace } from '../../core/index.ts';
import { DOCS_COLLECTION, type Block, type DocRecord } from './model.ts';

/**
 * Plain text of a stored document: every paragraph's text followed by a newline, in
 * document order; tables flattened cell by cell (each cell's paragraphs on their own
 * lines); page breaks dropped; list items prefixed like Google's text export
 * (`* ` for bullets, `1. ` style numbers for numbered lists, indented 4 spaces a level).
 * Undefined when no document has that id.
 */
export function documentPlainText(ws: Workspace, documentId: string): string | undefined {
  const doc = ws.collection<DocRecord>(DOCS_COLLECTION).peek(documentId);
  return doc === undefined ? undefined : docPlainText(doc);
}

/** Plain text of a document record (see documentPlainText). */
export function docPlainText(doc: DocRecord): string {
  const out: string[] = [];
  const counters = new Map<string, number>();
  blocksText(doc, doc.body, out, counters);
  return out.join('');
}

function blocksText(doc: DocRecord, blocks: readonly Block[], out: string[], counters: Map<string, number>): void {
  for (const b of blocks) {
    if (b.type === 'table') {
      for (const row of b.rows) for (const cell of row.cells) blocksText(doc, cell.content, out, counters);
      continue;
    }
    let text = '';
    for (const r of b.runs) if (!r.pageBreak) text += r.text;
    if (b.bullet) {
      const preset = doc.lists[b.bullet.listId]?.preset ?? '';
      const key = `${b.bullet.listId}/${b.bullet.nestingLevel}`;
      const n = (counters.get(key) ?? 0) + 1;
      counters.set(key, n);
      const marker = preset.startsWith('NUMBERED') ? `${n}. ` : '* ';
      text = '    '.repeat(b.bullet.nestingLevel) + marker + text;
    }
    out.push(text);
  }
}
