/** zod schemas of the batchUpdate request kinds (field names and shapes as in Docs v1 `Request`). */
import { z } from 'zod';
import { BULLET_PRESETS } from '../lists.ts';

const segmentId = z.string().describe("Header or footer id; empty or absent for the document body.").optional();
const tabId = z.string().describe("Tab id; absent (or 't.0') for the first and only tab.").optional();

/** A position in a segment. */
export const Location = z.object({ index: z.number().int().describe('UTF-16 code unit index; the body starts at 1.'), segmentId, tabId });
/** The end of a segment (just before its final newline). */
export const EndOfSegmentLocation = z.object({ segmentId, tabId });
/** A [startIndex, endIndex) range in a segment, in UTF-16 code units. */
export const Range = z.object({
  startIndex: z.number().int().describe('Start index (inclusive).'),
  endIndex: z.number().int().describe('End index (exclusive).'),
  segmentId,
  tabId,
});
/** A cell of a table found by the table's start index. */
export const TableCellLocation = z.object({
  tableStartLocation: Location.describe('Location whose index is the startIndex of the table.'),
  rowIndex: z.number().int().min(0).default(0).describe('Zero-based row index.'),
  columnIndex: z.number().int().min(0).default(0).describe('Zero-based column index.'),
});

const dimension = z.object({ magnitude: z.number().optional(), unit: z.enum(['PT', 'UNIT_UNSPECIFIED']).optional() });
const color = z.object({ color: z.object({ rgbColor: z.object({ red: z.number().optional(), green: z.number().optional(), blue: z.number().optional() }).optional() }).optional() });

/** The writable fields of a text style. */
export const TextStyle = z.object({
  bold: z.boolean().optional(),
  italic: z.boolean().optional(),
  underline: z.boolean().optional(),
  strikethrough: z.boolean().optional(),
  smallCaps: z.boolean().optional(),
  backgroundColor: color.optional(),
  foregroundColor: color.optional(),
  fontSize: dimension.optional(),
  weightedFontFamily: z.object({ fontFamily: z.string().optional(), weight: z.number().int().optional() }).optional(),
  baselineOffset: z.enum(['NONE', 'SUPERSCRIPT', 'SUBSCRIPT', 'BASELINE_OFFSET_UNSPECIFIED']).optional(),
  link: z.object({ url: z.string().optional(), bookmarkId: z.string().optional(), headingId: z.string().optional() }).optional(),
}).describe('Text style; only the fields named in `fields` are applied.');

/** Named paragraph styles. */
export const NAMED_STYLE_TYPES = ['NORMAL_TEXT', 'TITLE', 'SUBTITLE', 'HEADING_1', 'HEADING_2', 'HEADING_3', 'HEADING_4', 'HEADING_5', 'HEADING_6'] as const;

/** The writable fields of a paragraph style. */
export const ParagraphStyle = z.looseObject({
  namedStyleType: z.enum(NAMED_STYLE_TYPES).optional(),
  alignment: z.enum(['START', 'CENTER', 'END', 'JUSTIFIED']).optional(),
  lineSpacing: z.number().optional(),
  direction: z.enum(['LEFT_TO_RIGHT', 'RIGHT_TO_LEFT']).optional(),
  spaceAbove: dimension.optional(),
  spaceBelow: dimension.optional(),
  indentFirstLine: dimension.optional(),
  indentStart: dimension.optional(),
  indentEnd: dimension.optional(),
  keepLinesTogether: z.boolean().optional(),
  keepWithNext: z.boolean().optional(),
  avoidWidowAndOrphan: z.boolean().optional(),
  pageBreakBefore: z.boolean().optional(),
}).describe('Paragraph style; only the fields named in `fields` are applied.');

const fields = z.string().describe("Comma-separated field mask naming the style fields to change ('*' for all); a named field left unset is reset.");
const where = { location: Location.optional(), endOfSegmentLocation: EndOfSegmentLocation.optional() };

