/** Table style requests: merging, pinned header rows, and cell, row and column styles. */
import type { z } from 'zod';
import type { RequestSchema, TableRange } from './schemas.ts';
import { applyMask, segmentOf, type RequestHandler, type RequestContext } from './context.ts';
import { fail, tableAt, type TableHit } from '../layout.ts';
import { paragraph, paragraphText, type Block, type Table, type TableCell } from '../model.ts';

type Req<K extends keyof RequestSchema> = NonNullable<RequestSchema[K]>;

const CELL_FIELDS = ['backgroundColor', 'borderLeft', 'borderRight', 'borderTop', 'borderBottom', 'paddingLeft', 'paddingRight', 'paddingTop', 'paddingBottom', 'contentAlignment'] as const;
const CELL_READ_ONLY = ['rowSpan', 'columnSpan'];
const ROW_FIELDS = ['minRowHeight', 'tableHeader', 'preventOverflow'] as const;
const COLUMN_FIELDS = ['widthType', 'width'] as const;
/** Narrowest column the reference accepts, in points. */
const MIN_COLUMN_WIDTH = 5;

/** The table starting at a location. */
function tableStarting(ctx: RequestContext, loc: { index: number; segmentId?: string | undefined; tabId?: string | undefined }): TableHit {
  const seg = segmentOf(ctx.doc, loc);
  const hit = tableAt(seg.blocks, seg.start, loc.index);
  if (!hit) fail(`The provided table start location ${loc.index} is not the start of a table.`);
  return hit;
}

/** The rectangle of a table range, checked to lie inside the table. */
function rectangle(t: Table, range: z.infer<typeof TableRange>): { r0: number; c0: number; r1: number; c1: number } {
  const { rowIndex: r0, columnIndex: c0 } = range.tableCellLocation;
  if (range.rowSpan < 1 || range.columnSpan < 1) fail('The table range must span at least one row and one column.');
  const r1 = r0 + range.rowSpan;
  const c1 = c0 + range.columnSpan;
  if (r1 > t.rows.length || c1 > t.columns) fail(`The table range (rows ${r0}-${r1 - 1}, columns ${c0}-${c1 - 1}) is outside the table (${t.rows.length} x ${t.columns}).`);
  return { r0, c0, r1, c1 };
}

const spanOf = (cell: TableCell, key: 'rowSpan' | 'columnSpan'): number => (typeof cell.style?.[key] === 'number' ? (cell.style[key] as number) : 1);

/** The head cell covering (row, col): the cell itself, or the head of the merge it belongs to. */
function headOf(t: Table, row: number, col: number): { row: number; col: number } {
  for (let r = row; r >= 0; r--) {
    for (let c = col; c >= 0; c--) {
      const cell = t.rows[r]!.cells[c]!;
      if (cell.merged) continue;
      if (r + spanOf(cell, 'rowSpan') > row && c + spanOf(cell, 'columnSpan') > col) return { row: r, col: c };
    }
  }
  return { row, col };
}

const isEmptyCell = (content: readonly Block[]) => content.length === 1 && content[0]!.type === 'paragraph' && paragraphText(content[0]!) === '\n';

/**
 * mergeTableCells: the head (top-left) cell spans the rectangle and holds the text of every
 * merged cell in order; a rectangle that cuts through an existing merge is refused.
 */
export const mergeTableCells: RequestHandler<Req<'mergeTableCells'>> = (ctx, r) => {
  const hit = tableStarting(ctx, r.tableRange.tableCellLocation.tableStartLocation);
  const t = hit.table;
  const { r0, c0, r1, c1 } = rectangle(t, r.tableRange);
  for (let row = r0; row < r1; row++) {
    for (let col = c0; col < c1; col++) {
      const head = headOf(t, row, col);
      const cell = t.rows[head.row]!.cells[head.col]!;
      const inside = head.row >= r0 && head.col >= c0 && head.row + spanOf(cell, 'rowSpan') <= r1 && head.col + spanOf(cell, 'columnSpan') <= c1;
      if (!inside) fail('The table range is not rectangular: it cuts through cells that are already merged.');
    }
  }
  const head = t.rows[r0]!.cells[c0]!;
  const content: Block[] = isEmptyCell(head.content) ? [] : head.content;
  for (let row = r0; row < r1; row++) {
    for (let col = c0; col < c1; col++) {
      if (row === r0 && col === c0) continue;
      const cell = t.rows[row]!.cells[col]!;
      if (!isEmptyCell(cell.content)) content.push(...cell.content);
      cell.content = [paragraph()];
      cell.merged = true;
      if (cell.style) {
        delete cell.style.rowSpan;
        delete cell.style.columnSpan;
      }
    }
  }
  head.content = content.length > 0 ? content : [paragraph()];
  head.style = { ...head.style, rowSpan: r1 - r0, columnSpan: c1 - c0 };
  return undefined;
};

