/** Renders a stored document as the Docs API `Document` resource that documents.get returns. */
import type { Block, DocRecord, Paragraph, Table } from './model.ts';
import { blockLength, blocksLength } from './layout.ts';
import { renderList } from './lists.ts';

/** How documents.get was asked to render. */
export interface RenderOptions {
  readonly suggestionsViewMode?: string;
  readonly includeTabsContent?: boolean;
}

const pt = (magnitude: number) => ({ magnitude, unit: 'PT' });

/** Default document style of a new document (US Letter, 1 inch margins), as the real API shows it. */
export function defaultDocumentStyle(): Record<string, unknown> {
  return {
    background: { color: {} },
    pageNumberStart: 1,
    marginTop: pt(72),
    marginBottom: pt(72),
    marginRight: pt(72),
    marginLeft: pt(72),
    pageSize: { height: pt(792), width: pt(612) },
    marginHeader: pt(36),
    marginFooter: pt(36),
    useCustomHeaderFooterMargins: true,
    documentFormat: { documentMode: 'PAGES' },
  };
}

const NAMED_STYLES = [
  ['NORMAL_TEXT', 11, {}],
  ['TITLE', 26, { spaceBelow: pt(3) }],
  ['SUBTITLE', 15, { spaceBelow: pt(16) }],
  ['HEADING_1', 20, { spaceAbove: pt(20), spaceBelow: pt(6) }],
  ['HEADING_2', 16, { spaceAbove: pt(18), spaceBelow: pt(6) }],
  ['HEADING_3', 14, { spaceAbove: pt(16), spaceBelow: pt(4) }],
  ['HEADING_4', 12, { spaceAbove: pt(14), spaceBelow: pt(4) }],
  ['HEADING_5', 11, { spaceAbove: pt(12), spaceBelow: pt(4) }],
  ['HEADING_6', 11, { spaceAbove: pt(12), spaceBelow: pt(4) }],
] as const;

function namedStyles(): Record<string, unknown> {
  return {
    styles: NAMED_STYLES.map(([namedStyleType, size, para]) => ({
      namedStyleType,
      textStyle: { fontSize: pt(size), weightedFontFamily: { fontFamily: 'Arial', weight: 400 }, foregroundColor: { color: { rgbColor: {} } } },
      paragraphStyle: { namedStyleType, alignment: 'START', lineSpacing: 115, direction: 'LEFT_TO_RIGHT', keepLinesTogether: false, keepWithNext: namedStyleType !== 'NORMAL_TEXT', ...para },
    })),
  };
}

/** Index fields with proto defaults left out (a 0 start index is omitted, as the real API does). */
function span(start: number, end: number): Record<string, number> {
  return start === 0 ? { endIndex: end } : { startIndex: start, endIndex: end };
}

function renderParagraph(p: Paragraph, start: number): Record<string, unknown> {
  const elements: Record<string, unknown>[] = [];
  let at = start;
  for (const r of p.runs) {
    const end = at + r.text.length;
    elements.push(r.pageBreak ? { ...span(at, end), pageBreak: { textStyle: r.style ?? {} } } : { ...span(at, end), textRun: { content: r.text, textStyle: r.style ?? {} } });
    at = end;
  }
  const paragraph: Record<string, unknown> = { elements, paragraphStyle: { direction: 'LEFT_TO_RIGHT', ...p.style } };
  if (p.bullet) {
    paragraph.bullet = p.bullet.nestingLevel > 0 ? { listId: p.bullet.listId, nestingLevel: p.bullet.nestingLevel, textStyle: {} } : { listId: p.bullet.listId, textStyle: {} };
  }
  return { ...span(start, at), paragraph };
}

function renderTable(t: Table, start: number): Record<string, unknown> {
  let at = start + 1;
  const tableRows = t.rows.map((row) => {
    const rowStart = at;
    at += 1;
    const tableCells = row.cells.map((cell) => {
      const cellStart = at;
      const content = renderBlocks(cell.content, cellStart + 1);
      at = cellStart + 1 + blocksLength(cell.content);
      return {
        ...span(cellStart, at),
        content,
        tableCellStyle: { rowSpan: 1, columnSpan: 1, backgroundColor: {}, paddingLeft: pt(5), paddingRight: pt(5), paddingTop: pt(5), paddingBottom: pt(5), contentAlignment: 'TOP' },
      };
    });
    return { ...span(rowStart, at), tableCells, tableRowStyle: { minRowHeight: { unit: 'PT' } } };
  });
  return {
    ...span(start, start + blockLength(t)),
    table: {
      rows: t.rows.length,
      columns: t.columns,
      tableRows,
      tableStyle: { tableColumnProperties: Array.from({ length: t.columns }, () => ({ widthType: 'EVENLY_DISTRIBUTED' })) },
    },
  };
}

/** Structural elements of a block list starting at `start`. */
export function renderBlocks(blocks: readonly Block[], start: number): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  let at = start;
  for (const b of blocks) {
    out.push(b.type === 'paragraph' ? renderParagraph(b, at) : renderTable(b, at));
    at += blockLength(b);
  }
  return out;
}

function renderTabParts(doc: DocRecord): Record<string, unknown> {
  const sectionBreak = {
    endIndex: 1,
    sectionBreak: { sectionStyle: { columnSeparatorStyle: 'NONE', contentDirection: 'LEFT_TO_RIGHT', sectionType: 'CONTINUOUS' } },
  };
  const out: Record<string, unknown> = {
    body: { content: [sectionBreak, ...renderBlocks(doc.body, 1)] },
    documentStyle: { ...defaultDocumentStyle(), ...doc.documentStyle },
    namedStyles: namedStyles(),
  };
  const headers = Object.entries(doc.headers);
  if (headers.length > 0) out.headers = Object.fromEntries(headers.map(([headerId, c]) => [headerId, { headerId, content: renderBlocks(c, 0) }]));
  const footers = Object.entries(doc.footers);
  if (footers.length > 0) out.footers = Object.fromEntries(footers.map(([footerId, c]) => [footerId, { footerId, content: renderBlocks(c, 0) }]));
  const lists = Object.entries(doc.lists);
  if (lists.length > 0) out.lists = Object.fromEntries(lists.map(([id, l]) => [id, renderList(l.preset)]));
  if (doc.namedRanges.length > 0) {
    const byName: Record<string, { name: string; namedRanges: unknown[] }> = {};
    for (const nr of doc.namedRanges) {
      const entry = (byName[nr.name] ??= { name: nr.name, namedRanges: [] });
      entry.namedRanges.push({
        namedRangeId: nr.namedRangeId,
        name: nr.name,
        ranges: nr.ranges.map((r) => ({ ...(r.segmentId ? { segmentId: r.segmentId } : {}), ...span(r.startIndex, r.endIndex) })),
      });
    }
    out.namedRanges = byName;
  }
  return out;
}

/** The Document resource. With includeTabsContent the content moves into `tabs[0].documentTab`. */
export function renderDocument(doc: DocRecord, title: string, opts: RenderOptions = {}): Record<string, unknown> {
  const head = { documentId: doc.documentId, title, revisionId: doc.revisionId, suggestionsViewMode: opts.suggestionsViewMode ?? 'SUGGESTIONS_INLINE' };
  const parts = renderTabParts(doc);
  if (opts.includeTabsContent) {
    return { ...head, tabs: [{ tabProperties: { tabId: 't.0', title: 'Tab 1', index: 0 }, documentTab: parts }] };
  }
  return { ...head, ...parts };
}
