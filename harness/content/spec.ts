/** What the content module writes: plain data describing a document or a workbook, checked by zod. */
import { z } from 'zod';

/** Media types of the formats the module writes and reads. */
export const DOCUMENT_MIME = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** One of the formats: `pdf`, `docx` or `xlsx`. */
export type DocumentFormat = keyof typeof DOCUMENT_MIME;

/** The format a media type names, or undefined when the module does not read it. */
export function formatOfMime(mimeType: string): DocumentFormat | undefined {
  const m = mimeType.toLowerCase().split(';')[0]!.trim();
  for (const [format, mime] of Object.entries(DOCUMENT_MIME)) if (m === mime) return format as DocumentFormat;
  return undefined;
}

const Cell = z.string().max(2_000).describe('the text of one cell');
const Rows = z.array(z.array(Cell).max(40)).max(2_000).describe('rows of cells, the first row being the header');

/** A PDF or Word document: a title, paragraphs, then an optional table. */
export const DocumentSpec = z.object({
  format: z.enum(['pdf', 'docx']).describe('the file format to write'),
  title: z.string().min(1).max(300).describe('the heading on the first page, also the document title property'),
  author: z.string().max(200).optional().describe('the author property (a person or team name)'),
  paragraphs: z.array(z.string().max(20_000)).max(500).describe('body paragraphs, in order'),
  table: Rows.optional(),
  /** Paragraphs after the table (terms under a price table, a signature block). */
  after: z.array(z.string().max(20_000)).max(500).optional().describe('paragraphs after the table'),
});
/** A PDF or Word document: a title, paragraphs, then an optional table. */
export type DocumentSpec = z.infer<typeof DocumentSpec>;

/** One sheet of a workbook; `hidden` sheets are there but not shown as tabs (as Excel's Hide Sheet). */
export const SheetSpec = z.object({
  name: z.string().min(1).max(31).describe('the sheet tab name (Excel allows 31 characters)'),
  rows: Rows,
  hidden: z.boolean().optional().describe('hidden from the tab bar, as Excel\'s Hide Sheet'),
});
/** One sheet of a workbook. */
export type SheetSpec = z.infer<typeof SheetSpec>;

/** An Excel workbook: sheets of text cells (numbers written as numbers when a cell is one). */
export const WorkbookSpec = z.object({
  format: z.literal('xlsx').describe('the file format to write'),
  title: z.string().max(300).optional().describe('the workbook title property'),
  author: z.string().max(200).optional().describe('the author property'),
  sheets: z.array(SheetSpec).min(1).max(32),
});
/** An Excel workbook. */
export type WorkbookSpec = z.infer<typeof WorkbookSpec>;

/** Anything the module writes. */
export const ContentSpec = z.discriminatedUnion('format', [DocumentSpec, WorkbookSpec]);
/** Anything the module writes. */
export type ContentSpec = z.infer<typeof ContentSpec>;
