/** Table requests: insertTable and inserting or deleting rows and columns. */
import type { RequestSchema } from './schemas.ts';
import { resolveWhere, segmentOf, type RequestHandler } from './context.ts';
import { blockLength, blocksLength, fail, paragraphAt, tableAt, type SegmentRef, type TableHit } from '../layout.ts';
import { emptyTable, paragraph, type TableCell } from '../model.ts';
import { insertTextAt, shiftForDelete, shiftForInsert } from '../edit.ts';
import type { z } from 'zod';
import type { TableCellLocation } from './schemas.ts';

type Req<K extends keyof RequestSchema> = NonNullable<RequestSchema[K]>;

const MAX_COLUMNS = 20;
const MAX_ROWS = 1000;

/** insertTable: a newline goes in first, then the table right after the paragraph it ends. */
export const insertTable: RequestHandler<Req<'insertTable'>> = (ctx, r) => {
  if (r.rows < 1 || r.rows > MAX_ROWS) fail(`Invalid number of rows: ${r.rows}. It must be between 1 and ${MAX_ROWS}.`);
  if (r.columns < 1 || r.columns > MAX_COLUMNS) fail(`Invalid number of columns: ${r.columns}. It must be between 1 and ${MAX_COLUMNS}.`);
  const { seg, index } = resolveWhere(ctx.doc, r);
  if (!paragraphAt(seg.blocks, seg.start, index)) fail('The insertion index must be inside the bounds of an existing paragraph.');
  insertTextAt(seg.tab, seg, index, '\n');
  const hit = paragraphAt(seg.blocks, seg.start, index)!;
  const table = emptyTable(r.rows, r.columns);
  hit.container.splice(hit.pos + 1, 0, table);
  shiftForInsert(seg.tab, seg.segmentId, index + 1, blockLength(table));
  return undefined;
};

type CellLoc = z.infer<typeof TableCellLocation>;

function findTable(ctx: { doc: Parameters<typeof segmentOf>[0] }, loc: CellLoc): { seg: SegmentRef; hit: TableHit } {
  const seg = segmentOf(ctx.doc, loc.tableStartLocation);
  const hit = tableAt(seg.blocks, seg.start, loc.tableStartLocation.index);
  if (!hit) fail(`The provided table start location ${loc.tableStartLocation.index} is not the start of a table.`);
  if (loc.rowIndex >= hit.table.rows.length) fail(`Row index ${loc.rowIndex} is out of bounds (the table has ${hit.table.rows.length} rows).`);
  if (loc.columnIndex >= hit.table.columns) fail(`Column index ${loc.columnIndex} is out of bounds (the table has ${hit.table.columns} columns).`);
  return { seg, hit };
}

/** Start index of row `r` (or the table's end marker when r = rows). */
function rowStart(hit: TableHit, r: number): number {
  let at = hit.start + 1;
  for (let k = 0; k < r; k++) at += rowLength(hit.table.rows[k]!.cells);
  return at;
}

function rowLength(cells: readonly TableCell[]): number {
  return 1 + cells.reduce((a, c) => a + 1 + blocksLength(c.content), 0);
}

/** Start index of cell `c` of row `r` (or the row's end when c = columns). */
function cellStart(hit: TableHit, r: number, c: number): number {
  let at = rowStart(hit, r) + 1;
  for (let k = 0; k < c; k++) at += 1 + blocksLength(hit.table.rows[r]!.cells[k]!.content);
  return at;
}

function removeTable(seg: SegmentRef, hit: TableHit): void {
  const len = blockLength(hit.table);
  hit.container.splice(hit.pos, 1);
  shiftForDelete(seg.tab, seg.segmentId, hit.start, hit.start + len);
}

/** insertTableRow: an empty row above or below the cell's row. */
export const insertTableRow: RequestHandler<Req<'insertTableRow'>> = (ctx, r) => {
  const { seg, hit } = findTable(ctx, r.tableCellLocation);
  const at = r.tableCellLocation.rowIndex + (r.insertBelow ? 1 : 0);
  const pos = rowStart(hit, at);
  hit.table.rows.splice(at, 0, { cells: Array.from({ length: hit.table.columns }, () => ({ content: [paragraph()] })) });
  shiftForInsert(seg.tab, seg.segmentId, pos, 1 + 2 * hit.table.columns);
  return undefined;
};

/** deleteTableRow: removes the row; deleting the only row removes the table. */
export const deleteTableRow: RequestHandler<Req<'deleteTableRow'>> = (ctx, r) => {
  const { seg, hit } = findTable(ctx, r.tableCellLocation);
  if (hit.table.rows.length === 1) {
    removeTable(seg, hit);
    return undefined;
  }
  const row = r.tableCellLocation.rowIndex;
  const s = rowStart(hit, row);
  const e = s + rowLength(hit.table.rows[row]!.cells);
  hit.table.rows.splice(row, 1);
  shiftForDelete(seg.tab, seg.segmentId, s, e);
  return undefined;
};

/** insertTableColumn: an empty cell in every row, left or right of the cell's column. */
export const insertTableColumn: RequestHandler<Req<'insertTableColumn'>> = (ctx, r) => {
  const { seg, hit } = findTable(ctx, r.tableCellLocation);
  if (hit.table.columns >= MAX_COLUMNS) fail(`A table cannot have more than ${MAX_COLUMNS} columns.`);
  const col = r.tableCellLocation.columnIndex + (r.insertRight ? 1 : 0);
  const positions = hit.table.rows.map((_, k) => cellStart(hit, k, col));
  for (const row of hit.table.rows) row.cells.splice(col, 0, { content: [paragraph()] });
  hit.table.columnProperties?.splice(col, 0, {});
  hit.table.columns += 1;
  for (let k = positions.length - 1; k >= 0; k--) shiftForInsert(seg.tab, seg.segmentId, positions[k]!, 2);
  return undefined;
};

/** deleteTableColumn: removes the column's cells; deleting the only column removes the table. */
export const deleteTableColumn: RequestHandler<Req<'deleteTableColumn'>> = (ctx, r) => {
  const { seg, hit } = findTable(ctx, r.tableCellLocation);
  if (hit.table.columns === 1) {
    removeTable(seg, hit);
    return undefined;
  }
  const col = r.tableCellLocation.columnIndex;
  const spans = hit.table.rows.map((row, k) => {
    const s = cellStart(hit, k, col);
    return [s, s + 1 + blocksLength(row.cells[col]!.content)] as const;
  });
  for (const row of hit.table.rows) row.cells.splice(col, 1);
  hit.table.columnProperties?.splice(col, 1);
  hit.table.columns -= 1;
  for (let k = spans.length - 1; k >= 0; k--) shiftForDelete(seg.tab, seg.segmentId, spans[k]![0], spans[k]![1]);
  return undefined;
};
