/**
 * A compact text view of a Google Docs `Document` resource for the agent: one line per
 * paragraph with its [startIndex, endIndex) range, headings marked `#`, list items with their
 * bullet, tables as rows of cells (each cell with its own range), headers and footers by id.
 * Rendered from the wire resource `docs.documents.get` returned, so indices are the API's.
 */

type Json = Record<string, any>;

/** The `view` argument the tool face adds to docs.documents.get. */
export const DOCS_VIEW_PARAM = 'view';

/** JSON Schema of the `view` argument (typed tool and describe_operation). */
export const DOCS_VIEW_SCHEMA = {
  type: 'string',
  enum: ['full', 'text'],
  description:
    'Tool-face option (not an API parameter): "text" returns a compact view — each paragraph\'s text with its [startIndex, endIndex) range, headings marked #, list bullets, tables as rows of cells with their ranges — instead of the full structure (about 1/20 of the size). Default "full".',
} as const;

const MAX_DEPTH = 6;

function paragraphText(p: Json): string {
  let out = '';
  for (const el of (p.elements as Json[] | undefined) ?? []) {
    if (el.textRun) out += String(el.textRun.content ?? '');
    else if (el.pageBreak) out += '[page break]';
    else if (el.inlineObjectElement) out += '[image]';
    else if (el.horizontalRule) out += '[rule]';
    else if (el.person) out += String(el.person.personProperties?.name ?? el.person.personProperties?.email ?? '[person]');
    else if (el.richLink) out += String(el.richLink.richLinkProperties?.title ?? '[link]');
    else if (el.footnoteReference) out += `[footnote ${String(el.footnoteReference.footnoteNumber ?? '')}]`;
  }
  return out.replace(/\n$/, '').replace(/\n/g, '\\n');
}

function headingMark(p: Json): string {
  const t = String(p.paragraphStyle?.namedStyleType ?? '');
  if (t === 'TITLE') return '# ';
  if (t === 'SUBTITLE') return '## ';
  const m = /^HEADING_(\d)$/.exec(t);
  return m ? `${'#'.repeat(Number(m[1]))} ` : '';
}

class Renderer {
  readonly lines: string[] = [];
  private readonly counters = new Map<string, number>();
  constructor(private readonly lists: Json) {}

  private bullet(b: Json): string {
    const level = Number(b.nestingLevel ?? 0);
    const glyph = this.lists?.[b.listId]?.listProperties?.nestingLevels?.[level];
    const numbered = glyph && typeof glyph.glyphType === 'string' && !/UNSPECIFIED|NONE/.test(glyph.glyphType);
    const key = `${String(b.listId)}/${level}`;
    const n = (this.counters.get(key) ?? 0) + 1;
    this.counters.set(key, n);
    return `${'  '.repeat(level)}${numbered ? `${n}.` : '•'} `;
  }

  content(elements: readonly Json[] | undefined, indent: string, depth: number): void {
    for (const e of elements ?? []) {
      const range = `[${String(e.startIndex ?? 0)},${String(e.endIndex ?? '')})`;
      if (e.paragraph) {
        const p = e.paragraph as Json;
        this.lines.push(`${indent}${range} ${p.bullet ? this.bullet(p.bullet) : ''}${headingMark(p)}${paragraphText(p)}`);
      } else if (e.table) {
        const t = e.table as Json;
        this.lines.push(`${indent}${range} TABLE ${String(t.rows ?? t.tableRows?.length ?? 0)}x${String(t.columns ?? '')}`);
        (t.tableRows as Json[] | undefined ?? []).forEach((row, r) => {
          if (depth >= MAX_DEPTH) return;
          const cells = (row.tableCells as Json[] | undefined ?? []).map((cell) => {
            const sub = new Renderer(this.lists);
            sub.content(cell.content as Json[], '', depth + 1);
            return `[${String(cell.startIndex ?? '')},${String(cell.endIndex ?? '')}) ${sub.lines.map((l) => l.replace(/^\[\d+,\d*\) /, '')).join(' / ')}`;
          });
          this.lines.push(`${indent}  row ${r + 1}: ${cells.join(' | ')}`);
        });
      } else if (e.tableOfContents) {
        this.lines.push(`${indent}${range} TABLE OF CONTENTS`);
      } else if (e.sectionBreak && e.startIndex !== undefined) {
        this.lines.push(`${indent}${range} [section break]`);
      }
    }
  }
}

function renderTab(tab: Json): string {
  const r = new Renderer(tab.lists ?? {});
  r.content(tab.body?.content, '', 0);
  for (const [id, h] of Object.entries((tab.headers ?? {}) as Json)) {
    r.lines.push(`HEADER ${id}:`);
    r.content((h as Json).content, '  ', 0);
  }
  for (const [id, f] of Object.entries((tab.footers ?? {}) as Json)) {
    r.lines.push(`FOOTER ${id}:`);
    r.content((f as Json).content, '  ', 0);
  }
  return r.lines.join('\n');
}

function namedRanges(tab: Json): Record<string, Array<[number, number]>> | undefined {
  const out: Record<string, Array<[number, number]>> = {};
  for (const [name, group] of Object.entries((tab.namedRanges ?? {}) as Json)) {
    for (const nr of ((group as Json).namedRanges as Json[] | undefined) ?? []) {
      for (const rg of (nr.ranges as Json[] | undefined) ?? []) (out[name] ??= []).push([Number(rg.startIndex ?? 0), Number(rg.endIndex ?? 0)]);
    }
  }
  return Object.keys(out).length ? out : undefined;
}

/** The compact view of a Document resource (or the resource itself when it is not one). */
export function documentTextView(doc: unknown): unknown {
  if (!doc || typeof doc !== 'object') return doc;
  const d = doc as Json;
  const head = { documentId: d.documentId, title: d.title, revisionId: d.revisionId, view: 'text' };
  const legend = 'Each line: [startIndex,endIndex) then the text (newlines shown as \\n); "#" marks headings, "•"/"1." list items; a table row lists its cells, each with its own range. Insert text at an index inside a range; the body ends at the last endIndex.';
  const tabs = d.tabs as Json[] | undefined;
  if (Array.isArray(tabs) && tabs.length && !d.body) {
    return {
      ...head, legend,
      tabs: tabs.map((t) => ({
        tabId: t.tabProperties?.tabId, title: t.tabProperties?.title, text: renderTab((t.documentTab ?? {}) as Json),
        ...(namedRanges((t.documentTab ?? {}) as Json) ? { namedRanges: namedRanges((t.documentTab ?? {}) as Json) } : {}),
      })),
    };
  }
  const ranges = namedRanges(d);
  return { ...head, legend, text: renderTab(d), ...(ranges ? { namedRanges: ranges } : {}) };
}
