import { describe, expect, it } from 'vitest';
import { batch, batchErr, checkIndexes, freshWs, get, newDoc, outline, bodyText } from './helpers.ts';

describe('docs documents.create / get', () => {
  it('creates a blank document with a section break ending at 1 and one empty paragraph', () => {
    const ws = freshWs();
    const id = newDoc(ws, 'Plan');
    const d = get(ws, id);
    expect(d.title).toBe('Plan');
    expect(d.documentId).toBe(id);
    expect(d.revisionId).toMatch(/^AL/);
    expect(d.body.content[0]).toMatchObject({ endIndex: 1, sectionBreak: {} });
    expect(d.body.content[0].startIndex).toBeUndefined();
    expect(outline(d)).toEqual([[1, 2, 'p', '\n']]);
    expect(d.body.content[1].paragraph.paragraphStyle.namedStyleType).toBe('NORMAL_TEXT');
    expect(d.documentStyle.pageSize.width).toEqual({ magnitude: 612, unit: 'PT' });
  });

  it('404s for an unknown document', () => {
    const ws = freshWs();
    const e = batchErr(ws, 'nope', [{ insertText: { text: 'x', location: { index: 1 } } }]);
    expect(e.httpStatus).toBe(404);
  });
});

describe('insertText', () => {
  it('counts emoji as two UTF-16 units and splits paragraphs on newlines', () => {
    const ws = freshWs();
    const id = newDoc(ws);
    batch(ws, id, [{ insertText: { text: 'Hi 😀 there\nSecond', location: { index: 1 } } }]);
    const d = get(ws, id);
    expect(outline(d)).toEqual([
      [1, 13, 'p', 'Hi 😀 there\n'],
      [13, 20, 'p', 'Second\n'],
    ]);
    checkIndexes(d.body.content, 0);
  });

  it('inserts at the end of the segment with endOfSegmentLocation', () => {
    const ws = freshWs();
    const id = newDoc(ws);
    batch(ws, id, [{ insertText: { text: 'abc', endOfSegmentLocation: {} } }, { insertText: { text: 'def', endOfSegmentLocation: {} } }]);
    expect(outline(get(ws, id))).toEqual([[1, 8, 'p', 'abcdef\n']]);
  });

  it('refuses an index inside a surrogate pair, past the end, or at 0', () => {
    const ws = freshWs();
    const id = newDoc(ws);
    batch(ws, id, [{ insertText: { text: 'a😀b', location: { index: 1 } } }]);
    const e = batchErr(ws, id, [{ insertText: { text: 'x', location: { index: 3 } } }]);
    expect(e.httpStatus).toBe(400);
    expect(e.message).toMatch(/^Invalid requests\[0\]\.insertText: .*surrogate/);
    expect(batchErr(ws, id, [{ insertText: { text: 'x', location: { index: 6 } } }]).message).toMatch(/must be less than the end index of the referenced segment, 6/);
    expect(batchErr(ws, id, [{ insertText: { text: 'x', location: { index: 0 } } }]).httpStatus).toBe(400);
    batch(ws, id, [{ insertText: { text: 'x', location: { index: 4 } } }]);
    expect(bodyText(get(ws, id))).toBe('a😀xb\n');
  });

  it('inherits the text style of the character before', () => {
    const ws = freshWs();
    const id = newDoc(ws);
    batch(ws, id, [
      { insertText: { text: 'bold plain', location: { index: 1 } } },
      { updateTextStyle: { range: { startIndex: 1, endIndex: 5 }, textStyle: { bold: true }, fields: 'bold' } },
      { insertText: { text: 'ER', location: { index: 5 } } },
    ]);
    const els = get(ws, id).body.content[1].paragraph.elements;
    expect(els[0]).toMatchObject({ startIndex: 1, endIndex: 7, textRun: { content: 'boldER', textStyle: { bold: true } } });
    expect(els[1].textRun).toEqual({ content: ' plain\n', textStyle: {} });
  });
});