/** unmergeTableCells: every merge whose head lies in the range is undone; text stays in the head. */
export const unmergeTableCells: RequestHandler<Req<'unmergeTableCells'>> = (ctx, r) => {
  const t = tableStarting(ctx, r.tableRange.tableCellLocation.tableStartLocation).table;
  const { r0, c0, r1, c1 } = rectangle(t, r.tableRange);
  const heads = new Set<string>();
  for (let row = r0; row < r1; row++) for (let col = c0; col < c1; col++) {
    const h = headOf(t, row, col);
    heads.add(`${h.row}/${h.col}`);
  }
  for (const key of heads) {
    const [hr, hc] = key.split('/').map(Number) as [number, number];
    const head = t.rows[hr]!.cells[hc]!;
    const rs = spanOf(head, 'rowSpan');
    const cs = spanOf(head, 'columnSpan');
    for (let row = hr; row < hr + rs; row++) for (let col = hc; col < hc + cs; col++) delete t.rows[row]!.cells[col]!.merged;
    if (head.style) {
      delete head.style.rowSpan;
      delete head.style.columnSpan;
    }
  }
  return undefined;
};

/** pinTableHeaderRows: the first n rows become header rows (tableHeader), the others stop being. */
export const pinTableHeaderRows: RequestHandler<Req<'pinTableHeaderRows'>> = (ctx, r) => {
  const t = tableStarting(ctx, r.tableStartLocation).table;
  const n = r.pinnedHeaderRowsCount;
  if (n < 0 || n > t.rows.length) fail(`The number of pinned header rows must be between 0 and ${t.rows.length}.`);
  t.rows.forEach((row, k) => {
    if (k < n) row.style = { ...row.style, tableHeader: true };
    else if (row.style) {
      delete row.style.tableHeader;
      if (Object.keys(row.style).length === 0) delete row.style;
    }
  });
  return undefined;
};

/** updateTableCellStyle: the masked fields on the cells of a range, or of the whole table. */
export const updateTableCellStyle: RequestHandler<Req<'updateTableCellStyle'>> = (ctx, r) => {
  if ((r.tableRange === undefined) === (r.tableStartLocation === undefined)) fail('Exactly one of tableRange or tableStartLocation must be set.');
  applyMask({}, r.tableCellStyle, r.fields, CELL_FIELDS, CELL_READ_ONLY);
  const t = tableStarting(ctx, r.tableRange ? r.tableRange.tableCellLocation.tableStartLocation : r.tableStartLocation!).table;
  const { r0, c0, r1, c1 } = r.tableRange ? rectangle(t, r.tableRange) : { r0: 0, c0: 0, r1: t.rows.length, c1: t.columns };
  for (let row = r0; row < r1; row++) for (let col = c0; col < c1; col++) {
    const cell = t.rows[row]!.cells[col]!;
    const spans = { ...(cell.style?.rowSpan !== undefined ? { rowSpan: cell.style.rowSpan } : {}), ...(cell.style?.columnSpan !== undefined ? { columnSpan: cell.style.columnSpan } : {}) };
    const next = { ...applyMask(cell.style ?? {}, r.tableCellStyle, r.fields, CELL_FIELDS, CELL_READ_ONLY), ...spans };
    if (Object.keys(next).length > 0) cell.style = next;
    else delete cell.style;
  }
  return undefined;
};

/** Checks row or column indices against a count; empty means all. */
function indices(list: readonly number[], count: number, what: string): number[] {
  for (const i of list) if (i < 0 || i >= count) fail(`${what} index ${i} is out of bounds (the table has ${count}).`);
  return list.length > 0 ? [...new Set(list)] : Array.from({ length: count }, (_, i) => i);
}

/** updateTableColumnProperties: width and width type of columns (a width under 5 points is refused). */
export const updateTableColumnProperties: RequestHandler<Req<'updateTableColumnProperties'>> = (ctx, r) => {
  const t = tableStarting(ctx, r.tableStartLocation).table;
  const width = r.tableColumnProperties.width?.magnitude;
  if (width !== undefined && width < MIN_COLUMN_WIDTH) fail(`The column width must be at least ${MIN_COLUMN_WIDTH} points.`);
  applyMask({}, r.tableColumnProperties, r.fields, COLUMN_FIELDS);
  const cols = indices(r.columnIndices, t.columns, 'Column');
  const props = Array.from({ length: t.columns }, (_, c) => t.columnProperties?.[c] ?? {});
  for (const c of cols) props[c] = applyMask(props[c]!, r.tableColumnProperties, r.fields, COLUMN_FIELDS);
  t.columnProperties = props;
  return undefined;
};

/** updateTableRowStyle: minimum height, header and overflow of rows. */
export const updateTableRowStyle: RequestHandler<Req<'updateTableRowStyle'>> = (ctx, r) => {
  const t = tableStarting(ctx, r.tableStartLocation).table;
  applyMask({}, r.tableRowStyle, r.fields, ROW_FIELDS);
  for (const k of indices(r.rowIndices, t.rows.length, 'Row')) {
    const row = t.rows[k]!;
    const next = applyMask(row.style ?? {}, r.tableRowStyle, r.fields, ROW_FIELDS);
    if (Object.keys(next).length > 0) row.style = next;
    else delete row.style;
  }
  return undefined;
};
