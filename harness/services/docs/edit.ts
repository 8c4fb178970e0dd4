/** Text edits on a document segment: insert, delete and replace, keeping named ranges in step. */
import type { Block, Paragraph, Run, TabContent } from './model.ts';
import { paragraphText } from './model.ts';
import {
  blockLength, blockStarts, cellAt, fail, paragraphAt, segmentEnd, splitsSurrogate, type SegmentRef,
} from './layout.ts';
import { rebuildParagraphs, splitRuns, styleAt, type TaggedRun } from './runs.ts';

/** Moves every named-range boundary of a segment through `map`; drops ranges that become empty. */
export function remapRanges(doc: TabContent, segmentId: string, map: (pos: number, isEnd: boolean) => number): void {
  for (const nr of doc.namedRanges) {
    nr.ranges = nr.ranges
      .map((r) => ((r.segmentId ?? '') !== segmentId ? r : { ...r, startIndex: map(r.startIndex, false), endIndex: map(r.endIndex, true) }))
      .filter((r) => r.endIndex > r.startIndex);
  }
  doc.namedRanges = doc.namedRanges.filter((nr) => nr.ranges.length > 0);
}

/** Shifts ranges for `n` units inserted at `at` (text inserted at a boundary stays outside the range). */
export function shiftForInsert(doc: TabContent, segmentId: string, at: number, n: number): void {
  remapRanges(doc, segmentId, (pos, isEnd) => (pos > at || (!isEnd && pos === at) ? pos + n : pos));
}

/** Shifts ranges for the units [s, e) removed. */
export function shiftForDelete(doc: TabContent, segmentId: string, s: number, e: number): void {
  remapRanges(doc, segmentId, (pos) => (pos <= s ? pos : pos >= e ? pos - (e - s) : s));
}

/** Checks an index lies inside a segment's content. */
export function checkIndex(seg: SegmentRef, index: number): void {
  const end = segmentEnd(seg);
  if (index < seg.start) fail(`Index ${index} must be greater than or equal to ${seg.start}.`);
  if (index >= end) fail(`Index ${index} must be less than the end index of the referenced segment, ${end}.`);
}

/** Inserts runs (may contain '\n', splitting the paragraph) at an index inside a paragraph. */
export function insertRunsAt(doc: TabContent, seg: SegmentRef, index: number, runs: readonly Run[]): number {
  checkIndex(seg, index);
  const hit = paragraphAt(seg.blocks, seg.start, index);
  if (!hit) fail('The insertion index must be inside the bounds of an existing paragraph. You can still create new paragraphs by inserting newlines.');
  if (splitsSurrogate(seg.blocks, seg.start, index)) fail(`The insertion index ${index} cannot split a surrogate pair.`);
  const [left, right] = splitRuns(hit.para.runs, index - hit.start);
  const tagged: TaggedRun[] = [...left, ...runs, ...right].map((run) => ({ run, origin: 0 }));
  const paras = rebuildParagraphs(tagged, [hit.para]);
  hit.container.splice(hit.pos, 1, ...paras);
  const n = runs.reduce((a, r) => a + r.text.length, 0);
  shiftForInsert(doc, seg.segmentId, index, n);
  return n;
}

/** Inserts plain text at an index, styled like the text just before it. */
export function insertTextAt(doc: TabContent, seg: SegmentRef, index: number, text: string): number {
  if (text.length === 0) return 0;
  checkIndex(seg, index);
  const hit = paragraphAt(seg.blocks, seg.start, index);
  const style = hit ? styleAt(hit.para, index - hit.start) : undefined;
  return insertRunsAt(doc, seg, index, [style ? { text, style } : { text }]);
}

/** Validates a deletion/replacement range: inside the segment, not empty, not the final newline, no split pairs. */
export function checkRange(seg: SegmentRef, s: number, e: number, allowFinalNewline = false): void {
  const end = segmentEnd(seg);
  if (s < seg.start) fail(`Index ${s} must be greater than or equal to ${seg.start}.`);
  if (e <= s) fail(`The range should not be empty: startIndex ${s} must be less than endIndex ${e}.`);
  if (e > end) fail(`Index ${e - 1} must be less than the end index of the referenced segment, ${end}.`);
  if (!allowFinalNewline && e === end) fail('The range cannot include the newline character at the end of the segment.');
  if (splitsSurrogate(seg.blocks, seg.start, s) || splitsSurrogate(seg.blocks, seg.start, e)) {
    fail(`The range [${s}, ${e}) cannot start or end inside a surrogate pair.`);
  }
}

