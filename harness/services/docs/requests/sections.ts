/** Section requests: insertSectionBreak and updateSectionStyle (body only). */
import type { RequestSchema } from './schemas.ts';
import { applyMask, resolveWhere, segmentOf, type RequestHandler } from './context.ts';
import { blockStarts, fail, paragraphAt, segmentEnd } from '../layout.ts';
import { insertTextAt, shiftForInsert } from '../edit.ts';
import type { SectionBreakBlock } from '../model.ts';

type Req<K extends keyof RequestSchema> = NonNullable<RequestSchema[K]>;

const SECTION_FIELDS = [
  'columnProperties', 'columnSeparatorStyle', 'contentDirection', 'marginTop', 'marginBottom', 'marginRight', 'marginLeft',
  'marginHeader', 'marginFooter', 'pageNumberStart', 'useFirstPageHeaderFooter', 'flipPageOrientation',
  'defaultHeaderId', 'defaultFooterId', 'firstPageHeaderId', 'firstPageFooterId', 'evenPageHeaderId', 'evenPageFooterId',
] as const;
const SECTION_READ_ONLY = ['sectionType'];

/** insertSectionBreak: a newline, then the break right after the paragraph it ends; body only, never in a table. */
export const insertSectionBreak: RequestHandler<Req<'insertSectionBreak'>> = (ctx, r) => {
  const { seg, index } = resolveWhere(ctx.doc, r);
  if (seg.kind !== 'body') fail('Section breaks can only be inserted in the document body, not in a header, footer or footnote.');
  const hit = paragraphAt(seg.blocks, seg.start, index);
  if (!hit) fail(`The insertion index ${index} must be inside the bounds of an existing paragraph.`);
  if (hit.container !== seg.blocks) fail('Section breaks cannot be inserted inside a table.');
  insertTextAt(seg.tab, seg, index, '\n');
  const left = paragraphAt(seg.blocks, seg.start, index)!;
  const block: SectionBreakBlock = { type: 'sectionBreak', style: { sectionType: r.sectionType === 'NEXT_PAGE' ? 'NEXT_PAGE' : 'CONTINUOUS' } };
  seg.blocks.splice(left.pos + 1, 0, block);
  shiftForInsert(seg.tab, '', index + 1, 1);
  return undefined;
};

/** updateSectionStyle: the masked fields on every section overlapping the range (the first section included). */
export const updateSectionStyle: RequestHandler<Req<'updateSectionStyle'>> = (ctx, r) => {
  if ((r.range.segmentId ?? '') !== '') fail('Section styles can only be updated in the document body; the segment ID must be empty.');
  const seg = segmentOf(ctx.doc, r.range);
  const { startIndex: s, endIndex: e } = r.range;
  if (s < 0) fail(`Index ${s} must be greater than or equal to 0.`);
  if (e <= s) fail(`The range should not be empty: startIndex ${s} must be less than endIndex ${e}.`);
  const end = segmentEnd(seg);
  if (e > end) fail(`Index ${e - 1} must be less than the end index of the referenced segment, ${end}.`);
  applyMask({}, r.sectionStyle, r.fields, SECTION_FIELDS, SECTION_READ_ONLY);
  // Sections start at index 0 (the implicit first break) and at each section break of the body.
  const starts = blockStarts(seg.blocks, seg.start);
  const breaks = seg.blocks.flatMap((b, k) => (b.type === 'sectionBreak' ? [{ block: b, at: starts[k]! }] : []));
  const bounds = [0, ...breaks.map((b) => b.at), end];
  for (let k = 0; k < bounds.length - 1; k++) {
    if (!(bounds[k]! < e && bounds[k + 1]! > s)) continue;
    if (k === 0) seg.tab.sectionStyle = applyMask(seg.tab.sectionStyle ?? {}, r.sectionStyle, r.fields, SECTION_FIELDS, SECTION_READ_ONLY);
    else breaks[k - 1]!.block.style = applyMask(breaks[k - 1]!.block.style, r.sectionStyle, r.fields, SECTION_FIELDS, SECTION_READ_ONLY);
  }
  return undefined;
};
