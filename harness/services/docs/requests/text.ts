/** Text requests: insertText, deleteContentRange, replaceAllText, insertPageBreak. */
import type { RequestSchema } from './schemas.ts';
import { resolveWhere, segmentOf, tabsOf, type RequestHandler } from './context.ts';
import { allSegments, fail, forEachParagraph, paragraphAt } from '../layout.ts';
import { ELEMENT_CHAR, paragraphText } from '../model.ts';
import { deleteRange, insertRunsAt, insertTextAt, replaceSpan } from '../edit.ts';
import { cleanInsertedText, styleAt } from '../runs.ts';
import { compileSearch } from './safe-regex.ts';

type Req<K extends keyof RequestSchema> = NonNullable<RequestSchema[K]>;

/** insertText: at a location inside a paragraph, or at the end of a segment. */
export const insertText: RequestHandler<Req<'insertText'>> = (ctx, r) => {
  const { seg, index } = resolveWhere(ctx.doc, r);
  insertTextAt(seg.tab, seg, index, cleanInsertedText(r.text));
  return undefined;
};

/** deleteContentRange: refuses the segment's final newline, split surrogates and partial tables. */
export const deleteContentRange: RequestHandler<Req<'deleteContentRange'>> = (ctx, r) => {
  const seg = segmentOf(ctx.doc, r.range);
  deleteRange(seg.tab, seg, r.range.startIndex, r.range.endIndex);
  return undefined;
};

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** replaceAllText: every match in every segment (within paragraphs), replied with the count. */
export const replaceAllText: RequestHandler<Req<'replaceAllText'>> = (ctx, r) => {
  const tabs = tabsOf(ctx.doc, r.tabsCriteria);
  const { text, matchCase, searchByRegex } = r.containsText;
  if (text.length === 0) fail('containsText.text must not be empty.');
  let re: RegExp;
  if (searchByRegex) {
    const c = compileSearch(text, matchCase ?? false);
    if (!c.ok) return fail(`Invalid regular expression: ${text.slice(0, 200)} (${c.why})`);
    re = c.re;
  } else re = new RegExp(escapeRegex(text), matchCase ? 'gu' : 'giu');
  const replacement = cleanInsertedText(r.replaceText);
  let occurrencesChanged = 0;
  for (const seg of tabs.flatMap((t) => allSegments(t))) {
    const matches: Array<[number, number]> = [];
    forEachParagraph(seg.blocks, seg.start, (p, start) => {
      const body = paragraphText(p).slice(0, -1);
      ctx.ws.spend(1 + (body.length >> 7));
      for (const m of body.matchAll(re)) {
        if (m[0].length === 0 || m[0].includes('\f') || m[0].includes(ELEMENT_CHAR)) continue;
        matches.push([start + m.index, start + m.index + m[0].length]);
      }
    });
    // From the end backwards, so earlier matches keep their indexes.
    for (let k = matches.length - 1; k >= 0; k--) {
      const [s, e] = matches[k]!;
      ctx.ws.spend(2 + (ctx.doc.body.length >> 2));
      replaceSpan(seg.tab, seg, s, e, replacement);
    }
    occurrencesChanged += matches.length;
  }
  return { occurrencesChanged };
};

/** insertPageBreak: a page break then a newline, in the body outside tables. */
export const insertPageBreak: RequestHandler<Req<'insertPageBreak'>> = (ctx, r) => {
  const { seg, index } = resolveWhere(ctx.doc, r);
  if (seg.kind !== 'body') fail('Page breaks can only be inserted in the document body.');
  const hit = paragraphAt(seg.blocks, seg.start, index);
  if (hit && hit.container !== seg.blocks) fail('Page breaks cannot be inserted inside a table.');
  const style = hit ? styleAt(hit.para, index - hit.start) : undefined;
  insertRunsAt(seg.tab, seg, index, [
    { text: '\f', pageBreak: true, ...(style ? { style } : {}) },
    { text: '\n', ...(style ? { style } : {}) },
  ]);
  return undefined;
};
