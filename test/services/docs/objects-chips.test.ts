/**
 * Inline images, positioned objects and chips, from the reference: insertInlineImage puts a
 * one-unit inlineObjectElement in a paragraph (not in a footnote), replies with its objectId
 * and keeps the URI in imageProperties; a URI over 2 kB is refused; replaceImage keeps the
 * image's place; deletePositionedObject removes the object and its paragraph anchor; person,
 * rich link and date chips are one unit each and may go in any segment.
 */
import { describe, expect, it } from 'vitest';
import { batch, batchErr, checkIndexes, freshWs, get, newDoc } from './helpers.ts';
import { documentPlainText } from '../../../harness/services/docs/plain-text.ts';
import { DOCS_COLLECTION, paragraph, type DocRecord } from '../../../harness/services/docs/model.ts';

describe('insertInlineImage and replaceImage', () => {
  it('inserts a one-unit image, replies with its objectId and shows it under inlineObjects', () => {
    const ws = freshWs();
    const id = newDoc(ws);
    batch(ws, id, [{ insertText: { text: 'Logo:', location: { index: 1 } } }]);
    const { replies } = batch(ws, id, [{ insertInlineImage: { uri: 'https://example.com/a.png', endOfSegmentLocation: {}, objectSize: { width: { magnitude: 40, unit: 'PT' } } } }]);
    const objectId = replies[0].insertInlineImage.objectId;
    const d = get(ws, id);
    const els = d.body.content[1].paragraph.elements;
    expect(els[1]).toEqual({ startIndex: 6, endIndex: 7, inlineObjectElement: { inlineObjectId: objectId, textStyle: {} } });
    checkIndexes(d.body.content, 0);
    const emb = d.inlineObjects[objectId].inlineObjectProperties.embeddedObject;
    expect(d.inlineObjects[objectId].objectId).toBe(objectId);
    expect(emb.imageProperties.contentUri).toBe('https://example.com/a.png');
    // One dimension given: the other follows it (the aspect ratio is unknown without fetching).
    expect(emb.size).toEqual({ width: { magnitude: 40, unit: 'PT' }, height: { magnitude: 40, unit: 'PT' } });
    batch(ws, id, [{ replaceImage: { imageObjectId: objectId, uri: 'https://example.com/b.png', imageReplaceMethod: 'CENTER_CROP' } }]);
    const after = get(ws, id);
    expect(after.inlineObjects[objectId].inlineObjectProperties.embeddedObject.imageProperties.sourceUri).toBe('https://example.com/b.png');
    expect(after.body.content[1].paragraph.elements[1].inlineObjectElement.inlineObjectId).toBe(objectId);
    // Deleting the element deletes the object.
    batch(ws, id, [{ deleteContentRange: { range: { startIndex: 6, endIndex: 7 } } }]);
    expect(get(ws, id).inlineObjects).toBeUndefined();
    expect(batchErr(ws, id, [{ replaceImage: { imageObjectId: objectId, uri: 'https://example.com/c.png' } }]).message).toMatch(/image with ID .* does not exist/);
  });

  it('refuses a footnote, a URI over 2 kB or not http(s), and a table start', () => {
    const ws = freshWs();
    const id = newDoc(ws);
    const fid = batch(ws, id, [{ createFootnote: { location: { index: 1 } } }]).replies[0].createFootnote.footnoteId;
    expect(batchErr(ws, id, [{ insertInlineImage: { uri: 'https://example.com/a.png', location: { segmentId: fid, index: 0 } } }]).message).toMatch(/Inline images cannot be inserted in a footnote/);
    expect(batchErr(ws, id, [{ insertInlineImage: { uri: `https://example.com/${'a'.repeat(2100)}.png`, location: { index: 1 } } }]).message).toMatch(/at most 2048/);
    expect(batchErr(ws, id, [{ insertInlineImage: { uri: 'file:///etc/passwd', location: { index: 1 } } }]).message).toMatch(/problem retrieving the image/);
    batch(ws, id, [{ insertTable: { rows: 1, columns: 1, location: { index: 1 } } }]);
    const t = get(ws, id).body.content.find((e: any) => e.table);
    expect(batchErr(ws, id, [{ insertInlineImage: { uri: 'https://example.com/a.png', location: { index: t.startIndex } } }]).message).toMatch(/existing paragraph/);
  });
});

