/** Style requests: text and paragraph styles, bullets, and the document style. */
import type { RequestSchema } from './schemas.ts';
import { applyMask, segmentOf, tabOf, type RequestHandler } from './context.ts';
import { fail, forEachParagraph, segmentEnd, type SegmentRef } from '../layout.ts';
import { paragraphText, type Paragraph, type ParagraphStyle } from '../model.ts';
import { normaliseRuns, splitRuns } from '../runs.ts';
import { replaceSpan } from '../edit.ts';

type Req<K extends keyof RequestSchema> = NonNullable<RequestSchema[K]>;

const TEXT_FIELDS = ['bold', 'italic', 'underline', 'strikethrough', 'smallCaps', 'backgroundColor', 'foregroundColor', 'fontSize', 'weightedFontFamily', 'baselineOffset', 'link'] as const;
const PARAGRAPH_FIELDS = [
  'namedStyleType', 'alignment', 'lineSpacing', 'direction', 'spacingMode', 'spaceAbove', 'spaceBelow', 'borderBetween', 'borderTop',
  'borderBottom', 'borderLeft', 'borderRight', 'indentFirstLine', 'indentStart', 'indentEnd', 'keepLinesTogether', 'keepWithNext',
  'avoidWidowAndOrphan', 'shading', 'pageBreakBefore',
] as const;
const DOCUMENT_FIELDS = [
  'background', 'marginTop', 'marginBottom', 'marginLeft', 'marginRight', 'marginHeader', 'marginFooter', 'pageSize', 'pageNumberStart',
  'useFirstPageHeaderFooter', 'useEvenPageHeaderFooter', 'flipPageOrientation', 'useCustomHeaderFooterMargins',
] as const;
const DOCUMENT_READ_ONLY = ['defaultHeaderId', 'defaultFooterId', 'firstPageHeaderId', 'firstPageFooterId', 'evenPageHeaderId', 'evenPageFooterId', 'documentFormat'];

/** Validates a style range: non-empty and inside the segment (the final newline may be styled). */
function checkStyleRange(seg: SegmentRef, s: number, e: number): void {
  const end = segmentEnd(seg);
  if (s < seg.start) fail(`Index ${s} must be greater than or equal to ${seg.start}.`);
  if (e <= s) fail(`The range should not be empty: startIndex ${s} must be less than endIndex ${e}.`);
  if (e > end) fail(`Index ${e - 1} must be less than the end index of the referenced segment, ${end}.`);
}

/** Paragraphs overlapping [s, e) with their start indexes, in document order. */
function paragraphsIn(seg: SegmentRef, s: number, e: number): Array<{ p: Paragraph; start: number }> {
  const out: Array<{ p: Paragraph; start: number }> = [];
  forEachParagraph(seg.blocks, seg.start, (p, start) => {
    if (start < e && start + paragraphText(p).length > s) out.push({ p, start });
  });
  return out;
}

/** updateTextStyle: applies the masked fields to every run inside the range. */
export const updateTextStyle: RequestHandler<Req<'updateTextStyle'>> = (ctx, r) => {
  const seg = segmentOf(ctx.doc, r.range);
  const { startIndex: s, endIndex: e } = r.range;
  checkStyleRange(seg, s, e);
  applyMask({}, r.textStyle, r.fields, TEXT_FIELDS); // validate the mask even when no run changes
  for (const { p, start } of paragraphsIn(seg, s, e)) {
    const len = paragraphText(p).length;
    const from = Math.max(s, start) - start;
    const to = Math.min(e, start + len) - start;
    const [left, rest] = splitRuns(p.runs, from);
    const [mid, right] = splitRuns(rest, to - from);
    const styled = mid.map((run) => ({ ...run, style: applyMask(run.style ?? {}, r.textStyle, r.fields, TEXT_FIELDS) }));
    p.runs = normaliseRuns([...left, ...styled, ...right]);
  }
  return undefined;
};

/** updateParagraphStyle: applies the masked fields to every paragraph overlapping the range. */
export const updateParagraphStyle: RequestHandler<Req<'updateParagraphStyle'>> = (ctx, r) => {
  const seg = segmentOf(ctx.doc, r.range);
  const { startIndex: s, endIndex: e } = r.range;
  checkStyleRange(seg, s, e);
  applyMask({}, r.paragraphStyle, r.fields, PARAGRAPH_FIELDS, ['headingId']);
  for (const { p } of paragraphsIn(seg, s, e)) {
    const next = applyMask(p.style, r.paragraphStyle, r.fields, PARAGRAPH_FIELDS, ['headingId']);
    p.style = { ...next, namedStyleType: typeof next.namedStyleType === 'string' ? next.namedStyleType : 'NORMAL_TEXT' } as ParagraphStyle;
  }
  return undefined;
};

/** createParagraphBullets: a new list; leading tabs become the nesting level and are removed. */
export const createParagraphBullets: RequestHandler<Req<'createParagraphBullets'>> = (ctx, r) => {
  const seg = segmentOf(ctx.doc, r.range);
  const { startIndex: s, endIndex: e } = r.range;
  checkStyleRange(seg, s, e);
  const listId = ctx.newKixId();
  seg.tab.lists[listId] = { preset: r.bulletPreset };
  const targets = paragraphsIn(seg, s, e);
  for (const { p } of targets) {
    const tabs = /^\t*/.exec(paragraphText(p))![0].length;
    p.bullet = { listId, nestingLevel: Math.min(tabs, 8) };
  }
  // Remove the leading tabs from the last paragraph backwards so earlier indexes stay valid.
  for (let k = targets.length - 1; k >= 0; k--) {
    const { p, start } = targets[k]!;
    const tabs = /^\t*/.exec(paragraphText(p))![0].length;
    if (tabs > 0) replaceSpan(seg.tab, seg, start, start + tabs, '');
  }
  return undefined;
};

/** deleteParagraphBullets: the paragraphs overlapping the range leave their lists. */
export const deleteParagraphBullets: RequestHandler<Req<'deleteParagraphBullets'>> = (ctx, r) => {
  const seg = segmentOf(ctx.doc, r.range);
  checkStyleRange(seg, r.range.startIndex, r.range.endIndex);
  for (const { p } of paragraphsIn(seg, r.range.startIndex, r.range.endIndex)) delete p.bullet;
  return undefined;
};

/** updateDocumentStyle: margins, page size, background and the like through a field mask. */
export const updateDocumentStyle: RequestHandler<Req<'updateDocumentStyle'>> = (ctx, r) => {
  const tab = tabOf(ctx.doc, r.tabId);
  tab.documentStyle = applyMask(tab.documentStyle, r.documentStyle, r.fields, DOCUMENT_FIELDS, DOCUMENT_READ_ONLY);
  return undefined;
};
