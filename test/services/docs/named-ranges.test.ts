import { describe, expect, it } from 'vitest';
import { batch, batchErr, freshWs, get, newDoc } from './helpers.ts';

describe('named ranges and headers', () => {
  it('shift with edits before them, collapse away when their content is deleted', () => {
    const ws = freshWs();
    const id = newDoc(ws);
    const r = batch(ws, id, [
      { insertText: { text: 'alpha beta gamma', location: { index: 1 } } },
      { createNamedRange: { name: 'b', range: { startIndex: 7, endIndex: 11 } } },
      { createNamedRange: { name: 'g', range: { startIndex: 12, endIndex: 17 } } },
      { insertText: { text: '😀', location: { index: 1 } } },
    ]);
    expect(r.replies[1].createNamedRange.namedRangeId).not.toBe(r.replies[2].createNamedRange.namedRangeId);
    let d = get(ws, id);
    expect(d.namedRanges.b.namedRanges[0].ranges[0]).toEqual({ startIndex: 9, endIndex: 13 });
    batch(ws, id, [{ deleteContentRange: { range: { startIndex: 9, endIndex: 14 } } }]);
    d = get(ws, id);
    expect(d.namedRanges.b).toBeUndefined();
    expect(d.namedRanges.g.namedRanges[0].ranges[0]).toEqual({ startIndex: 9, endIndex: 14 });
    expect(batchErr(ws, id, [{ deleteNamedRange: { namedRangeId: 'kix.missing' } }]).httpStatus).toBe(400);
  });

  it('headers are their own segment starting at 0, with their own end-of-segment rule', () => {
    const ws = freshWs();
    const id = newDoc(ws);
    const headerId = batch(ws, id, [{ createHeader: { type: 'DEFAULT' } }]).replies[0].createHeader.headerId;
    batch(ws, id, [{ insertText: { text: 'Top', endOfSegmentLocation: { segmentId: headerId } } }]);
    const h = get(ws, id).headers[headerId].content[0];
    expect(h.startIndex).toBeUndefined();
    expect(h.endIndex).toBe(4);
    expect(batchErr(ws, id, [{ deleteContentRange: { range: { startIndex: 0, endIndex: 4, segmentId: headerId } } }]).message).toMatch(/end of the segment/);
    expect(batchErr(ws, id, [{ createHeader: { type: 'DEFAULT' } }]).message).toMatch(/already exists/);
    expect(batchErr(ws, id, [{ insertText: { text: 'x', location: { index: 0, segmentId: 'kix.nope' } } }]).httpStatus).toBe(400);
  });
});
