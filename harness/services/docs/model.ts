/** The stored document model: blocks of paragraphs (styled runs) and tables, plus document-level parts. */
import { z } from 'zod';

/** Collection key of stored documents. */
export const DOCS_COLLECTION = 'docs.documents';

/** Text style of a run (Docs `TextStyle`): only the fields that are set. */
export type TextStyle = Record<string, unknown>;
/** Paragraph style (Docs `ParagraphStyle`); `namedStyleType` is always present. */
export type ParagraphStyle = Record<string, unknown> & { namedStyleType: string };

/** A run of text with one style. A page break is a run of one '\f' flagged `pageBreak`. */
export interface Run {
  text: string;
  style?: TextStyle;
  pageBreak?: true;
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
}

/** One table cell: its own content blocks (at least one paragraph). */
export interface TableCell {
  content: Block[];
}

/** One table row. */
export interface TableRow {
  cells: TableCell[];
}

/** A table; every row has `columns` cells. */
export interface Table {
  type: 'table';
  columns: number;
  rows: TableRow[];
}

/** A structural block of a segment (the body, a header, a footer, a cell). */
export type Block = Paragraph | Table;

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

/** A stored Google Doc. Headers and footers are keyed by their ids (`kix.…`). */
export interface DocRecord {
  documentId: string;
  title: string;
  /** Sequence number of the current revision (1 = as created). */
  revision: number;
  revisionId: string;
  body: Block[];
  headers: Record<string, Block[]>;
  footers: Record<string, Block[]>;
  namedRanges: NamedRange[];
  lists: Record<string, ListDef>;
  documentStyle: Record<string, unknown>;
}

const RunSchema = z.object({
  text: z.string(),
  style: z.record(z.string(), z.unknown()).optional(),
  pageBreak: z.literal(true).optional(),
});

const ParagraphSchema = z.object({
  type: z.literal('paragraph'),
  runs: z.array(RunSchema),
  style: z.looseObject({ namedStyleType: z.string() }),
  bullet: z.object({ listId: z.string(), nestingLevel: z.number().int() }).optional(),
});

/** zod schema of a block (recursive through table cells). */
export const BlockSchema: z.ZodType<Block> = z.lazy(() =>
  z.union([
    ParagraphSchema,
    z.object({
      type: z.literal('table'),
      columns: z.number().int(),
      rows: z.array(z.object({ cells: z.array(z.object({ content: z.array(BlockSchema) })) })),
    }),
  ]),
) as z.ZodType<Block>;

/** zod schema of a stored document record. */
export const DocRecord = z.object({
  documentId: z.string(),
  title: z.string(),
  revision: z.number().int(),
  revisionId: z.string(),
  body: z.array(BlockSchema),
  headers: z.record(z.string(), z.array(BlockSchema)),
  footers: z.record(z.string(), z.array(BlockSchema)),
  namedRanges: z.array(
    z.object({
      namedRangeId: z.string(),
      name: z.string(),
      ranges: z.array(z.object({ segmentId: z.string().optional(), startIndex: z.number(), endIndex: z.number() })),
    }),
  ),
  lists: z.record(z.string(), z.object({ preset: z.string() })),
  documentStyle: z.record(z.string(), z.unknown()),
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

/** Text of a paragraph including its newline (page breaks count as one '\f' unit). */
export function paragraphText(p: Paragraph): string {
  let s = '';
  for (const r of p.runs) s += r.text;
  return s;
}
