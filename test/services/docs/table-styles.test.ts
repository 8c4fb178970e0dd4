/**
 * Table style requests, from the reference: mergeTableCells concatenates the merged cells'
 * text into the head (upper-left) cell and refuses a range that cuts an existing merge;
 * unmergeTableCells leaves the text in the head; pinTableHeaderRows marks the first rows as
 * headers (0 unpins); updateTableCellStyle takes a range or the whole table (rowSpan and
 * columnSpan are read only); a column narrower than 5 points is a 400.
 */
import { describe, expect, it } from 'vitest';
import { batch, batchErr, checkIndexes, freshWs, get, newDoc } from './helpers.ts';

function setup() {
  const ws = freshWs();
  const id = newDoc(ws);
  batch(ws, id, [{ insertTable: { rows: 3, columns: 3, location: { index: 1 } } }]);
  const start = () => get(ws, id).body.content.find((e: any) => e.table).startIndex;
  const cells = () => get(ws, id).body.content.find((e: any) => e.table).table.tableRows.map((r: any) => r.tableCells);
  // Fill each cell with its coordinates, last cell first so earlier indexes hold.
  const reqs: unknown[] = [];
  const cs = cells();
  for (let r = 2; r >= 0; r--) for (let c = 2; c >= 0; c--) reqs.push({ insertText: { text: `r${r}c${c}`, location: { index: cs[r][c].content[0].startIndex } } });
  batch(ws, id, reqs);
  const at = (row: number, col: number) => ({ tableStartLocation: { index: start() }, rowIndex: row, columnIndex: col });
  return { ws, id, start, cells, at };
}

const cellText = (cell: any) => cell.content.map((e: any) => e.paragraph.elements.map((x: any) => x.textRun.content).join('')).join('');

describe('mergeTableCells and unmergeTableCells', () => {
  it('merges a rectangle into its head cell, text concatenated in order; unmerge keeps the text in the head', () => {
    const { ws, id, cells, at } = setup();
    batch(ws, id, [{ mergeTableCells: { tableRange: { tableCellLocation: at(0, 1), rowSpan: 2, columnSpan: 2 } } }]);
    const c = cells();
    expect(c[0][1].tableCellStyle).toMatchObject({ rowSpan: 2, columnSpan: 2 });
    expect(cellText(c[0][1])).toBe('r0c1\nr0c2\nr1c1\nr1c2\n');
    expect([cellText(c[0][2]), cellText(c[1][1]), cellText(c[1][2])]).toEqual(['\n', '\n', '\n']);
    checkIndexes(get(ws, id).body.content, 0);
    // A range cutting the merged block is not rectangular.
    expect(batchErr(ws, id, [{ mergeTableCells: { tableRange: { tableCellLocation: at(1, 0), rowSpan: 1, columnSpan: 2 } } }]).message).toMatch(/not rectangular/);
    // Unmerging any cell of the block undoes it; the text stays in the head.
    batch(ws, id, [{ unmergeTableCells: { tableRange: { tableCellLocation: at(1, 2), rowSpan: 1, columnSpan: 1 } } }]);
    const u = cells();
    expect(u[0][1].tableCellStyle).toMatchObject({ rowSpan: 1, columnSpan: 1 });
    expect(cellText(u[0][1])).toBe('r0c1\nr0c2\nr1c1\nr1c2\n');
    // Now the same range merges.
    batch(ws, id, [{ mergeTableCells: { tableRange: { tableCellLocation: at(1, 0), rowSpan: 1, columnSpan: 2 } } }]);
    expect(cellText(cells()[1][0])).toBe('r1c0\n');
  });

  it('refuses a range outside the table and a location that is not a table start', () => {
    const { ws, id, start, at } = setup();
    expect(batchErr(ws, id, [{ mergeTableCells: { tableRange: { tableCellLocation: at(2, 2), rowSpan: 2, columnSpan: 1 } } }]).message).toMatch(/outside the table/);
    expect(batchErr(ws, id, [{ mergeTableCells: { tableRange: { tableCellLocation: { tableStartLocation: { index: start() + 1 } }, rowSpan: 1, columnSpan: 2 } } }]).message).toMatch(/not the start of a table/);
  });
});

