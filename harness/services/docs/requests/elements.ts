/** Inserting a one-unit paragraph element (chip, footnote reference, image) where the reference allows it. */
import { fail, paragraphAt, type SegmentKind, type SegmentRef } from '../layout.ts';
import { ELEMENT_CHAR, type RunElement } from '../model.ts';
import { insertRunsAt } from '../edit.ts';
import { styleAt } from '../runs.ts';

/** Names of segment kinds for error messages. */
const KIND_NAMES: Record<SegmentKind, string> = { body: 'the document body', header: 'a header', footer: 'a footer', footnote: 'a footnote' };

/**
 * Inserts `element` at `index` inside an existing paragraph of `seg`, styled like the text
 * before it; `allowed` lists the segment kinds the reference lets this element go in.
 */
export function insertElementAt(seg: SegmentRef, index: number, element: RunElement, what: string, allowed: readonly SegmentKind[]): void {
  if (!allowed.includes(seg.kind)) fail(`${what} cannot be inserted in ${KIND_NAMES[seg.kind]}.`);
  const hit = paragraphAt(seg.blocks, seg.start, index);
  if (!hit) fail(`The insertion index ${index} must be inside the bounds of an existing paragraph.`);
  const style = styleAt(hit.para, index - hit.start);
  insertRunsAt(seg.tab, seg, index, [{ text: ELEMENT_CHAR, element, ...(style ? { style } : {}) }]);
}

/** Turns a snake_case field mask (`text_style.bold`) into the camelCase names the model uses. */
export function camelMask(fields: string): string {
  return fields.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}