describe('deleteContentRange', () => {
  it('merges paragraphs, keeping the first paragraph style', () => {
    const ws = freshWs();
    const id = newDoc(ws);
    batch(ws, id, [
      { insertText: { text: 'Title\nbody text\n', location: { index: 1 } } },
      { updateParagraphStyle: { range: { startIndex: 1, endIndex: 2 }, paragraphStyle: { namedStyleType: 'HEADING_1' }, fields: 'namedStyleType' } },
      { deleteContentRange: { range: { startIndex: 4, endIndex: 12 } } },
    ]);
    const d = get(ws, id);
    expect(outline(d)).toEqual([[1, 9, 'p', 'Tittext\n'], [9, 10, 'p', '\n']]);
    expect(d.body.content[1].paragraph.paragraphStyle.namedStyleType).toBe('HEADING_1');
  });

  it('refuses the final newline, empty ranges and split surrogates', () => {
    const ws = freshWs();
    const id = newDoc(ws);
    batch(ws, id, [{ insertText: { text: 'ab😀', location: { index: 1 } } }]);
    expect(batchErr(ws, id, [{ deleteContentRange: { range: { startIndex: 1, endIndex: 6 } } }]).message).toMatch(/newline character at the end of the segment/);
    expect(batchErr(ws, id, [{ deleteContentRange: { range: { startIndex: 2, endIndex: 2 } } }]).httpStatus).toBe(400);
    expect(batchErr(ws, id, [{ deleteContentRange: { range: { startIndex: 1, endIndex: 4 } } }]).message).toMatch(/surrogate/);
    batch(ws, id, [{ deleteContentRange: { range: { startIndex: 3, endIndex: 5 } } }]);
    expect(bodyText(get(ws, id))).toBe('ab\n');
  });
});

describe('replaceAllText', () => {
  it('replaces case-insensitively by default and reports occurrencesChanged', () => {
    const ws = freshWs();
    const id = newDoc(ws);
    batch(ws, id, [{ insertText: { text: 'Acme and ACME and acme\nnot here\nacme', location: { index: 1 } } }]);
    const r = batch(ws, id, [
      { replaceAllText: { containsText: { text: 'acme', matchCase: true }, replaceText: 'Globex' } },
      { replaceAllText: { containsText: { text: 'acme' }, replaceText: 'X' } },
      { replaceAllText: { containsText: { text: 'zzz' }, replaceText: 'Y' } },
    ]);
    expect(r.replies).toEqual([{ replaceAllText: { occurrencesChanged: 2 } }, { replaceAllText: { occurrencesChanged: 2 } }, { replaceAllText: { occurrencesChanged: 0 } }]);
    expect(bodyText(get(ws, id))).toBe('X and X and Globex\nnot here\nGlobex\n');
  });
});

describe('writeControl and atomicity', () => {
  it('changes the revisionId on every batch and rejects a stale requiredRevisionId', () => {
    const ws = freshWs();
    const id = newDoc(ws);
    const r0 = get(ws, id).revisionId;
    const res = batch(ws, id, [{ insertText: { text: 'a', location: { index: 1 } } }], { requiredRevisionId: r0 });
    expect(res.writeControl.requiredRevisionId).not.toBe(r0);
    expect(res.writeControl.requiredRevisionId).toBe(get(ws, id).revisionId);
    expect(res.replies).toEqual([{}]);
    const e = batchErr(ws, id, [{ insertText: { text: 'b', location: { index: 1 } } }], { requiredRevisionId: r0 });
    expect(e.httpStatus).toBe(400);
    expect(e.reason).toBe('failedPrecondition');
    batch(ws, id, [{ insertText: { text: 'c', location: { index: 1 } } }], { targetRevisionId: r0 });
    expect(bodyText(get(ws, id))).toBe('ca\n');
  });

  it('applies nothing when a later request fails', () => {
    const ws = freshWs();
    const id = newDoc(ws);
    const before = get(ws, id);
    const e = batchErr(ws, id, [
      { insertText: { text: 'hello', location: { index: 1 } } },
      { deleteContentRange: { range: { startIndex: 1, endIndex: 99 } } },
    ]);
    expect(e.message).toMatch(/^Invalid requests\[1\]\.deleteContentRange/);
    const after = get(ws, id);
    expect(after.revisionId).toBe(before.revisionId);
    expect(bodyText(after)).toBe('\n');
  });
});
