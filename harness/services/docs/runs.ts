/** Styled-run helpers: splitting, merging, and rebuilding paragraphs from a run sequence. */
import { sameData } from '../../core/index.ts';
import type { Paragraph, Run, TextStyle } from './model.ts';

/** A run tagged with the paragraph it came from (its index in a list of origins). */
export interface TaggedRun {
  run: Run;
  origin: number;
}

function sameStyle(a: TextStyle | undefined, b: TextStyle | undefined): boolean {
  return sameData(a ?? {}, b ?? {});
}

/** Merges adjacent runs of equal style (never page breaks) and drops empty runs. */
export function normaliseRuns(runs: readonly Run[]): Run[] {
  const out: Run[] = [];
  for (const r of runs) {
    if (r.text.length === 0) continue;
    const prev = out[out.length - 1];
    if (prev && !prev.pageBreak && !r.pageBreak && !prev.element && !r.element && sameStyle(prev.style, r.style)) {
      out[out.length - 1] = { ...prev, text: prev.text + r.text };
    } else out.push(r.style && Object.keys(r.style).length === 0 ? { text: r.text, ...(r.pageBreak ? { pageBreak: true } : {}), ...(r.element ? { element: r.element } : {}) } : r);
  }
  return out;
}

/** Splits runs at a UTF-16 offset into the runs before and after it. */
export function splitRuns(runs: readonly Run[], offset: number): [Run[], Run[]] {
  const left: Run[] = [];
  const right: Run[] = [];
  let at = 0;
  for (const r of runs) {
    const end = at + r.text.length;
    if (end <= offset) left.push(r);
    else if (at >= offset) right.push(r);
    else {
      left.push({ ...r, text: r.text.slice(0, offset - at) });
      right.push({ ...r, text: r.text.slice(offset - at) });
    }
    at = end;
  }
  return [left, right];
}

/** The text style new text inherits at an offset: the character before it, else the one at it. */
export function styleAt(p: Paragraph, offset: number): TextStyle | undefined {
  const runAt = (i: number): Run | undefined => {
    let at = 0;
    for (const r of p.runs) {
      if (i >= at && i < at + r.text.length) return r;
      at += r.text.length;
    }
    return undefined;
  };
  const before = offset > 0 ? runAt(offset - 1) : undefined;
  if (before && !before.pageBreak) return before.style;
  const here = runAt(offset);
  return here && !here.pageBreak ? here.style : undefined;
}

/**
 * Rebuilds paragraphs from tagged runs, splitting at every '\n'. Each paragraph takes
 * the paragraph style and bullet of the origin of its first character, which matches
 * Docs: merging two paragraphs keeps the first one's style.
 */
export function rebuildParagraphs(tagged: readonly TaggedRun[], origins: readonly Paragraph[]): Paragraph[] {
  const out: Paragraph[] = [];
  let runs: Run[] = [];
  let origin = -1;
  const flush = () => {
    const meta = origins[origin]!;
    const p: Paragraph = { type: 'paragraph', runs: normaliseRuns(runs), style: meta.style };
    if (meta.bullet) p.bullet = meta.bullet;
    out.push(p);
    runs = [];
    origin = -1;
  };
  for (const t of tagged) {
    let text = t.run.text;
    while (text.length > 0) {
      if (origin < 0) origin = t.origin;
      const nl = text.indexOf('\n');
      if (nl < 0) {
        runs.push({ ...t.run, text });
        break;
      }
      runs.push({ ...t.run, text: text.slice(0, nl + 1) });
      flush();
      text = text.slice(nl + 1);
    }
  }
  if (runs.length > 0) throw new Error('docs: rebuilt paragraphs must end with a newline');
  return out;
}

/** Strips characters the real API drops from inserted text (C0 controls except \t \n \v, and the BMP private use area). */
export function cleanInsertedText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000c-\u001f\ue000-\uf8ff]/g, '');
}
