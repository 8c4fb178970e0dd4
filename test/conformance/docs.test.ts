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
