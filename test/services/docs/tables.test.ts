import { describe, expect, it } from 'vitest';
import { batch, batchErr, bodyText, checkIndexes, freshWs, get, newDoc, outline } from './helpers.ts';

describe('tables', () => {
  it('inserts a 2x2 table with the real API index layout (newline before, S..S+12)', () => {
    const ws = freshWs();
    const id = newDoc(ws);
    batch(ws, id, [{ insertTable: { rows: 2, columns: 2, location: { index: 1 } } }]);
    const d = get(ws, id);
    expect(outline(d)).toEqual([[1, 2, 'p', '\n'], [2, 14, 'table', ''], [14, 15, 'p', '\n']]);
    const t = d.body.content[2].table;
    expect(t.rows).toBe(2);
    expect(t.columns).toBe(2);
    const S = 2;
    expect(t.tableRows.map((r: any) => [r.startIndex, r.endIndex])).toEqual([[S + 1, S + 6], [S + 6, S + 11]]);
    expect(t.tableRows[0].tableCells.map((c: any) => [c.startIndex, c.endIndex])).toEqual([[S + 2, S + 4], [S + 4, S + 6]]);
    expect(t.tableRows[0].tableCells[0].content[0]).toMatchObject({ startIndex: S + 3, endIndex: S + 4 });
    checkIndexes(d.body.content, 0);
  });

  it('edits cells, refuses ranges crossing cells, deletes a whole table', () => {
    const ws = freshWs();
    const id = newDoc(ws);
    batch(ws, id, [{ insertText: { text: 'Terms', location: { index: 1 } } }, { insertTable: { rows: 2, columns: 2, endOfSegmentLocation: {} } }]);
    // 'Terms\n' [1,7); table at 7; cell(0,0) paragraph at 10, cell(0,1) paragraph at 12 (after the first cell gains text, shifts).
    batch(ws, id, [{ insertText: { text: 'Fee', location: { index: 12 } } }, { insertText: { text: 'Term', location: { index: 10 } } }]);
    let d = get(ws, id);
    const row0 = d.body.content[2].table.tableRows[0];
    expect(row0.tableCells[0].content[0].paragraph.elements[0].textRun.content).toBe('Term\n');
    expect(row0.tableCells[1].content[0].paragraph.elements[0].textRun.content).toBe('Fee\n');
    checkIndexes(d.body.content, 0);
    expect(batchErr(ws, id, [{ deleteContentRange: { range: { startIndex: 11, endIndex: 17 } } }]).message).toMatch(/table cell/);
    expect(batchErr(ws, id, [{ deleteContentRange: { range: { startIndex: 3, endIndex: 12 } } }]).message).toMatch(/table/);
    expect(batchErr(ws, id, [{ insertText: { text: 'x', location: { index: 7 } } }]).message).toMatch(/inside the bounds of an existing paragraph/);
    batch(ws, id, [{ deleteContentRange: { range: { startIndex: 10, endIndex: 12 } } }]);
    d = get(ws, id);
    expect(d.body.content[2].table.tableRows[0].tableCells[0].content[0].paragraph.elements[0].textRun.content).toBe('rm\n');
    const table = d.body.content[2];
    batch(ws, id, [{ deleteContentRange: { range: { startIndex: table.startIndex, endIndex: table.endIndex } } }]);
    d = get(ws, id);
    expect(outline(d)).toEqual([[1, 7, 'p', 'Terms\n'], [7, 8, 'p', '\n']]);
  });

  it('inserts and deletes rows and columns', () => {
    const ws = freshWs();
    const id = newDoc(ws);
    batch(ws, id, [{ insertTable: { rows: 1, columns: 2, location: { index: 1 } } }, { insertText: { text: 'A', location: { index: 5 } } }]);
    const loc = (rowIndex: number, columnIndex: number) => ({ tableStartLocation: { index: 2 }, rowIndex, columnIndex });
    batch(ws, id, [
      { insertTableRow: { tableCellLocation: loc(0, 0), insertBelow: true } },
      { insertTableColumn: { tableCellLocation: loc(0, 0), insertRight: false } },
    ]);
    let d = get(ws, id);
    let t = d.body.content[2].table;
    expect([t.rows, t.columns]).toEqual([2, 3]);
    expect(t.tableRows[0].tableCells[1].content[0].paragraph.elements[0].textRun.content).toBe('A\n');
    checkIndexes(d.body.content, 0);
    expect(d.body.content[2].endIndex - d.body.content[2].startIndex).toBe(2 + 2 * (1 + 3 * 2) + 1);
    batch(ws, id, [{ deleteTableColumn: { tableCellLocation: loc(0, 1) } }, { deleteTableRow: { tableCellLocation: loc(1, 0) } }]);
    d = get(ws, id);
    t = d.body.content[2].table;
    expect([t.rows, t.columns]).toEqual([1, 2]);
    expect(bodyText(d)).not.toContain('A');
    checkIndexes(d.body.content, 0);
    expect(batchErr(ws, id, [{ insertTableRow: { tableCellLocation: { tableStartLocation: { index: 3 }, rowIndex: 0, columnIndex: 0 } } }]).message).toMatch(/table start location/);
    expect(batchErr(ws, id, [{ deleteTableRow: { tableCellLocation: loc(5, 0) } }]).message).toMatch(/out of bounds/);
    batch(ws, id, [{ deleteTableRow: { tableCellLocation: loc(0, 0) } }]);
    expect(outline(get(ws, id))).toEqual([[1, 2, 'p', '\n'], [2, 3, 'p', '\n']]);
  });
});