describe('row, column and cell styles', () => {
  it('pinTableHeaderRows marks the first rows as headers and 0 unpins them', () => {
    const { ws, id, start } = setup();
    const rows = () => get(ws, id).body.content.find((e: any) => e.table).table.tableRows.map((r: any) => r.tableRowStyle.tableHeader ?? false);
    batch(ws, id, [{ pinTableHeaderRows: { tableStartLocation: { index: start() }, pinnedHeaderRowsCount: 2 } }]);
    expect(rows()).toEqual([true, true, false]);
    batch(ws, id, [{ pinTableHeaderRows: { tableStartLocation: { index: start() }, pinnedHeaderRowsCount: 0 } }]);
    expect(rows()).toEqual([false, false, false]);
    expect(batchErr(ws, id, [{ pinTableHeaderRows: { tableStartLocation: { index: start() }, pinnedHeaderRowsCount: 4 } }]).message).toMatch(/between 0 and 3/);
  });

  it('updateTableCellStyle styles a range or the whole table; a named unset field resets; spans are read only', () => {
    const { ws, id, cells, start, at } = setup();
    const red = { color: { rgbColor: { red: 1 } } };
    batch(ws, id, [{ updateTableCellStyle: { tableRange: { tableCellLocation: at(1, 1), rowSpan: 2, columnSpan: 1 }, tableCellStyle: { backgroundColor: red, contentAlignment: 'MIDDLE' }, fields: 'backgroundColor,contentAlignment' } }]);
    const c = cells();
    expect(c[1][1].tableCellStyle).toMatchObject({ backgroundColor: red, contentAlignment: 'MIDDLE' });
    expect(c[2][1].tableCellStyle.backgroundColor).toEqual(red);
    expect(c[0][1].tableCellStyle.backgroundColor).toEqual({});
    batch(ws, id, [{ updateTableCellStyle: { tableStartLocation: { index: start() }, tableCellStyle: {}, fields: 'contentAlignment' } }]);
    expect(cells()[1][1].tableCellStyle.contentAlignment).toBe('TOP');
    expect(batchErr(ws, id, [{ updateTableCellStyle: { tableStartLocation: { index: start() }, tableCellStyle: { rowSpan: 2 }, fields: 'rowSpan' } }]).message).toMatch(/read only/);
    expect(batchErr(ws, id, [{ updateTableCellStyle: { tableCellStyle: {}, fields: 'backgroundColor' } }]).message).toMatch(/Exactly one of tableRange or tableStartLocation/);
  });

  it('updateTableColumnProperties and updateTableRowStyle apply to the listed indices (all when none)', () => {
    const { ws, id, start } = setup();
    const table = () => get(ws, id).body.content.find((e: any) => e.table).table;
    batch(ws, id, [
      { updateTableColumnProperties: { tableStartLocation: { index: start() }, columnIndices: [0, 2], tableColumnProperties: { widthType: 'FIXED_WIDTH', width: { magnitude: 72, unit: 'PT' } }, fields: '*' } },
      { updateTableRowStyle: { tableStartLocation: { index: start() }, tableRowStyle: { minRowHeight: { magnitude: 24, unit: 'PT' } }, fields: 'minRowHeight' } },
    ]);
    expect(table().tableStyle.tableColumnProperties).toEqual([
      { widthType: 'FIXED_WIDTH', width: { magnitude: 72, unit: 'PT' } }, { widthType: 'EVENLY_DISTRIBUTED' }, { widthType: 'FIXED_WIDTH', width: { magnitude: 72, unit: 'PT' } },
    ]);
    expect(table().tableRows.map((r: any) => r.tableRowStyle.minRowHeight.magnitude)).toEqual([24, 24, 24]);
    // Column properties follow inserted and deleted columns.
    batch(ws, id, [{ insertTableColumn: { tableCellLocation: { tableStartLocation: { index: start() }, columnIndex: 0 }, insertRight: true } }]);
    expect(table().tableStyle.tableColumnProperties.map((p: any) => p.widthType)).toEqual(['FIXED_WIDTH', 'EVENLY_DISTRIBUTED', 'EVENLY_DISTRIBUTED', 'FIXED_WIDTH']);
    expect(batchErr(ws, id, [{ updateTableColumnProperties: { tableStartLocation: { index: start() }, tableColumnProperties: { width: { magnitude: 4, unit: 'PT' } }, fields: 'width' } }]).message).toMatch(/at least 5 points/);
    expect(batchErr(ws, id, [{ updateTableRowStyle: { tableStartLocation: { index: start() }, rowIndices: [7], tableRowStyle: {}, fields: 'minRowHeight' } }]).message).toMatch(/Row index 7 is out of bounds/);
  });
});