/** Every request kind, each optional: exactly one must be set per request (the `Request` oneof). */
export const RequestSchema = z.object({
  insertText: z.object({ text: z.string().describe('Text to insert; newlines start new paragraphs.'), ...where }).describe('Insert text at a location or at the end of a segment.').optional(),
  deleteContentRange: z.object({ range: Range }).describe('Delete a range of content (paragraphs merge; whole tables may be deleted).').optional(),
  replaceAllText: z.object({
    containsText: z.object({
      text: z.string().describe('Text (or regular expression) to find.'),
      matchCase: z.boolean().optional().describe('Case-sensitive match when true.'),
      searchByRegex: z.boolean().optional().describe('Treat text as a regular expression.'),
    }),
    replaceText: z.string().default('').describe('Replacement text.'),
    tabsCriteria: z.object({ tabIds: z.array(z.string()) }).optional(),
  }).describe('Replace every occurrence of some text; the reply counts the occurrences.').optional(),
  createParagraphBullets: z.object({ range: Range, bulletPreset: z.enum(BULLET_PRESETS).describe('Bullet glyph preset.') })
    .describe('Turn the paragraphs overlapping a range into a list (leading tabs set the nesting level and are removed).').optional(),
  deleteParagraphBullets: z.object({ range: Range }).describe('Remove bullets from the paragraphs overlapping a range.').optional(),
  updateTextStyle: z.object({ range: Range, textStyle: TextStyle, fields }).describe('Change the text style of a range.').optional(),
  updateParagraphStyle: z.object({ range: Range, paragraphStyle: ParagraphStyle, fields })
    .describe('Change the style of every paragraph overlapping a range (e.g. namedStyleType HEADING_1).').optional(),
  insertTable: z.object({ rows: z.number().int().describe('Number of rows.'), columns: z.number().int().describe('Number of columns.'), ...where })
    .describe('Insert an empty table (a newline is inserted before it).').optional(),
  insertTableRow: z.object({ tableCellLocation: TableCellLocation, insertBelow: z.boolean().optional().describe('Insert below the cell row (else above).') })
    .describe('Insert an empty row next to a cell.').optional(),
  deleteTableRow: z.object({ tableCellLocation: TableCellLocation }).describe('Delete the row of a cell.').optional(),
  insertTableColumn: z.object({ tableCellLocation: TableCellLocation, insertRight: z.boolean().optional().describe('Insert right of the cell column (else left).') })
    .describe('Insert an empty column next to a cell.').optional(),
  deleteTableColumn: z.object({ tableCellLocation: TableCellLocation }).describe('Delete the column of a cell.').optional(),
  insertPageBreak: z.object(where).describe('Insert a page break followed by a newline (body only, not in tables).').optional(),
  createNamedRange: z.object({ name: z.string().describe('Name (1-256 UTF-16 units; need not be unique).'), range: Range })
    .describe('Create a named range; the reply gives its namedRangeId.').optional(),
  deleteNamedRange: z.object({ namedRangeId: z.string().optional(), name: z.string().optional(), tabsCriteria: z.object({ tabIds: z.array(z.string()) }).optional() })
    .describe('Delete a named range by id, or every named range with a name.').optional(),
  replaceNamedRangeContent: z.object({
    text: z.string().describe('Replacement text.'),
    namedRangeId: z.string().optional(),
    namedRangeName: z.string().optional(),
    tabsCriteria: z.object({ tabIds: z.array(z.string()) }).optional(),
  }).describe('Replace the content of a named range (by id or by name) with text.').optional(),
  updateDocumentStyle: z.object({ documentStyle: z.record(z.string(), z.unknown()).describe('DocumentStyle fields (margins, pageSize, background, …).'), fields, tabId })
    .describe('Change the document style.').optional(),
  createHeader: z.object({ type: z.enum(['DEFAULT', 'HEADER_FOOTER_TYPE_UNSPECIFIED']).describe('Header type; only DEFAULT.'), sectionBreakLocation: Location.optional() })
    .describe('Create the default header; the reply gives its headerId.').optional(),
  createFooter: z.object({ type: z.enum(['DEFAULT', 'HEADER_FOOTER_TYPE_UNSPECIFIED']).describe('Footer type; only DEFAULT.'), sectionBreakLocation: Location.optional() })
    .describe('Create the default footer; the reply gives its footerId.').optional(),
  deleteHeader: z.object({ headerId: z.string().describe('Header id.'), tabId }).describe('Delete a header.').optional(),
  deleteFooter: z.object({ footerId: z.string().describe('Footer id.'), tabId }).describe('Delete a footer.').optional(),
}).describe('One edit; set exactly one request kind.');

/** One parsed request. */
export type RequestSchema = z.infer<typeof RequestSchema>;

/** The documents.batchUpdate request body. */
export const BatchUpdateBody = z.object({
  requests: z.array(RequestSchema).default([]).describe('Edits applied in order, all or nothing; each shifts the indexes of later content.'),
  writeControl: z.object({
    requiredRevisionId: z.string().optional().describe('Fail unless the document is still at this revision.'),
    targetRevisionId: z.string().optional().describe('Apply against this revision (collaborator changes are merged).'),
  }).optional(),
});
