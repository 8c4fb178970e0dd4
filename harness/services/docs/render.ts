/** Renders a stored document as the Docs API `Document` resource that documents.get returns. */
import type { Block, DocRecord, Paragraph, Run, TabContent, Table } from './model.ts';
import { blockLength, blocksLength } from './layout.ts';
import { renderList } from './lists.ts';
import { defaultNamedStyles } from './named-styles.ts';
import { childTabs, tabDepth, type TabRef } from './tabs.ts';

/** How documents.get was asked to render. */
export interface RenderOptions {
  readonly suggestionsViewMode?: string;
  readonly includeTabsContent?: boolean;
}

const pt = (magnitude: number) => ({ magnitude, unit: 'PT' });

/** Default document style of a new document (US Letter, 1 inch margins), as the real API shows it. */
export function defaultDocumentStyle(): Record<string, unknown> {
  return {
    background: { color: {} },
    pageNumberStart: 1,
    marginTop: pt(72),
    marginBottom: pt(72),
    marginRight: pt(72),
    marginLeft: pt(72),
    pageSize: { height: pt(792), width: pt(612) },
    marginHeader: pt(36),
    marginFooter: pt(36),
    useCustomHeaderFooterMargins: true,
    documentFormat: { documentMode: 'PAGES' },
  };
}

/** Index fields with proto defaults left out (a 0 start index is omitted, as the real API does). */
function span(start: number, end: number): Record<string, number> {
  return start === 0 ? { endIndex: end } : { startIndex: start, endIndex: end };
}

/** Section style of a section break: the real API's defaults under the fields set on it. */
function sectionStyleOf(style: Record<string, unknown> | undefined): Record<string, unknown> {
  return { columnSeparatorStyle: 'NONE', contentDirection: 'LEFT_TO_RIGHT', sectionType: 'CONTINUOUS', ...style };
}

/** Footnote numbers in order of their references in the body. */
function footnoteNumbers(tab: TabContent): Map<string, number> {
  const out = new Map<string, number>();
  // Without footnotes there is nothing to number: skip the walk of the body.
  if (!tab.footnotes || Object.keys(tab.footnotes).length === 0) return out;
  const walk = (blocks: readonly Block[]) => {
    for (const b of blocks) {
      if (b.type === 'table') for (const row of b.rows) for (const cell of row.cells) walk(cell.content);
      else if (b.type === 'paragraph') for (const r of b.runs) if (r.element?.kind === 'footnoteReference') out.set(r.element.footnoteId, out.size + 1);
    }
  };
  walk(tab.body);
  return out;
}

/** What rendering a segment needs besides its blocks. */
interface RenderContext {
  readonly footnotes: ReadonlyMap<string, number>;
}

function renderElement(r: Run, ctx: RenderContext): Record<string, unknown> {
  const textStyle = r.style ?? {};
  if (r.pageBreak) return { pageBreak: { textStyle } };
  const el = r.element;
  if (!el) return { textRun: { content: r.text, textStyle } };
  switch (el.kind) {
    case 'footnoteReference':
      return { footnoteReference: { footnoteId: el.footnoteId, footnoteNumber: String(ctx.footnotes.get(el.footnoteId) ?? 0), textStyle } };
    case 'inlineObject':
      return { inlineObjectElement: { inlineObjectId: el.inlineObjectId, textStyle } };
    case 'person':
      return { person: { personId: el.personId, personProperties: { email: el.email, ...(el.name !== undefined ? { name: el.name } : {}) }, textStyle } };
    case 'richLink':
      return { richLink: { richLinkId: el.richLinkId, richLinkProperties: { title: el.title, uri: el.uri, ...(el.mimeType !== undefined ? { mimeType: el.mimeType } : {}) }, textStyle } };
    case 'date':
      return { dateElement: { dateId: el.dateId, dateElementProperties: el.properties, textStyle } };
  }
}

function renderParagraph(p: Paragraph, start: number, ctx: RenderContext): Record<string, unknown> {
  const elements: Record<string, unknown>[] = [];
  let at = start;
  for (const r of p.runs) {
    const end = at + r.text.length;
    elements.push({ ...span(at, end), ...renderElement(r, ctx) });
    at = end;
  }
  const paragraph: Record<string, unknown> = { elements, paragraphStyle: { direction: 'LEFT_TO_RIGHT', ...p.style } };
  if (p.bullet) {
    paragraph.bullet = p.bullet.nestingLevel > 0 ? { listId: p.bullet.listId, nestingLevel: p.bullet.nestingLevel, textStyle: {} } : { listId: p.bullet.listId, textStyle: {} };
  }
  if (p.positionedObjectIds && p.positionedObjectIds.length > 0) paragraph.positionedObjectIds = [...p.positionedObjectIds];
  return { ...span(start, at), paragraph };
}

/** The style every cell shows before anything is set on it. */
function defaultCellStyle(): Record<string, unknown> {
  return { rowSpan: 1, columnSpan: 1, backgroundColor: {}, paddingLeft: pt(5), paddingRight: pt(5), paddingTop: pt(5), paddingBottom: pt(5), contentAlignment: 'TOP' };
}

function renderTable(t: Table, start: number, ctx: RenderContext): Record<string, unknown> {
  let at = start + 1;
  const tableRows = t.rows.map((row) => {
    const rowStart = at;
    at += 1;
    const tableCells = row.cells.map((cell) => {
      const cellStart = at;
      const content = renderBlocks(cell.content, cellStart + 1, ctx);
      at = cellStart + 1 + blocksLength(cell.content);
      return { ...span(cellStart, at), content, tableCellStyle: { ...defaultCellStyle(), ...cell.style } };
    });
    return { ...span(rowStart, at), tableCells, tableRowStyle: { minRowHeight: { unit: 'PT' }, ...row.style } };
  });
  return {
    ...span(start, start + blockLength(t)),
    table: {
      rows: t.rows.length,
      columns: t.columns,
      tableRows,
      tableStyle: { tableColumnProperties: Array.from({ length: t.columns }, (_, c) => ({ widthType: 'EVENLY_DISTRIBUTED', ...t.columnProperties?.[c] })) },
    },
  };
}

