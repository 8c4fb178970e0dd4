import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { docs_v1 } from '@googleapis/docs';
import { startLiveServer, type LiveServer } from '../support/live-server.ts';
import { DOCS_REQUEST_KINDS } from '../../harness/services/docs/request-kinds.ts';

let live: LiveServer;
const used = new Set<string>();

beforeAll(async () => {
  live = await startLiveServer();
});
afterAll(() => live?.close());

async function batch(documentId: string, requests: docs_v1.Schema$Request[], writeControl?: docs_v1.Schema$WriteControl) {
  for (const r of requests) for (const k of Object.keys(r)) used.add(k);
  const { data } = await live.docs.documents.batchUpdate({ documentId, requestBody: { requests, ...(writeControl ? { writeControl } : {}) } });
  return data;
}

async function get(documentId: string) {
  return (await live.docs.documents.get({ documentId })).data;
}

async function failure(p: Promise<unknown>): Promise<{ status: number; data: any }> {
  try {
    await p;
  } catch (e: any) {
    return { status: e.status ?? e.response?.status, data: e.response?.data };
  }
  throw new Error('expected the call to fail');
}

const text = (d: docs_v1.Schema$Document) =>
  (d.body?.content ?? []).map((el) => (el.paragraph?.elements ?? []).map((e) => e.textRun?.content ?? '').join('')).join('');

