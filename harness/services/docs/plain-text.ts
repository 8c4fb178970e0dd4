/** The text/plain rendering of a document, as Drive's files.export produces it for a Google Doc. */
import type { Workspace } from '../../core/index.ts';
import { DOCS_COLLECTION, type Block, type DocRecord, type Run, type TabContent } from './model.ts';
import { allTabs } from './tabs.ts';

/**
 * Plain text of a stored document: every paragraph's text followed by a newline, in
 * document order; tables flattened cell by cell (each cell's paragraphs on their own
 * lines); page and section breaks dropped; chips as the text they show (a person's name
 * or email, a rich link's title, a date's display text), a footnote reference as `[n]`
 * with the footnotes' text after the body; list items prefixed like Google's text export
 * (`* ` for bullets, `1. ` style numbers for numbered lists, indented 4 spaces a level).
 * Undefined when no document has that id.
 */
export function documentPlainText(ws: Workspace, documentId: string): string | undefined {
  const doc = ws.collection<DocRecord>(DOCS_COLLECTION).peek(documentId);
  return doc === undefined ? undefined : docPlainText(doc);
}

/** Plain text of a document record's first tab (see documentPlainText). */
export function docPlainText(doc: TabContent): string {
  const out: string[] = [];
  const notes: string[] = [];
  blocksText(doc, doc.body, out, new Map(), notes);
  for (const [n, id] of notes.entries()) {
    const text: string[] = [];
    blocksText(doc, doc.footnotes?.[id] ?? [], text, new Map(), []);
    out.push(`[${n + 1}]${text.join('')}`);
  }
  return out.join('');
}

/**
 * Every word a reader can see in a document: each tab's body (with its footnotes), then its
 * headers and footers, tab after tab, with the tab titles. What grading reads.
 */
export function docEveryWord(doc: DocRecord): string {
  const parts: string[] = [];
  for (const tab of allTabs(doc)) {
    if (!tab.own) parts.push(tab.props.title);
    parts.push(docPlainText(tab.content));
    for (const blocks of [...Object.values(tab.content.headers ?? {}), ...Object.values(tab.content.footers ?? {})]) {
      parts.push(docPlainText({ ...tab.content, body: blocks, footnotes: {} }));
    }
  }
  return parts.join('\n');
}

/** What a run shows as text. */
function runText(r: Run, notes: string[]): string {
  if (r.pageBreak) return '';
  const el = r.element;
  if (!el) return r.text;
  switch (el.kind) {
    case 'footnoteReference':
      return `[${notes.push(el.footnoteId)}]`;
    case 'person':
      return el.name ?? el.email;
    case 'richLink':
      return el.title;
    case 'date':
      return String(el.properties.displayText ?? '');
    default:
      return '';
  }
}

function blocksText(doc: TabContent, blocks: readonly Block[], out: string[], counters: Map<string, number>, notes: string[]): void {
  for (const b of blocks) {
    if (b.type === 'table') {
      for (const row of b.rows) for (const cell of row.cells) blocksText(doc, cell.content, out, counters, notes);
      continue;
    }
    if (b.type === 'sectionBreak') continue;
    let text = '';
    for (const r of b.runs) text += runText(r, notes);
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