describe('page breaks, bullets, styles', () => {
  it('inserts a page break element followed by a newline', () => {
    const ws = freshWs();
    const id = newDoc(ws);
    batch(ws, id, [{ insertText: { text: 'onetwo', location: { index: 1 } } }, { insertPageBreak: { location: { index: 4 } } }]);
    const d = get(ws, id);
    expect(outline(d)).toEqual([[1, 6, 'p', 'one<PB>\n'], [6, 10, 'p', 'two\n']]);
    expect(d.body.content[1].paragraph.elements[1]).toMatchObject({ startIndex: 4, endIndex: 5, pageBreak: {} });
    batch(ws, id, [{ insertTable: { rows: 1, columns: 1, endOfSegmentLocation: {} } }]);
    expect(batchErr(ws, id, [{ insertPageBreak: { location: { index: 13 } } }]).message).toMatch(/inside a table/);
  });

  it('creates bullets with nesting from leading tabs and removes the tabs', () => {
    const ws = freshWs();
    const id = newDoc(ws);
    batch(ws, id, [
      { insertText: { text: 'Intro\none\n\ttwo\nthree', location: { index: 1 } } },
      { createParagraphBullets: { range: { startIndex: 7, endIndex: 20 }, bulletPreset: 'NUMBERED_DECIMAL_ALPHA_ROMAN' } },
    ]);
    const d = get(ws, id);
    expect(outline(d)).toEqual([[1, 7, 'p', 'Intro\n'], [7, 11, 'p', 'one\n'], [11, 15, 'p', 'two\n'], [15, 21, 'p', 'three\n']]);
    const [intro, one, two, three] = d.body.content.slice(1).map((e: any) => e.paragraph.bullet);
    expect(intro).toBeUndefined();
    expect(one.listId).toMatch(/^kix\./);
    expect(two).toMatchObject({ listId: one.listId, nestingLevel: 1 });
    expect(three.nestingLevel).toBeUndefined();
    expect(d.lists[one.listId].listProperties.nestingLevels[0]).toMatchObject({ glyphType: 'DECIMAL', glyphFormat: '%0.' });
    batch(ws, id, [{ deleteParagraphBullets: { range: { startIndex: 7, endIndex: 12 } } }]);
    const d2 = get(ws, id);
    expect(d2.body.content[2].paragraph.bullet).toBeUndefined();
    expect(d2.body.content[3].paragraph.bullet).toBeUndefined();
    expect(d2.body.content[4].paragraph.bullet).toBeDefined();
  });

  it('applies text and paragraph field masks (set and reset)', () => {
    const ws = freshWs();
    const id = newDoc(ws);
    batch(ws, id, [
      { insertText: { text: 'Hello world', location: { index: 1 } } },
      { updateTextStyle: { range: { startIndex: 1, endIndex: 6 }, textStyle: { bold: true, italic: true, link: { url: 'https://x.test' } }, fields: 'bold,italic,link' } },
      { updateTextStyle: { range: { startIndex: 1, endIndex: 3 }, textStyle: {}, fields: 'italic' } },
      { updateParagraphStyle: { range: { startIndex: 1, endIndex: 2 }, paragraphStyle: { namedStyleType: 'HEADING_2', alignment: 'CENTER' }, fields: 'namedStyleType,alignment' } },
    ]);
    const p = get(ws, id).body.content[1].paragraph;
    expect(p.elements.map((e: any) => [e.textRun.content, e.textRun.textStyle])).toEqual([
      ['He', { bold: true, link: { url: 'https://x.test' } }],
      ['llo', { bold: true, italic: true, link: { url: 'https://x.test' } }],
      [' world\n', {}],
    ]);
    expect(p.paragraphStyle).toMatchObject({ namedStyleType: 'HEADING_2', alignment: 'CENTER' });
    expect(batchErr(ws, id, [{ updateTextStyle: { range: { startIndex: 1, endIndex: 2 }, textStyle: {}, fields: 'wobble' } }]).message).toMatch(/field mask/);
    expect(batchErr(ws, id, [{ updateTextStyle: { range: { startIndex: 1, endIndex: 2 }, textStyle: {}, fields: '' } }]).httpStatus).toBe(400);
  });
});
