/** zod schemas of the batchUpdate request kinds (field names and shapes as in Docs v1 `Request`). */
import { z } from 'zod';
import { BULLET_PRESETS } from '../lists.ts';

const segmentId = z.string().describe("Header or footer id; empty or absent for the document body.").optional();
const tabId = z.string().describe('Tab id; absent for the first tab.').optional();

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

/** A block of cells of a table: the top-left cell and how many rows and columns it spans. */
export const TableRange = z.object({
  tableCellLocation: TableCellLocation,
  rowSpan: z.number().int().describe('Rows spanned (at least 1).'),
  columnSpan: z.number().int().describe('Columns spanned (at least 1).'),
});

const record = z.record(z.string(), z.unknown());
const tabsCriteria = z.object({ tabIds: z.array(z.string()) }).optional().describe('Tabs to apply to; every tab when absent.');
/** TabProperties as requests carry them. */
export const TabProperties = z.object({
  tabId: z.string().optional(),
  title: z.string().optional(),
  index: z.number().int().optional(),
  parentTabId: z.string().optional(),
  iconEmoji: z.string().optional(),
  nestingLevel: z.number().int().optional(),
});
const size = z.object({ width: dimension.optional(), height: dimension.optional() });

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
    tabsCriteria,
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
  insertSectionBreak: z.object({ sectionType: z.enum(['SECTION_TYPE_UNSPECIFIED', 'CONTINUOUS', 'NEXT_PAGE']).optional().describe('CONTINUOUS or NEXT_PAGE.'), ...where })
    .describe('Insert a newline then a section break (body only, not in a table, footnote, header or footer).').optional(),
  updateSectionStyle: z.object({ range: Range, sectionStyle: record.describe('SectionStyle fields (margins, columns, page numbering, …).'), fields })
    .describe('Change the style of the sections overlapping a range of the body.').optional(),
  createFootnote: z.object(where).describe('Insert a footnote reference in the body and a new footnote (" \\n"); the reply gives its footnoteId.').optional(),
  insertInlineImage: z.object({ uri: z.string().describe('Image URL (PNG, JPEG or GIF; at most 2 kB).'), objectSize: size.optional().describe('Display size.'), ...where })
    .describe('Insert an image inside a paragraph (not in a footnote); the reply gives its objectId.').optional(),
  replaceImage: z.object({
    imageObjectId: z.string().describe('Id of the image to replace.'), uri: z.string().describe('New image URL.'),
    imageReplaceMethod: z.enum(['IMAGE_REPLACE_METHOD_UNSPECIFIED', 'CENTER_CROP']).optional(), tabId,
  }).describe('Replace an existing image, keeping its place and size.').optional(),
  deletePositionedObject: z.object({ objectId: z.string().describe('Positioned object id.'), tabId }).describe('Delete a positioned object.').optional(),
  insertPerson: z.object({ personProperties: z.object({ email: z.string().describe('Email of the person.'), name: z.string().optional() }), ...where })
    .describe('Insert a person chip (mention) for an email.').optional(),
  insertRichLink: z.object({ richLinkProperties: z.object({ uri: z.string().describe('Link to a Google resource (a Drive file, …).'), title: z.string().optional(), mimeType: z.string().optional() }), ...where })
    .describe("Insert a rich link chip; its title is the linked resource's.").optional(),
  insertDate: z.object({
    dateElementProperties: z.object({
      timestamp: z.string().optional().describe('RFC 3339 time.'), timeZoneId: z.string().optional(), locale: z.string().optional(),
      dateFormat: z.string().optional(), timeFormat: z.string().optional(), displayText: z.string().optional(),
    }).default({}),
    ...where,
  }).describe('Insert a date chip.').optional(),
  mergeTableCells: z.object({ tableRange: TableRange }).describe('Merge a rectangle of cells; their text goes to the head (top-left) cell.').optional(),
  unmergeTableCells: z.object({ tableRange: TableRange }).describe('Unmerge the merged cells in a range; text stays in the head cell.').optional(),
  pinTableHeaderRows: z.object({ tableStartLocation: Location, pinnedHeaderRowsCount: z.number().int().default(0).describe('Rows to pin (0 unpins).') })
    .describe('Pin the first rows of a table as header rows.').optional(),
  updateTableCellStyle: z.object({ tableCellStyle: record.describe('TableCellStyle fields.'), fields, tableRange: TableRange.optional(), tableStartLocation: Location.optional() })
    .describe('Style the cells of a range, or of the whole table.').optional(),
  updateTableColumnProperties: z.object({
    tableStartLocation: Location, columnIndices: z.array(z.number().int()).default([]).describe('Columns (all when empty).'),
    tableColumnProperties: z.object({ widthType: z.enum(['WIDTH_TYPE_UNSPECIFIED', 'EVENLY_DISTRIBUTED', 'FIXED_WIDTH']).optional(), width: dimension.optional() }), fields,
  }).describe('Set column width properties.').optional(),
  updateTableRowStyle: z.object({
    tableStartLocation: Location, rowIndices: z.array(z.number().int()).default([]).describe('Rows (all when empty).'),
    tableRowStyle: z.object({ minRowHeight: dimension.optional(), tableHeader: z.boolean().optional(), preventOverflow: z.boolean().optional() }), fields,
  }).describe('Style table rows (minimum height, header, overflow).').optional(),
  updateNamedStyle: z.object({
    namedStyle: z.object({ namedStyleType: z.enum(NAMED_STYLE_TYPES), textStyle: record.optional(), paragraphStyle: record.optional() }), fields, tabId,
  }).describe('Change a named style (e.g. HEADING_1) of a tab.').optional(),
  addDocumentTab: z.object({ tabProperties: TabProperties.default({}) }).describe('Add a tab; the reply gives its tabProperties.').optional(),
  deleteTab: z.object({ tabId: z.string().describe('Tab to delete (with its child tabs).') }).describe('Delete a tab and its child tabs.').optional(),
  updateDocumentTabProperties: z.object({ tabProperties: TabProperties, fields }).describe("Change a tab's title, icon or position.").optional(),
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