describe('docs v1 through the official client', () => {
  let id = '';

  it('documents.create makes a blank doc (body ignored) and documents.get returns its structure', async () => {
    const { data } = await live.docs.documents.create({ requestBody: { title: 'Conformance', body: { content: [] } } });
    id = data.documentId!;
    expect(data.title).toBe('Conformance');
    const d = await get(id);
    expect(d.body!.content![0]).toMatchObject({ endIndex: 1, sectionBreak: {} });
    expect(d.body!.content![1]).toMatchObject({ startIndex: 1, endIndex: 2 });
    const tabs = (await live.docs.documents.get({ documentId: id, includeTabsContent: true })).data;
    expect(tabs.body).toBeUndefined();
    expect(tabs.tabs![0]!.documentTab!.body!.content![1]).toMatchObject({ startIndex: 1, endIndex: 2 });
  });

  it('text requests: insertText, replaceAllText, deleteContentRange, insertPageBreak', async () => {
    const r = await batch(id, [
      { insertText: { text: 'Hello 🌍 world\nAcme terms\n', location: { index: 1 } } },
      { replaceAllText: { containsText: { text: 'ACME', matchCase: false }, replaceText: 'Globex' } },
      { deleteContentRange: { range: { startIndex: 6, endIndex: 9 } } },
      { insertPageBreak: { endOfSegmentLocation: {} } },
    ]);
    expect(r.replies).toEqual([{}, { replaceAllText: { occurrencesChanged: 1 } }, {}, {}]);
    const d = await get(id);
    expect(text(d)).toBe('Hello world\nGlobex terms\n\n\n');
    expect(d.body!.content!.at(-2)!.paragraph!.elements![0]!.pageBreak).toBeDefined();
  });

  it('style requests: updateTextStyle, updateParagraphStyle, bullets, updateDocumentStyle', async () => {
    await batch(id, [
      { updateTextStyle: { range: { startIndex: 1, endIndex: 6 }, textStyle: { bold: true }, fields: 'bold' } },
      { updateParagraphStyle: { range: { startIndex: 1, endIndex: 2 }, paragraphStyle: { namedStyleType: 'HEADING_1' }, fields: 'namedStyleType' } },
      { createParagraphBullets: { range: { startIndex: 13, endIndex: 20 }, bulletPreset: 'BULLET_DISC_CIRCLE_SQUARE' } },
      { updateDocumentStyle: { documentStyle: { marginTop: { magnitude: 36, unit: 'PT' } }, fields: 'marginTop' } },
    ]);
    let d = await get(id);
    const [h, li] = [d.body!.content![1]!.paragraph!, d.body!.content![2]!.paragraph!];
    expect(h.paragraphStyle!.namedStyleType).toBe('HEADING_1');
    expect(h.elements![0]!.textRun).toEqual({ content: 'Hello', textStyle: { bold: true } });
    expect(li.bullet!.listId).toBeTruthy();
    expect(d.lists![li.bullet!.listId!]).toBeDefined();
    expect(d.documentStyle!.marginTop).toEqual({ magnitude: 36, unit: 'PT' });
    await batch(id, [{ deleteParagraphBullets: { range: { startIndex: 13, endIndex: 14 } } }]);
    d = await get(id);
    expect(d.body!.content![2]!.paragraph!.bullet).toBeUndefined();
  });

  it('table requests: insertTable, rows and columns', async () => {
    const t0 = await get(id);
    const end = t0.body!.content!.at(-1)!.endIndex!;
    await batch(id, [{ insertTable: { rows: 2, columns: 2, location: { index: end - 1 } } }]);
    let d = await get(id);
    const table = d.body!.content!.find((e) => e.table)!;
    expect(table.endIndex! - table.startIndex!).toBe(12);
    const loc = { tableStartLocation: { index: table.startIndex! }, rowIndex: 0, columnIndex: 0 };
    await batch(id, [
      { insertTableRow: { tableCellLocation: loc, insertBelow: true } },
      { insertTableColumn: { tableCellLocation: loc, insertRight: true } },
    ]);
    d = await get(id);
    expect(d.body!.content!.find((e) => e.table)!.table).toMatchObject({ rows: 3, columns: 3 });
    await batch(id, [{ deleteTableRow: { tableCellLocation: loc } }, { deleteTableColumn: { tableCellLocation: loc } }]);
    d = await get(id);
    expect(d.body!.content!.find((e) => e.table)!.table).toMatchObject({ rows: 2, columns: 2 });
  });

  it('named ranges and headers/footers', async () => {
    const r = await batch(id, [
      { createNamedRange: { name: 'greeting', range: { startIndex: 1, endIndex: 6 } } },
      { createHeader: { type: 'DEFAULT' } },
      { createFooter: { type: 'DEFAULT' } },
    ]);
    const namedRangeId = r.replies![0]!.createNamedRange!.namedRangeId!;
    const headerId = r.replies![1]!.createHeader!.headerId!;
    const footerId = r.replies![2]!.createFooter!.footerId!;
    expect(namedRangeId).toMatch(/^kix\./);
    await batch(id, [
      { insertText: { text: 'Corvid Labs — Confidential', location: { segmentId: headerId, index: 0 } } },
      { replaceNamedRangeContent: { namedRangeId, text: 'Greetings' } },
    ]);
    let d = await get(id);
    expect(d.headers![headerId]!.content![0]!.paragraph!.elements![0]!.textRun!.content).toBe('Corvid Labs — Confidential\n');
    expect(d.documentStyle!.defaultHeaderId).toBe(headerId);
    expect(d.namedRanges!.greeting!.namedRanges![0]!.ranges![0]).toMatchObject({ startIndex: 1, endIndex: 10 });
    expect(text(d).startsWith('Greetings world\n')).toBe(true);
    await batch(id, [{ deleteNamedRange: { name: 'greeting' } }, { deleteHeader: { headerId } }, { deleteFooter: { footerId } }]);
    d = await get(id);
    expect(d.namedRanges).toBeUndefined();
    expect(d.headers).toBeUndefined();
    expect(d.footers).toBeUndefined();
  });

  it('errors: 404, bad index 400, stale requiredRevisionId 400, atomic batches', async () => {
    const nf = await failure(live.docs.documents.get({ documentId: 'does-not-exist' }));
    expect(nf.status).toBe(404);
    expect(nf.data.error.status).toBe('NOT_FOUND');
    const before = await get(id);
    const bad = await failure(batch(id, [{ insertText: { text: 'x', location: { index: 1 } } }, { insertText: { text: 'x', location: { index: 100000 } } }]));
    expect(bad.status).toBe(400);
    expect(bad.data.error.status).toBe('INVALID_ARGUMENT');
    expect(bad.data.error.message).toMatch(/^Invalid requests\[1\]\.insertText: Index 100000 must be less than the end index/);
    const after = await get(id);
    expect(after.revisionId).toBe(before.revisionId);
    const ok = await batch(id, [{ insertText: { text: '!', location: { index: 1 } } }], { requiredRevisionId: before.revisionId! });
    expect(ok.writeControl!.requiredRevisionId).not.toBe(before.revisionId);
    const stale = await failure(batch(id, [{ insertText: { text: '?', location: { index: 1 } } }], { requiredRevisionId: before.revisionId! }));
    expect(stale.status).toBe(400);
    expect(stale.data.error.message).toMatch(/revision/);
  });

  it('every other request kind through the client: sections, footnotes, images, chips, table styles, named styles, tabs', async () => {
    const { data: created } = await live.docs.documents.create({ requestBody: { title: 'All kinds' } });
    const doc = created.documentId!;
    // Body "Intro\n" + a 2x2 table + "End\n".
    await batch(doc, [{ insertText: { text: 'Intro\nEnd', location: { index: 1 } } }, { insertTable: { rows: 2, columns: 2, location: { index: 6 } } }]);
    let d = await get(doc);
    const table = d.body!.content!.find((e) => e.table)!;
    const tableStartLocation = { index: table.startIndex! };
    const cell = (r: number, c: number) => table.table!.tableRows![r]!.tableCells![c]!.content![0]!.startIndex!;
    const r1 = await batch(doc, [
      { insertText: { text: 'B', location: { index: cell(0, 1) } } },
      { insertText: { text: 'A', location: { index: cell(0, 0) } } },
      { mergeTableCells: { tableRange: { tableCellLocation: { tableStartLocation, rowIndex: 0, columnIndex: 0 }, rowSpan: 1, columnSpan: 2 } } },
      { pinTableHeaderRows: { tableStartLocation, pinnedHeaderRowsCount: 1 } },
      { updateTableCellStyle: { tableStartLocation, tableCellStyle: { backgroundColor: { color: { rgbColor: { red: 1 } } } }, fields: 'backgroundColor' } },
      { updateTableColumnProperties: { tableStartLocation, columnIndices: [1], tableColumnProperties: { widthType: 'FIXED_WIDTH', width: { magnitude: 90, unit: 'PT' } }, fields: 'widthType,width' } },
      { updateTableRowStyle: { tableStartLocation, rowIndices: [1], tableRowStyle: { minRowHeight: { magnitude: 30, unit: 'PT' } }, fields: 'minRowHeight' } },
    ]);
    expect(r1.replies).toEqual([{}, {}, {}, {}, {}, {}, {}]);
    d = await get(doc);
    const t = d.body!.content!.find((e) => e.table)!.table!;
    expect(t.tableRows![0]!.tableCells![0]!.tableCellStyle).toMatchObject({ columnSpan: 2, rowSpan: 1, backgroundColor: { color: { rgbColor: { red: 1 } } } });
    expect(t.tableRows![0]!.tableCells![0]!.content!.map((e) => e.paragraph!.elements![0]!.textRun!.content).join('')).toBe('A\nB\n');
    expect(t.tableRows![0]!.tableRowStyle!.tableHeader).toBe(true);
    expect(t.tableRows![1]!.tableRowStyle!.minRowHeight).toEqual({ magnitude: 30, unit: 'PT' });
    expect(t.tableStyle!.tableColumnProperties![1]).toEqual({ widthType: 'FIXED_WIDTH', width: { magnitude: 90, unit: 'PT' } });
    await batch(doc, [{ unmergeTableCells: { tableRange: { tableCellLocation: { tableStartLocation }, rowSpan: 1, columnSpan: 2 } } }]);
    d = await get(doc);
    expect(d.body!.content!.find((e) => e.table)!.table!.tableRows![0]!.tableCells![0]!.tableCellStyle!.columnSpan).toBe(1);

    // Footnote, image, chips and a section break, each inserted at index 1 (before "Intro").
    const r2 = await batch(doc, [
      { createFootnote: { location: { index: 6 } } },
      { insertInlineImage: { uri: 'https://example.com/logo.png', location: { index: 1 }, objectSize: { width: { magnitude: 50, unit: 'PT' }, height: { magnitude: 20, unit: 'PT' } } } },
      { insertPerson: { personProperties: { email: 'ana.ruiz@corvidlabs.com' }, location: { index: 1 } } },
      { insertRichLink: { richLinkProperties: { uri: `https://docs.google.com/document/d/${id}/edit` }, location: { index: 1 } } },
      { insertDate: { dateElementProperties: { timestamp: '2026-03-05T15:00:00Z', timeZoneId: 'UTC' }, location: { index: 1 } } },
      { insertSectionBreak: { sectionType: 'NEXT_PAGE', endOfSegmentLocation: {} } },
    ]);
    const footnoteId = r2.replies![0]!.createFootnote!.footnoteId!;
    const objectId = r2.replies![1]!.insertInlineImage!.objectId!;
    expect(footnoteId).toMatch(/^kix\./);
    expect(objectId).toMatch(/^kix\./);
    expect(r2.replies!.slice(2)).toEqual([{}, {}, {}, {}]);
    d = await get(doc);
    const first = d.body!.content![1]!.paragraph!.elements!;
    expect(first.map((e) => Object.keys(e).find((k) => k !== 'startIndex' && k !== 'endIndex'))).toEqual(['dateElement', 'richLink', 'person', 'inlineObjectElement', 'textRun', 'footnoteReference', 'textRun']);
    expect(first[0]!.dateElement!.dateElementProperties!.displayText).toBe('Mar 5, 2026');
    expect(first[1]!.richLink!.richLinkProperties).toMatchObject({ title: 'Conformance', mimeType: 'application/vnd.google-apps.document' });
    expect(first[2]!.person!.personProperties!.email).toBe('ana.ruiz@corvidlabs.com');
    expect(first[5]!.footnoteReference).toMatchObject({ footnoteId, footnoteNumber: '1' });
    expect(d.footnotes![footnoteId]!.content![0]!.paragraph!.elements![0]!.textRun!.content).toBe(' \n');
    expect(d.inlineObjects![objectId]!.inlineObjectProperties!.embeddedObject!.imageProperties!.contentUri).toBe('https://example.com/logo.png');
    expect(d.body!.content!.filter((e) => e.sectionBreak).map((e) => e.sectionBreak!.sectionStyle!.sectionType)).toEqual(['CONTINUOUS', 'NEXT_PAGE']);
    const end = d.body!.content!.at(-1)!.endIndex!;
    await batch(doc, [
      { insertText: { text: 'See the appendix.', location: { segmentId: footnoteId, index: 1 } } },
      { replaceImage: { imageObjectId: objectId, uri: 'https://example.com/logo-2.png' } },
      { updateSectionStyle: { range: { startIndex: 1, endIndex: end - 1 }, sectionStyle: { marginLeft: { magnitude: 36, unit: 'PT' } }, fields: 'marginLeft' } },
      { updateNamedStyle: { namedStyle: { namedStyleType: 'HEADING_1', textStyle: { bold: true } }, fields: 'textStyle.bold' } },
    ]);
    d = await get(doc);
    expect(d.footnotes![footnoteId]!.content![0]!.paragraph!.elements![0]!.textRun!.content).toBe(' See the appendix.\n');
    expect(d.inlineObjects![objectId]!.inlineObjectProperties!.embeddedObject!.imageProperties!.sourceUri).toBe('https://example.com/logo-2.png');
    expect(d.body!.content!.filter((e) => e.sectionBreak).map((e) => e.sectionBreak!.sectionStyle!.marginLeft)).toEqual([{ magnitude: 36, unit: 'PT' }, { magnitude: 36, unit: 'PT' }]);
    expect(d.namedStyles!.styles!.find((s) => s.namedStyleType === 'HEADING_1')!.textStyle).toEqual({ bold: true, fontSize: { magnitude: 20, unit: 'PT' } });
    const gone = await failure(batch(doc, [{ deletePositionedObject: { objectId } }]));
    expect(gone.status).toBe(400);
    expect(gone.data.error.message).toMatch(/^Invalid requests\[0\]\.deletePositionedObject: The positioned object with ID kix\.\S+ does not exist\.$/);

    // Tabs: add two (one nested), rename, write into the child, then delete the parent.
    const r3 = await batch(doc, [
      { addDocumentTab: { tabProperties: { title: 'Notes' } } },
    ]);
    const notes = r3.replies![0]!.addDocumentTab!.tabProperties!;
    expect(notes).toMatchObject({ title: 'Notes', index: 1 });
    const r4 = await batch(doc, [
      { addDocumentTab: { tabProperties: { title: 'Child', parentTabId: notes.tabId! } } },
      { updateDocumentTabProperties: { tabProperties: { tabId: notes.tabId!, title: 'Meeting notes' }, fields: 'title' } },
    ]);
    const child = r4.replies![0]!.addDocumentTab!.tabProperties!;
    expect(child).toMatchObject({ title: 'Child', parentTabId: notes.tabId, nestingLevel: 1, index: 0 });
    await batch(doc, [{ insertText: { text: 'In the child tab', location: { index: 1, tabId: child.tabId! } } }]);
    const tabs = (await live.docs.documents.get({ documentId: doc, includeTabsContent: true })).data.tabs!;
    expect(tabs.map((x) => x.tabProperties!.title)).toEqual(['Tab 1', 'Meeting notes']);
    expect(tabs[1]!.childTabs![0]!.documentTab!.body!.content![1]!.paragraph!.elements![0]!.textRun!.content).toBe('In the child tab\n');
    await batch(doc, [{ deleteTab: { tabId: notes.tabId! } }]);
    const after = (await live.docs.documents.get({ documentId: doc, includeTabsContent: true })).data.tabs!;
    expect(after.map((x) => x.tabProperties!.tabId)).toEqual(['t.0']);
  });

  it('exercised every implemented request kind', () => {
    expect([...DOCS_REQUEST_KINDS].filter((k) => !used.has(k))).toEqual([]);
  });

  it('an edit through Docs shows in Drive files.export text/plain', async () => {
    await batch(id, [{ replaceAllText: { containsText: { text: 'Globex' }, replaceText: 'Initech' } }]);
    const { data } = await live.drive.files.export({ fileId: id, mimeType: 'text/plain' }, { responseType: 'text' });
    expect(String(data)).toContain('Initech terms');
    expect(String(data)).not.toContain('Globex');
  });
});
