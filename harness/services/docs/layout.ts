/** Index arithmetic of the Docs structure: lengths of blocks and lookups by UTF-16 index. */
import type { Block, Paragraph, TabContent, Table } from './model.ts';
import { paragraphText } from './model.ts';

export { DocsRequestError, fail } from './errors.ts';
import { fail } from './errors.ts';

/** Length in UTF-16 units of a block, as the real API counts it. */
export function blockLength(b: Block): number {
  return b.type === 'paragraph' ? paragraphText(b).length : b.type === 'table' ? tableLength(b) : 1;
}

/** A table is 1 (start) + rows + 1 (end); a row is 1 + cells; a cell is 1 + its content. */
export function tableLength(t: Table): number {
  let n = 2;
  for (const row of t.rows) {
    n += 1;
    for (const cell of row.cells) n += 1 + blocksLength(cell.content);
  }
  return n;
}

/** Total length of a block list. */
export function blocksLength(blocks: readonly Block[]): number {
  let n = 0;
  for (const b of blocks) n += blockLength(b);
  return n;
}

/** What a segment is: where elements may go depends on it. */
export type SegmentKind = 'body' | 'header' | 'footer' | 'footnote';

/** A segment of a tab: the body, a header, a footer or a footnote, with the index its content starts at. */
export interface SegmentRef {
  readonly segmentId: string;
  readonly kind: SegmentKind;
  readonly blocks: Block[];
  /** 1 for the body (after the first section break), 0 for headers, footers and footnotes. */
  readonly start: number;
  /** The tab holding it (its named ranges move with its edits). */
  readonly tab: TabContent;
}

/** The segment with this id ('' or undefined = body) of a tab; throws a request error when unknown. */
export function segment(tab: TabContent, segmentId: string | undefined): SegmentRef {
  const id = segmentId ?? '';
  if (id === '') return { segmentId: '', kind: 'body', blocks: tab.body, start: 1, tab };
  const header = tab.headers[id];
  if (header) return { segmentId: id, kind: 'header', blocks: header, start: 0, tab };
  const footer = tab.footers[id];
  if (footer) return { segmentId: id, kind: 'footer', blocks: footer, start: 0, tab };
  const footnote = tab.footnotes?.[id];
  if (footnote) return { segmentId: id, kind: 'footnote', blocks: footnote, start: 0, tab };
  return fail(`The segment ID ${id} does not exist.`);
}

/** Every segment of a tab (body first, then headers, footers, footnotes). */
export function allSegments(tab: TabContent): SegmentRef[] {
  return [
    segment(tab, ''),
    ...Object.keys(tab.headers).map((id) => segment(tab, id)),
    ...Object.keys(tab.footers).map((id) => segment(tab, id)),
    ...Object.keys(tab.footnotes ?? {}).map((id) => segment(tab, id)),
  ];
}

/** End index (exclusive) of a segment's content. */
export function segmentEnd(seg: SegmentRef): number {
  return seg.start + blocksLength(seg.blocks);
}

/** A paragraph found by index: the list holding it, its position there and its start index. */
export interface ParagraphHit {
  readonly container: Block[];
  readonly pos: number;
  readonly para: Paragraph;
  readonly start: number;
}

/** The paragraph whose range [start, end) contains `index`, searching into table cells. */
export function paragraphAt(blocks: Block[], start: number, index: number): ParagraphHit | undefined {
  let at = start;
  for (let pos = 0; pos < blocks.length; pos++) {
    const b = blocks[pos]!;
    const len = blockLength(b);
    if (index < at + len) {
      if (b.type === 'paragraph') return { container: blocks, pos, para: b, start: at };
      if (b.type === 'sectionBreak') return undefined;
      const cell = cellAt(b, at, index);
      return cell ? paragraphAt(cell.content, cell.contentStart, index) : undefined;
    }
    at += len;
  }
  return undefined;
}

/** A table cell located by index. */
export interface CellHit {
  readonly content: Block[];
  readonly row: number;
  readonly column: number;
  /** Index of the cell's first content unit (cell start + 1). */
  readonly contentStart: number;
  readonly contentEnd: number;
}

/** The cell of a table (starting at `start`) whose content range contains `index`, if any. */
export function cellAt(t: Table, start: number, index: number): CellHit | undefined {
  let at = start + 1;
  for (let r = 0; r < t.rows.length; r++) {
    at += 1;
    const cells = t.rows[r]!.cells;
    for (let c = 0; c < cells.length; c++) {
      const contentStart = at + 1;
      const contentEnd = contentStart + blocksLength(cells[c]!.content);
      if (index >= contentStart && index < contentEnd) return { content: cells[c]!.content, row: r, column: c, contentStart, contentEnd };
      at = contentEnd;
    }
  }
  return undefined;
}

/** A table located by its start index. */
export interface TableHit {
  readonly container: Block[];
  readonly pos: number;
  readonly table: Table;
  readonly start: number;
}

/** The table starting exactly at `index`, searching into table cells. */
export function tableAt(blocks: Block[], start: number, index: number): TableHit | undefined {
  let at = start;
  for (let pos = 0; pos < blocks.length; pos++) {
    const b = blocks[pos]!;
    const len = blockLength(b);
    if (b.type === 'table') {
      if (at === index) return { container: blocks, pos, table: b, start: at };
      if (index > at && index < at + len) {
        let cellAtIdx = at + 1;
        for (const row of b.rows) {
          cellAtIdx += 1;
          for (const cell of row.cells) {
            const inner = tableAt(cell.content, cellAtIdx + 1, index);
            if (inner) return inner;
            cellAtIdx += 1 + blocksLength(cell.content);
          }
        }
        return undefined;
      }
    }
    at += len;
  }
  return undefined;
}

/** Start index of each block of a list, given the list's start. */
export function blockStarts(blocks: readonly Block[], start: number): number[] {
  const out: number[] = [];
  let at = start;
  for (const b of blocks) {
    out.push(at);
    at += blockLength(b);
  }
  return out;
}

/** Calls `fn` for every paragraph (recursing into tables) with its start index. */
export function forEachParagraph(blocks: Block[], start: number, fn: (p: Paragraph, start: number, container: Block[], pos: number) => void): void {
  let at = start;
  for (let pos = 0; pos < blocks.length; pos++) {
    const b = blocks[pos]!;
    if (b.type === 'paragraph') fn(b, at, blocks, pos);
    else if (b.type === 'table') {
      let c = at + 1;
      for (const row of b.rows) {
        c += 1;
        for (const cell of row.cells) {
          forEachParagraph(cell.content, c + 1, fn);
          c += 1 + blocksLength(cell.content);
        }
      }
    }
    at += blockLength(b);
  }
}

/** True when `index` falls between the two halves of a surrogate pair in the paragraph at it. */
export function splitsSurrogate(blocks: Block[], start: number, index: number): boolean {
  const hit = paragraphAt(blocks, start, index);
  if (!hit || index === hit.start) return false;
  const text = paragraphText(hit.para);
  const off = index - hit.start;
  const before = text.charCodeAt(off - 1);
  const here = text.charCodeAt(off);
  return before >= 0xd800 && before <= 0xdbff && here >= 0xdc00 && here <= 0xdfff;
}