/** Deletes [s, e) from a segment: paragraphs merge, fully covered tables go, partial tables are refused. */
export function deleteRange(doc: TabContent, seg: SegmentRef, s: number, e: number): void {
  checkRange(seg, s, e);
  deleteIn(seg.blocks, seg.start, s, e);
  shiftForDelete(doc, seg.segmentId, s, e);
}

function deleteIn(blocks: Block[], start: number, s: number, e: number): void {
  const starts = blockStarts(blocks, start);
  const ends = blocks.map((b, k) => starts[k]! + blockLength(b));
  const i = ends.findIndex((end) => end > s);
  let j = -1;
  for (let k = 0; k < starts.length; k++) if (starts[k]! < e) j = k;
  const first = blocks[i];
  if (i < 0 || j < i || !first) fail('Invalid deletion range.');
  if (i === j && first.type === 'table' && !(s === starts[i] && e === ends[i])) {
    const cell = cellAt(first, starts[i]!, s);
    if (cell && e < cell.contentEnd) return deleteIn(cell.content, cell.contentStart, s, e);
    if (cell && e === cell.contentEnd) fail('The range cannot include the newline character at the end of a table cell.');
    fail('Invalid deletion range. The range cannot cross table cell boundaries or partially cover a table.');
  }
  for (let k = i; k <= j; k++) {
    if (blocks[k]!.type === 'table' && !(s <= starts[k]! && ends[k]! <= e)) {
      fail('Invalid deletion range. The range cannot cross table cell boundaries or partially cover a table.');
    }
  }
  // The last surviving newline of the group must stay: if it is deleted, merge with the next paragraph.
  let lastPara = -1;
  for (let k = j; k >= i; k--) if (blocks[k]!.type === 'paragraph') { lastPara = k; break; }
  if (lastPara >= 0 && ends[lastPara]! - 1 >= s && ends[lastPara]! - 1 < e) {
    const next = blocks[j + 1];
    if (!next || next.type !== 'paragraph') fail('Invalid deletion range. The newline before a table or section break cannot be deleted without it.');
    j += 1;
  }
  const origins: Paragraph[] = [];
  const tagged: TaggedRun[] = [];
  for (let k = i; k <= j; k++) {
    const b = blocks[k]!;
    if (b.type !== 'paragraph') continue;
    const origin = origins.push(b) - 1;
    const ps = starts[k]!;
    const pe = ps + paragraphText(b).length;
    const [before] = splitRuns(b.runs, Math.max(0, Math.min(s, pe) - ps));
    const [, after] = splitRuns(b.runs, Math.max(0, Math.min(Math.max(e, ps), pe) - ps));
    for (const run of s > ps ? before : []) tagged.push({ run, origin });
    for (const run of e < pe ? after : []) tagged.push({ run, origin });
  }
  blocks.splice(i, j - i + 1, ...(tagged.length > 0 ? rebuildParagraphs(tagged, origins) : []));
}

/** Replaces [s, e) inside one paragraph with text styled like the first replaced character. */
export function replaceSpan(doc: TabContent, seg: SegmentRef, s: number, e: number, text: string): void {
  const hit = paragraphAt(seg.blocks, seg.start, s);
  if (!hit) fail('The replacement range must be inside one paragraph.');
  const style = styleAt(hit.para, s - hit.start + 1);
  const [left] = splitRuns(hit.para.runs, s - hit.start);
  const [, right] = splitRuns(hit.para.runs, e - hit.start);
  const mid: Run[] = text.length > 0 ? [style ? { text, style } : { text }] : [];
  const paras = rebuildParagraphs([...left, ...mid, ...right].map((run) => ({ run, origin: 0 })), [hit.para]);
  hit.container.splice(hit.pos, 1, ...paras);
  const delta = text.length - (e - s);
  remapRanges(doc, seg.segmentId, (pos, isEnd) => (pos <= s ? pos : pos >= e ? pos + delta : isEnd ? s + text.length : s));
}
