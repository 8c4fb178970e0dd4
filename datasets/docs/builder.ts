/** A small builder for base documents: headings, paragraphs, lists and tables as Docs blocks. */
import { hexId } from '../../harness/core/index.ts';
import { emptyTable, paragraph, type Block, type ListDef, type Run, type TextStyle } from '../../harness/services/docs/model.ts';

/** A piece of inline text: plain, or [text, style]. */
export type Inline = string | readonly [string, TextStyle];

/** Builds the body blocks and lists of one document. */
export class DocBuilder {
  readonly blocks: Block[] = [];
  readonly lists: Record<string, ListDef> = {};
  private listCount = 0;

  constructor(private readonly key: string) {}

  /** A paragraph in a named style, from inline pieces. */
  para(parts: string | readonly Inline[], namedStyleType = 'NORMAL_TEXT'): this {
    const list: readonly Inline[] = typeof parts === 'string' ? [parts] : parts;
    const runs: Run[] = list.map((p) => (typeof p === 'string' ? { text: p } : { text: p[0], style: { ...p[1] } }));
    runs.push({ text: '\n' });
    const p = paragraph('', namedStyleType);
    p.runs = mergeTail(runs);
    this.blocks.push(p);
    return this;
  }

  title(text: string): this {
    return this.para(text, 'TITLE');
  }

  h1(text: string): this {
    return this.para(text, 'HEADING_1');
  }

  h2(text: string): this {
    return this.para(text, 'HEADING_2');
  }

  /** A list; items prefixed with '\t' are nested one level per tab. */
  bullets(items: readonly (string | readonly Inline[])[], preset = 'BULLET_DISC_CIRCLE_SQUARE'): this {
    const listId = `kix.${hexId(`docs-base-list:${this.key}`, ++this.listCount, 12)}`;
    this.lists[listId] = { preset };
    for (const item of items) {
      const first = typeof item === 'string' ? item : '';
      const level = /^\t*/.exec(first)![0].length;
      this.para(typeof item === 'string' ? item.slice(level) : item);
      const p = this.blocks[this.blocks.length - 1]!;
      if (p.type === 'paragraph') p.bullet = { listId, nestingLevel: level };
    }
    return this;
  }

  /** A table from rows of cell texts; the first row is bold when `header`. */
  table(rows: readonly (readonly string[])[], header = true): this {
    const columns = Math.max(...rows.map((r) => r.length));
    const t = emptyTable(rows.length, columns);
    rows.forEach((row, r) =>
      row.forEach((text, c) => {
        const cell = t.rows[r]!.cells[c]!;
        const p = paragraph(text);
        if (header && r === 0 && text) p.runs = [{ text, style: { bold: true } }, { text: '\n' }];
        cell.content = [p];
      }),
    );
    this.blocks.push(t);
    // A table is always followed by a paragraph in a real document.
    return this.para('');
  }
}

/** The newline takes the style of nothing: merge it into the last run when that run is plain. */
function mergeTail(runs: Run[]): Run[] {
  const out: Run[] = [];
  for (const r of runs) {
    if (r.text === '') continue;
    const prev = out[out.length - 1];
    if (prev && !prev.style && !r.style) out[out.length - 1] = { text: prev.text + r.text };
    else out.push(r);
  }
  return out;
}
