/**
 * Section breaks and footnotes, from the reference: insertSectionBreak puts a newline then
 * the break (body only; never in a table, header, footer or footnote); updateSectionStyle
 * styles the sections a body range overlaps; createFootnote puts a one-unit reference in
 * the body (not in a header, footer or footnote) and a footnote holding " \n", replying
 * with its id; deleting the reference deletes the footnote.
 */
import { describe, expect, it } from 'vitest';
import { batch, batchErr, checkIndexes, freshWs, get, newDoc } from './helpers.ts';
import { docEveryWord, documentPlainText } from '../../../harness/services/docs/plain-text.ts';
import { DOCS_COLLECTION, type DocRecord } from '../../../harness/services/docs/model.ts';

describe('insertSectionBreak', () => {
  it('splits the paragraph with a newline and puts a one-unit break after it', () => {
    const ws = freshWs();
    const id = newDoc(ws);
    batch(ws, id, [{ insertText: { text: 'AlphaBeta', location: { index: 1 } } }]);
    batch(ws, id, [{ insertSectionBreak: { sectionType: 'NEXT_PAGE', location: { index: 6 } } }]);
    const d = get(ws, id);
    const c = d.body.content;
    expect(c[1]).toMatchObject({ startIndex: 1, endIndex: 7 });
    expect(c[1].paragraph.elements[0].textRun.content).toBe('Alpha\n');
    expect(c[2]).toEqual({ startIndex: 7, endIndex: 8, sectionBreak: { sectionStyle: { columnSeparatorStyle: 'NONE', contentDirection: 'LEFT_TO_RIGHT', sectionType: 'NEXT_PAGE' } } });
    expect(c[3]).toMatchObject({ startIndex: 8, endIndex: 13 });
    expect(c[3].paragraph.elements[0].textRun.content).toBe('Beta\n');
    checkIndexes(c, 0);
    expect(documentPlainText(ws, id)).toBe('Alpha\nBeta\n');
  });

  it('is refused in a header, footer, footnote and table cell, and outside a paragraph', () => {
    const ws = freshWs();
    const id = newDoc(ws);
    const { replies } = batch(ws, id, [{ createHeader: { type: 'DEFAULT' } }, { createFootnote: { location: { index: 1 } } }, { insertTable: { rows: 1, columns: 1, location: { index: 1 } } }]);
    const headerId = replies[0].createHeader.headerId;
    const footnoteId = replies[1].createFootnote.footnoteId;
    expect(batchErr(ws, id, [{ insertSectionBreak: { sectionType: 'CONTINUOUS', endOfSegmentLocation: { segmentId: headerId } } }]).message).toMatch(/only be inserted in the document body/);
    expect(batchErr(ws, id, [{ insertSectionBreak: { sectionType: 'CONTINUOUS', location: { segmentId: footnoteId, index: 0 } } }]).message).toMatch(/only be inserted in the document body/);
    const table = get(ws, id).body.content.find((e: any) => e.table);
    expect(batchErr(ws, id, [{ insertSectionBreak: { location: { index: table.startIndex + 3 } } }]).message).toMatch(/cannot be inserted inside a table/);
    expect(batchErr(ws, id, [{ insertSectionBreak: { location: { index: table.startIndex } } }]).message).toMatch(/inside the bounds of an existing paragraph/);
  });

  it('deleting the newline before a break alone is refused; deleting both merges the paragraphs', () => {
    const ws = freshWs();
    const id = newDoc(ws);
    batch(ws, id, [{ insertText: { text: 'AB', location: { index: 1 } } }, { insertSectionBreak: { location: { index: 2 } } }]);
    // "A\n" [1,3), break [3,4), "B\n" [4,6)
    expect(batchErr(ws, id, [{ deleteContentRange: { range: { startIndex: 2, endIndex: 3 } } }]).message).toMatch(/newline before a table or section break/);
    batch(ws, id, [{ deleteContentRange: { range: { startIndex: 2, endIndex: 4 } } }]);
    const c = get(ws, id).body.content;
    expect(c.filter((e: any) => e.sectionBreak)).toHaveLength(1);
    expect(c[1].paragraph.elements[0].textRun.content).toBe('AB\n');
  });
});