/** Structural elements of a block list starting at `start`. */
export function renderBlocks(blocks: readonly Block[], start: number, ctx: RenderContext = { footnotes: new Map() }): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  let at = start;
  for (const b of blocks) {
    if (b.type === 'paragraph') out.push(renderParagraph(b, at, ctx));
    else if (b.type === 'table') out.push(renderTable(b, at, ctx));
    else out.push({ ...span(at, at + 1), sectionBreak: { sectionStyle: sectionStyleOf(b.style) } });
    at += blockLength(b);
  }
  return out;
}

function segmentMap(segments: Record<string, Block[]> | undefined, idKey: string, start: number, ctx: RenderContext): Record<string, unknown> | undefined {
  const entries = Object.entries(segments ?? {});
  if (entries.length === 0) return undefined;
  return Object.fromEntries(entries.map(([id, c]) => [id, { [idKey]: id, content: renderBlocks(c, start, ctx) }]));
}

/** The parts of one tab (DocumentTab), as the Document's top-level fields show the first tab. */
function renderTabParts(tab: TabContent): Record<string, unknown> {
  const ctx: RenderContext = { footnotes: footnoteNumbers(tab) };
  const sectionBreak = { endIndex: 1, sectionBreak: { sectionStyle: sectionStyleOf(tab.sectionStyle) } };
  const out: Record<string, unknown> = {
    body: { content: [sectionBreak, ...renderBlocks(tab.body, 1, ctx)] },
    documentStyle: { ...defaultDocumentStyle(), ...tab.documentStyle },
    // The defaults are built fresh per call (cheaper than cloning); only edited styles are cloned.
    namedStyles: { styles: tab.namedStyles ? structuredClone(tab.namedStyles) : defaultNamedStyles() },
  };
  const headers = segmentMap(tab.headers, 'headerId', 0, ctx);
  if (headers) out.headers = headers;
  const footers = segmentMap(tab.footers, 'footerId', 0, ctx);
  if (footers) out.footers = footers;
  const footnotes = segmentMap(tab.footnotes, 'footnoteId', 0, ctx);
  if (footnotes) out.footnotes = footnotes;
  const lists = Object.entries(tab.lists);
  if (lists.length > 0) out.lists = Object.fromEntries(lists.map(([id, l]) => [id, renderList(l.preset)]));
  if (tab.namedRanges.length > 0) {
    const byName: Record<string, { name: string; namedRanges: unknown[] }> = {};
    for (const nr of tab.namedRanges) {
      const entry = (byName[nr.name] ??= { name: nr.name, namedRanges: [] });
      entry.namedRanges.push({
        namedRangeId: nr.namedRangeId,
        name: nr.name,
        ranges: nr.ranges.map((r) => ({ ...(r.segmentId ? { segmentId: r.segmentId } : {}), ...span(r.startIndex, r.endIndex) })),
      });
    }
    out.namedRanges = byName;
  }
  const inline = Object.entries(tab.inlineObjects ?? {});
  if (inline.length > 0) out.inlineObjects = Object.fromEntries(inline.map(([objectId, props]) => [objectId, { objectId, inlineObjectProperties: structuredClone(props) }]));
  const positioned = Object.entries(tab.positionedObjects ?? {});
  if (positioned.length > 0) out.positionedObjects = Object.fromEntries(positioned.map(([objectId, props]) => [objectId, { objectId, positionedObjectProperties: structuredClone(props) }]));
  return out;
}

/** The properties documents.get shows for a tab (index among its siblings, nesting level when nested). */
export function renderTabProperties(doc: DocRecord, tab: TabRef, index: number): Record<string, unknown> {
  const depth = tabDepth(doc, tab.props.tabId);
  return {
    tabId: tab.props.tabId,
    title: tab.props.title,
    index,
    ...(tab.props.parentTabId !== undefined ? { parentTabId: tab.props.parentTabId } : {}),
    ...(depth > 0 ? { nestingLevel: depth } : {}),
    ...(tab.props.iconEmoji ? { iconEmoji: tab.props.iconEmoji } : {}),
  };
}

function renderTabs(doc: DocRecord, parent: string | undefined, depth: number): Record<string, unknown>[] {
  if (depth > 32) return [];
  return childTabs(doc, parent).map((tab, index) => {
    const children = renderTabs(doc, tab.props.tabId, depth + 1);
    return {
      tabProperties: renderTabProperties(doc, tab, index),
      ...(children.length > 0 ? { childTabs: children } : {}),
      documentTab: renderTabParts(tab.content),
    };
  });
}

/**
 * The Document resource. Without includeTabsContent the top-level fields show the first
 * tab; with it every tab (children nested under `childTabs`) carries its own `documentTab`
 * and the top-level content fields are left out.
 */
export function renderDocument(doc: DocRecord, title: string, opts: RenderOptions = {}): Record<string, unknown> {
  const head = { documentId: doc.documentId, title, revisionId: doc.revisionId, suggestionsViewMode: opts.suggestionsViewMode ?? 'SUGGESTIONS_INLINE' };
  if (opts.includeTabsContent) return { ...head, tabs: renderTabs(doc, undefined, 0) };
  const first = childTabs(doc, undefined)[0];
  return { ...head, ...renderTabParts(first ? first.content : doc) };
}