describe('deletePositionedObject', () => {
  it('removes the object and its anchor; an unknown id is a 400', () => {
    const ws = freshWs();
    const id = newDoc(ws);
    const docs = ws.collection<DocRecord>(DOCS_COLLECTION);
    const rec = structuredClone(docs.peek(id)!);
    rec.body = [{ ...paragraph('Anchored'), positionedObjectIds: ['kix.pos1'] }];
    rec.positionedObjects = { 'kix.pos1': { positioning: { layout: 'WRAP_TEXT' }, embeddedObject: { imageProperties: { contentUri: 'https://example.com/p.png' } } } };
    docs.set(id, rec);
    const before = get(ws, id);
    expect(before.body.content[1].paragraph.positionedObjectIds).toEqual(['kix.pos1']);
    expect(before.positionedObjects['kix.pos1'].objectId).toBe('kix.pos1');
    batch(ws, id, [{ deletePositionedObject: { objectId: 'kix.pos1' } }]);
    const after = get(ws, id);
    expect(after.positionedObjects).toBeUndefined();
    expect(after.body.content[1].paragraph.positionedObjectIds).toBeUndefined();
    expect(batchErr(ws, id, [{ deletePositionedObject: { objectId: 'kix.pos1' } }]).httpStatus).toBe(400);
  });
});

describe('person, rich link and date chips', () => {
  it('each is one unit, in the body and in headers, and reads as its text', () => {
    const ws = freshWs();
    const id = newDoc(ws);
    const target = newDoc(ws, 'Q3 pricing sheet');
    const headerId = batch(ws, id, [{ createHeader: { type: 'DEFAULT' } }]).replies[0].createHeader.headerId;
    batch(ws, id, [
      { insertText: { text: 'Owner: , see , due ', location: { index: 1 } } },
      { insertDate: { dateElementProperties: { timestamp: '2026-07-01T09:30:00Z', timeZoneId: 'America/New_York', dateFormat: 'DATE_FORMAT_ISO8601', timeFormat: 'TIME_FORMAT_HOUR_MINUTE' }, endOfSegmentLocation: {} } },
      { insertRichLink: { richLinkProperties: { uri: `https://docs.google.com/document/d/${target}/edit` }, location: { index: 14 } } },
      { insertPerson: { personProperties: { email: 'maria.chen@corvidlabs.com' }, location: { index: 8 } } },
      { insertPerson: { personProperties: { email: 'ops@corvidlabs.com' }, endOfSegmentLocation: { segmentId: headerId } } },
    ]);
    const d = get(ws, id);
    checkIndexes(d.body.content, 0);
    const els = d.body.content[1].paragraph.elements;
    const person = els.find((e: any) => e.person);
    expect(person.endIndex - (person.startIndex ?? 0)).toBe(1);
    expect(person.person.personProperties).toEqual({ email: 'maria.chen@corvidlabs.com', name: 'Maria Chen' });
    expect(person.person.personId).toMatch(/^kix\./);
    expect(els.find((e: any) => e.richLink).richLink.richLinkProperties).toEqual({ title: 'Q3 pricing sheet', uri: `https://docs.google.com/document/d/${target}/edit`, mimeType: 'application/vnd.google-apps.document' });
    expect(els.find((e: any) => e.dateElement).dateElement.dateElementProperties).toEqual({
      timestamp: '2026-07-01T09:30:00Z', timeZoneId: 'America/New_York', dateFormat: 'DATE_FORMAT_ISO8601', timeFormat: 'TIME_FORMAT_HOUR_MINUTE', displayText: '2026-07-01 5:30 AM',
    });
    expect(d.headers[headerId].content[0].paragraph.elements[0].person.personProperties.email).toBe('ops@corvidlabs.com');
    expect(documentPlainText(ws, id)).toBe('Owner: Maria Chen, see Q3 pricing sheet, due 2026-07-01 5:30 AM\n');
    // replaceAllText never matches across a chip.
    expect(batch(ws, id, [{ replaceAllText: { containsText: { text: 'see , due' }, replaceText: 'x' } }]).replies[0].replaceAllText.occurrencesChanged).toBe(0);
  });

  it('refuses a bad email, a non-Google rich link, a missing Drive file and a bad timestamp', () => {
    const ws = freshWs();
    const id = newDoc(ws);
    expect(batchErr(ws, id, [{ insertPerson: { personProperties: { email: 'not-an-email' }, location: { index: 1 } } }]).message).toMatch(/Invalid email address/);
    expect(batchErr(ws, id, [{ insertRichLink: { richLinkProperties: { uri: 'https://evil.example/x' }, location: { index: 1 } } }]).message).toMatch(/only point to Google resources/);
    expect(batchErr(ws, id, [{ insertRichLink: { richLinkProperties: { uri: 'https://drive.google.com/file/d/nosuchfile/view' }, location: { index: 1 } } }]).message).toMatch(/does not exist/);
    expect(batchErr(ws, id, [{ insertDate: { dateElementProperties: { timestamp: 'tomorrow' }, location: { index: 1 } } }]).message).toMatch(/Invalid timestamp/);
  });
});