describe('updateSectionStyle', () => {
  it('styles every section the range overlaps, the first section included, and only those', () => {
    const ws = freshWs();
    const id = newDoc(ws);
    batch(ws, id, [{ insertText: { text: 'one two three', location: { index: 1 } } }, { insertSectionBreak: { location: { index: 8 } } }, { insertSectionBreak: { location: { index: 4 } } }]);
    const breaks = () => get(ws, id).body.content.filter((e: any) => e.sectionBreak);
    const [, second, third] = breaks();
    batch(ws, id, [{ updateSectionStyle: { range: { startIndex: second.endIndex, endIndex: second.endIndex + 1 }, sectionStyle: { marginLeft: { magnitude: 10, unit: 'PT' }, columnSeparatorStyle: 'BETWEEN_EACH_COLUMN' }, fields: 'marginLeft,columnSeparatorStyle' } }]);
    const styled = breaks().map((b: any) => [b.sectionBreak.sectionStyle.marginLeft?.magnitude, b.sectionBreak.sectionStyle.columnSeparatorStyle]);
    expect(styled).toEqual([[undefined, 'NONE'], [10, 'BETWEEN_EACH_COLUMN'], [undefined, 'NONE']]);
    batch(ws, id, [{ updateSectionStyle: { range: { startIndex: 1, endIndex: third.startIndex + 1 }, sectionStyle: { pageNumberStart: 5 }, fields: 'pageNumberStart' } }]);
    expect(breaks().map((b: any) => b.sectionBreak.sectionStyle.pageNumberStart)).toEqual([5, 5, 5]);
  });

  it('is refused outside the body and for the read-only sectionType', () => {
    const ws = freshWs();
    const id = newDoc(ws);
    const headerId = batch(ws, id, [{ createHeader: { type: 'DEFAULT' } }]).replies[0].createHeader.headerId;
    expect(batchErr(ws, id, [{ updateSectionStyle: { range: { segmentId: headerId, startIndex: 0, endIndex: 1 }, sectionStyle: {}, fields: 'marginLeft' } }]).message).toMatch(/segment ID must be empty/);
    expect(batchErr(ws, id, [{ updateSectionStyle: { range: { startIndex: 1, endIndex: 2 }, sectionStyle: { sectionType: 'NEXT_PAGE' }, fields: 'sectionType' } }]).message).toMatch(/read only/);
  });
});

describe('createFootnote', () => {
  it('inserts a one-unit reference, a footnote with " \\n", replies with its id; numbers follow the body order', () => {
    const ws = freshWs();
    const id = newDoc(ws);
    batch(ws, id, [{ insertText: { text: 'First. Second.', location: { index: 1 } } }]);
    const a = batch(ws, id, [{ createFootnote: { location: { index: 15 } } }]).replies[0].createFootnote.footnoteId;
    const b = batch(ws, id, [{ createFootnote: { location: { index: 7 } } }]).replies[0].createFootnote.footnoteId;
    const d = get(ws, id);
    const els = d.body.content[1].paragraph.elements;
    expect(els.map((e: any) => [e.startIndex, e.endIndex])).toEqual([[1, 7], [7, 8], [8, 16], [16, 17], [17, 18]]);
    expect(els[1].footnoteReference).toMatchObject({ footnoteId: b, footnoteNumber: '1' });
    expect(els[3].footnoteReference).toMatchObject({ footnoteId: a, footnoteNumber: '2' });
    expect(d.footnotes[a]).toEqual({ footnoteId: a, content: [{ endIndex: 2, paragraph: { elements: [{ endIndex: 2, textRun: { content: ' \n', textStyle: {} } }], paragraphStyle: { direction: 'LEFT_TO_RIGHT', namedStyleType: 'NORMAL_TEXT' } } }] });
    batch(ws, id, [{ insertText: { text: 'Source: the 2025 audit.', endOfSegmentLocation: { segmentId: a } } }]);
    expect(documentPlainText(ws, id)).toBe('First.[1] Second.[2]\n[1] \n[2] Source: the 2025 audit.\n');
  });

  it('goes in table cells of the body but not in a header, footer or footnote', () => {
    const ws = freshWs();
    const id = newDoc(ws);
    const r = batch(ws, id, [{ createFooter: { type: 'DEFAULT' } }, { createFootnote: { endOfSegmentLocation: {} } }, { insertTable: { rows: 1, columns: 1, location: { index: 1 } } }]);
    const footerId = r.replies[0].createFooter.footerId;
    const footnoteId = r.replies[1].createFootnote.footnoteId;
    expect(batchErr(ws, id, [{ createFootnote: { endOfSegmentLocation: { segmentId: footerId } } }]).message).toMatch(/^Invalid requests\[0\]\.createFootnote: Footnote references cannot be inserted in a footer\./);
    expect(batchErr(ws, id, [{ createFootnote: { location: { segmentId: footnoteId, index: 0 } } }]).message).toMatch(/cannot be inserted in a footnote/);
    const table = get(ws, id).body.content.find((e: any) => e.table);
    const inCell = batch(ws, id, [{ createFootnote: { location: { index: table.startIndex + 3 } } }]).replies[0].createFootnote.footnoteId;
    expect(Object.keys(get(ws, id).footnotes)).toContain(inCell);
  });

  it('deleting the reference deletes the footnote; grading reads footnote text', () => {
    const ws = freshWs();
    const id = newDoc(ws);
    const fid = batch(ws, id, [{ insertText: { text: 'Claim', location: { index: 1 } } }, { createFootnote: { location: { index: 6 } } }]).replies[1].createFootnote.footnoteId;
    batch(ws, id, [{ insertText: { text: 'hidden-token-7781', location: { segmentId: fid, index: 1 } } }]);
    const rec = ws.collection<DocRecord>(DOCS_COLLECTION).peek(id)!;
    expect(docEveryWord(rec)).toContain('hidden-token-7781');
    batch(ws, id, [{ deleteContentRange: { range: { startIndex: 6, endIndex: 7 } } }]);
    expect(get(ws, id).footnotes).toBeUndefined();
    expect(batchErr(ws, id, [{ insertText: { text: 'x', location: { segmentId: fid, index: 0 } } }]).message).toMatch(/segment ID .* does not exist/);
  });
});
