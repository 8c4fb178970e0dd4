/**
 * The stored document model: blocks of paragraphs (styled runs), tables and section breaks,
 * plus each tab's parts (headers, footers, footnotes, inline and positioned objects, lists,
 * named ranges and styles). The record's own fields are its first tab, so everything that
 * reads `body` keeps reading the first tab; further tabs live in `tabs`.
 */
import { z } from 'zod';

/** Collection key of stored documents. */
export const DOCS_COLLECTION = 'docs.documents';

/** Text style of a run (Docs `TextStyle`): only the fields that are set. */
export type TextStyle = Record<string, unknown>;
/** Paragraph style (Docs `ParagraphStyle`); `namedStyleType` is always present. */
export type ParagraphStyle = Record<string, unknown> & { namedStyleType: string };

/**
 * A paragraph element that is not text: a footnote reference, an inline image, a person,
 * rich link or date chip. Each is one UTF-16 unit long in the index space.
 */
export type RunElement =
  | { kind: 'footnoteReference'; footnoteId: string }
  | { kind: 'inlineObject'; inlineObjectId: string }
  | { kind: 'person'; personId: string; email: string; name?: string }
  | { kind: 'richLink'; richLinkId: string; uri: string; title: string; mimeType?: string }
  | { kind: 'date'; dateId: string; properties: Record<string, unknown> };

/**
 * The character an element run holds: one unit from the private use area, which inserted
 * text can never contain (cleanInsertedText drops that area), so it never matches a search.
 */
export const ELEMENT_CHAR = '\ue907';

/** A run of text with one style. A page break is a run of one '\f' flagged `pageBreak`; an element a run of ELEMENT_CHAR. */
export interface Run {
  text: string;
  style?: TextStyle;
  pageBreak?: true;
  element?: RunElement;
}

/** Membership of a paragraph in a list. */
export interface Bullet {
  listId: string;
  nestingLevel: number;
}

/** A paragraph: its runs always end with exactly one '\n', and contain no other '\n'. */
export interface Paragraph {
  type: 'paragraph';
  runs: Run[];
  style: ParagraphStyle;
  bullet?: Bullet;
  /** Positioned objects anchored to this paragraph. */
  positionedObjectIds?: string[];
}

/** One table cell: its own content blocks (at least one paragraph). */
export interface TableCell {
  content: Block[];
  /** TableCellStyle fields set on this cell (rowSpan/columnSpan > 1 on the head of a merge). */
  style?: Record<string, unknown>;
  /** Covered by a merge whose head is another cell. */
  merged?: true;
}

/** One table row. */
export interface TableRow {
  cells: TableCell[];
  /** TableRowStyle fields set on this row (minRowHeight, tableHeader, preventOverflow). */
  style?: Record<string, unknown>;
}

/** A table; every row has `columns` cells. */
export interface Table {
  type: 'table';
  columns: number;
  rows: TableRow[];
  /** TableColumnProperties per column, when any was set. */
  columnProperties?: Array<Record<string, unknown>>;
}

/** A section break (one unit, body only) and the style of the section it starts. */
export interface SectionBreakBlock {
  type: 'sectionBreak';
  style: Record<string, unknown>;
}

/** A structural block of a segment (the body, a header, a footer, a footnote, a cell). */
export type Block = Paragraph | Table | SectionBreakBlock;

/** One contiguous range of a named range. `segmentId` empty means the body. */
export interface RangeRef {
  segmentId?: string;
  startIndex: number;
  endIndex: number;
}

/** A named range (several may share a name). */
export interface NamedRange {
  namedRangeId: string;
  name: string;
  ranges: RangeRef[];
}

/** A list created by createParagraphBullets: its bullet preset decides its glyphs. */
export interface ListDef {
  preset: string;
}

/** A named style (NamedStyle): its type and the text and paragraph styles it sets. */
export interface NamedStyle {
  namedStyleType: string;
  textStyle: Record<string, unknown>;
  paragraphStyle: Record<string, unknown>;
}

/** An inline or positioned object's properties as the API shows them (EmbeddedObject and the rest). */
export type ObjectProperties = Record<string, unknown>;

/** The content of one tab (DocumentTab). Headers, footers and footnotes are keyed by their ids (`kix.…`). */
export interface TabContent {
  body: Block[];
  headers: Record<string, Block[]>;
  footers: Record<string, Block[]>;
  footnotes?: Record<string, Block[]>;
  namedRanges: NamedRange[];
  lists: Record<string, ListDef>;
  documentStyle: Record<string, unknown>;
  /** Style of the first section (the implicit section break at index 0), fields set on it. */
  sectionStyle?: Record<string, unknown>;
  /** All nine named styles once one was changed; absent means the defaults of a new document. */
  namedStyles?: NamedStyle[];
  inlineObjects?: Record<string, ObjectProperties>;
  positionedObjects?: Record<string, ObjectProperties>;
}

/** A tab's properties (TabProperties without the output-only nesting level and index). */
export interface TabProps {
  tabId: string;
  title: string;
  parentTabId?: string;
  iconEmoji?: string;
}

