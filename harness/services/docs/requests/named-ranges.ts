/** Named-range requests: create, delete, and replace a named range's content. */
import type { RequestSchema } from './schemas.ts';
import { segmentOf, tabsOf, type RequestHandler } from './context.ts';
import { fail, segment, segmentEnd } from '../layout.ts';
import { deleteRange, insertTextAt } from '../edit.ts';
import { cleanInsertedText } from '../runs.ts';
import type { NamedRange } from '../model.ts';

type Req<K extends keyof RequestSchema> = NonNullable<RequestSchema[K]>;

/** createNamedRange: replies with the new namedRangeId. */
export const createNamedRange: RequestHandler<Req<'createNamedRange'>> = (ctx, r) => {
  if (r.name.length < 1 || r.name.length > 256) fail('The name must be between 1 and 256 UTF-16 code units long.');
  const seg = segmentOf(ctx.doc, r.range);
  const { startIndex: s, endIndex: e } = r.range;
  const end = segmentEnd(seg);
  if (s < seg.start) fail(`Index ${s} must be greater than or equal to ${seg.start}.`);
  if (e <= s) fail(`The range should not be empty: startIndex ${s} must be less than endIndex ${e}.`);
  if (e > end) fail(`Index ${e - 1} must be less than the end index of the referenced segment, ${end}.`);
  const namedRangeId = ctx.newKixId();
  seg.tab.namedRanges.push({ namedRangeId, name: r.name, ranges: [{ ...(seg.segmentId ? { segmentId: seg.segmentId } : {}), startIndex: s, endIndex: e }] });
  return { namedRangeId };
};

function targets(ranges: readonly NamedRange[], id: string | undefined, name: string | undefined): NamedRange[] {
  if ((id === undefined) === (name === undefined)) fail('Exactly one of namedRangeId or name must be set.');
  const hits = ranges.filter((nr) => (id !== undefined ? nr.namedRangeId === id : nr.name === name));
  if (hits.length === 0) fail(id !== undefined ? `The named range with ID ${id} does not exist.` : `No named range is named ${name}.`);
  return hits;
}

/** deleteNamedRange: by id, or every named range with a name. The content stays. */
export const deleteNamedRange: RequestHandler<Req<'deleteNamedRange'>> = (ctx, r) => {
  const tabs = tabsOf(ctx.doc, r.tabsCriteria);
  const gone = new Set(targets(tabs.flatMap((t) => t.namedRanges), r.namedRangeId, r.name).map((nr) => nr.namedRangeId));
  for (const tab of tabs) tab.namedRanges = tab.namedRanges.filter((nr) => !gone.has(nr.namedRangeId));
  return undefined;
};

/**
 * replaceNamedRangeContent: the text replaces the first range of each named range, the
 * other ranges are emptied, and the named range then covers exactly the new text.
 */
export const replaceNamedRangeContent: RequestHandler<Req<'replaceNamedRangeContent'>> = (ctx, r) => {
  const tabs = tabsOf(ctx.doc, r.tabsCriteria);
  const text = cleanInsertedText(r.text);
  targets(tabs.flatMap((t) => t.namedRanges), r.namedRangeId, r.namedRangeName);
  for (const tab of tabs) for (const target of tab.namedRanges.filter((nr) => (r.namedRangeId !== undefined ? nr.namedRangeId === r.namedRangeId : nr.name === r.namedRangeName))) {
    const current = tab.namedRanges.find((nr) => nr.namedRangeId === target.namedRangeId);
    if (!current) continue;
    const sorted = [...current.ranges].sort((a, b) => a.startIndex - b.startIndex);
    const first = sorted[0]!;
    for (let k = sorted.length - 1; k >= 0; k--) {
      const rg = sorted[k]!;
      deleteRange(tab, segment(tab, rg.segmentId), rg.startIndex, rg.endIndex);
    }
    const seg = segment(tab, first.segmentId);
    insertTextAt(tab, seg, first.startIndex, text);
    const ranges = text.length > 0 ? [{ ...(first.segmentId ? { segmentId: first.segmentId } : {}), startIndex: first.startIndex, endIndex: first.startIndex + text.length }] : [];
    tab.namedRanges = tab.namedRanges.filter((nr) => nr.namedRangeId !== target.namedRangeId);
    if (ranges.length > 0) tab.namedRanges.push({ namedRangeId: target.namedRangeId, name: target.name, ranges });
  }
  return undefined;
};