/** A tab other than the record's own: its properties and content. */
export interface ExtraTab {
  tabProperties: TabProps;
  content: TabContent;
}

/** A stored Google Doc: its own fields are its first tab (`t.0` unless it was replaced). */
export interface DocRecord extends TabContent {
  documentId: string;
  title: string;
  /** Sequence number of the current revision (1 = as created). */
  revision: number;
  revisionId: string;
  /** Properties of the record's own tab; absent means `t.0` titled "Tab 1". */
  tabProperties?: TabProps;
  /** Where the record's own tab sits among the root tabs (default 0). */
  tabPosition?: number;
  /** Further tabs, siblings in order. */
  tabs?: ExtraTab[];
}

const record = z.record(z.string(), z.unknown());

const RunElementSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('footnoteReference'), footnoteId: z.string() }),
  z.object({ kind: z.literal('inlineObject'), inlineObjectId: z.string() }),
  z.object({ kind: z.literal('person'), personId: z.string(), email: z.string(), name: z.string().optional() }),
  z.object({ kind: z.literal('richLink'), richLinkId: z.string(), uri: z.string(), title: z.string(), mimeType: z.string().optional() }),
  z.object({ kind: z.literal('date'), dateId: z.string(), properties: record }),
]);

const RunSchema = z.object({
  text: z.string(),
  style: record.optional(),
  pageBreak: z.literal(true).optional(),
  element: RunElementSchema.optional(),
});

const ParagraphSchema = z.object({
  type: z.literal('paragraph'),
  runs: z.array(RunSchema),
  style: z.looseObject({ namedStyleType: z.string() }),
  bullet: z.object({ listId: z.string(), nestingLevel: z.number().int() }).optional(),
  positionedObjectIds: z.array(z.string()).optional(),
});

/** zod schema of a block (recursive through table cells). */
export const BlockSchema: z.ZodType<Block> = z.lazy(() =>
  z.union([
    ParagraphSchema,
    z.object({
      type: z.literal('table'),
      columns: z.number().int(),
      rows: z.array(z.object({
        cells: z.array(z.object({ content: z.array(BlockSchema), style: record.optional(), merged: z.literal(true).optional() })),
        style: record.optional(),
      })),
      columnProperties: z.array(record).optional(),
    }),
    z.object({ type: z.literal('sectionBreak'), style: record }),
  ]),
) as z.ZodType<Block>;

const segments = z.record(z.string(), z.array(BlockSchema));

/** zod schema of a tab's content. */
export const TabContentSchema = z.object({
  body: z.array(BlockSchema),
  headers: segments,
  footers: segments,
  footnotes: segments.optional(),
  namedRanges: z.array(
    z.object({
      namedRangeId: z.string(),
      name: z.string(),
      ranges: z.array(z.object({ segmentId: z.string().optional(), startIndex: z.number(), endIndex: z.number() })),
    }),
  ),
  lists: z.record(z.string(), z.object({ preset: z.string() })),
  documentStyle: record,
  sectionStyle: record.optional(),
  namedStyles: z.array(z.object({ namedStyleType: z.string(), textStyle: record, paragraphStyle: record })).optional(),
  inlineObjects: z.record(z.string(), record).optional(),
  positionedObjects: z.record(z.string(), record).optional(),
});

const TabPropsSchema = z.object({ tabId: z.string(), title: z.string(), parentTabId: z.string().optional(), iconEmoji: z.string().optional() });

/** zod schema of a stored document record. */
export const DocRecord = TabContentSchema.extend({
  documentId: z.string(),
  title: z.string(),
  revision: z.number().int(),
  revisionId: z.string(),
  tabProperties: TabPropsSchema.optional(),
  tabPosition: z.number().int().optional(),
  tabs: z.array(z.object({ tabProperties: TabPropsSchema, content: TabContentSchema })).optional(),
});

/** A new empty paragraph with the given text (without its newline) and named style. */
export function paragraph(text = '', namedStyleType = 'NORMAL_TEXT', style?: TextStyle): Paragraph {
  const run: Run = { text: `${text}\n` };
  if (style && Object.keys(style).length > 0) run.style = style;
  return { type: 'paragraph', runs: [run], style: { namedStyleType } };
}

/** A rows × columns table of empty cells. */
export function emptyTable(rows: number, columns: number): Table {
  return {
    type: 'table',
    columns,
    rows: Array.from({ length: rows }, () => ({ cells: Array.from({ length: columns }, () => ({ content: [paragraph()] })) })),
  };
}

/** Text of a paragraph including its newline (page breaks count as one '\f' unit, elements as one ELEMENT_CHAR). */
export function paragraphText(p: Paragraph): string {
  let s = '';
  for (const r of p.runs) s += r.text;
  return s;
}

/** A new empty tab content (a new document's or a new tab's). */
export function emptyTabContent(documentStyle: Record<string, unknown>): TabContent {
  return { body: [paragraph()], headers: {}, footers: {}, namedRanges: [], lists: {}, documentStyle };
}
