/**
 * Docs' response shapes: the views the reference documents and probes for documents.create,
 * documents.get (default and includeTabsContent) and documents.batchUpdate with every request
 * kind, through the official @googleapis/docs client. Field types come from the client's
 * `Schema$…` typings; presence rules are written from the reference
 * (developers.google.com/workspace/docs/api/reference/rest/v1/documents): without
 * includeTabsContent the first tab's content fills body, documentStyle, namedStyles and the
 * other content fields and `tabs` stays empty; with it every tab carries a documentTab and
 * the content fields are left out. Index fields at 0 are omitted (proto defaults), so
 * startIndex is conditional; each reply carries exactly its own kind's field.
 */
import type { docs_v1 } from '@googleapis/docs';
import { googleSchemas } from './google-schemas.ts';
import { expectError, expectView, gaxios, googleErrorCheck } from './google-adapter.ts';
import type { ApiAdapter, Probe, ViewSpec } from './types.ts';

const AT_ZERO = { startIndex: 'omitted when 0 (proto default)' };

const ELEMENT: ViewSpec = {
  schema: 'ParagraphElement', always: ['endIndex'],
  conditional: {
    ...AT_ZERO, textRun: 'text', pageBreak: 'page breaks', footnoteReference: 'footnote references', inlineObjectElement: 'inline images',
    person: 'person chips', richLink: 'rich link chips', dateElement: 'date chips', columnBreak: 'column breaks', horizontalRule: 'rules',
    equation: 'equations', autoText: 'page numbers',
  },
  nested: {
    textRun: { schema: 'TextRun', always: ['content', 'textStyle'] },
    pageBreak: { schema: 'PageBreak', always: ['textStyle'] },
    footnoteReference: { schema: 'FootnoteReference', always: ['footnoteId', 'footnoteNumber', 'textStyle'] },
    inlineObjectElement: { schema: 'InlineObjectElement', always: ['inlineObjectId', 'textStyle'] },
    person: {
      schema: 'Person', always: ['personId', 'personProperties', 'textStyle'],
      nested: { personProperties: { schema: 'PersonProperties', always: ['email'], conditional: { name: 'when the chip shows a name' } } },
    },
    richLink: {
      schema: 'RichLink', always: ['richLinkId', 'richLinkProperties', 'textStyle'],
      nested: { richLinkProperties: { schema: 'RichLinkProperties', always: ['title', 'uri'], conditional: { mimeType: 'Drive files' } } },
    },
    dateElement: {
      schema: 'DateElement', always: ['dateId', 'dateElementProperties', 'textStyle'],
      nested: { dateElementProperties: { schema: 'DateElementProperties', always: ['timestamp', 'displayText'], conditional: { timeZoneId: 'when set', locale: 'when set', dateFormat: 'when set', timeFormat: 'when set' } } },
    },
  },
};

const PARAGRAPH: ViewSpec = {
  schema: 'Paragraph', always: ['elements', 'paragraphStyle'],
  conditional: { bullet: 'list items', positionedObjectIds: 'with anchored objects' },
  nested: {
    elements: ELEMENT,
    paragraphStyle: { schema: 'ParagraphStyle', always: ['namedStyleType', 'direction'] },
    bullet: { schema: 'Bullet', always: ['listId', 'textStyle'], conditional: { nestingLevel: 'omitted at level 0' } },
  },
};

const SECTION_BREAK: ViewSpec = {
  schema: 'SectionBreak', always: ['sectionStyle'],
  nested: { sectionStyle: { schema: 'SectionStyle', always: ['columnSeparatorStyle', 'contentDirection', 'sectionType'] } },
};

/** A structural element; table cells hold structural elements again (the view refers to itself). */
const STRUCTURAL: ViewSpec = {
  schema: 'StructuralElement', always: ['endIndex'],
  conditional: { ...AT_ZERO, paragraph: 'paragraphs', sectionBreak: 'section breaks', table: 'tables', tableOfContents: 'tables of contents' },
  get nested() {
    return { paragraph: PARAGRAPH, sectionBreak: SECTION_BREAK, table: TABLE };
  },
};

const CELL: ViewSpec = {
  schema: 'TableCell', always: ['endIndex', 'content', 'tableCellStyle'], conditional: AT_ZERO,
  nested: {
    content: STRUCTURAL,
    tableCellStyle: { schema: 'TableCellStyle', always: ['rowSpan', 'columnSpan', 'backgroundColor', 'paddingLeft', 'paddingRight', 'paddingTop', 'paddingBottom', 'contentAlignment'] },
  },
};

const TABLE: ViewSpec = {
  schema: 'Table', always: ['rows', 'columns', 'tableRows', 'tableStyle'],
  nested: {
    tableRows: {
      schema: 'TableRow', always: ['endIndex', 'tableCells', 'tableRowStyle'], conditional: AT_ZERO,
      nested: { tableCells: CELL, tableRowStyle: { schema: 'TableRowStyle', always: ['minRowHeight'], conditional: { tableHeader: 'pinned header rows', preventOverflow: 'when set' } } },
    },
    tableStyle: {
      schema: 'TableStyle', always: ['tableColumnProperties'],
      nested: { tableColumnProperties: { schema: 'TableColumnProperties', always: ['widthType'], conditional: { width: 'fixed-width columns' } } },
    },
  },
};

const segment = (schema: string, id: string): ViewSpec => ({ schema, always: [id, 'content'], nested: { content: STRUCTURAL } });

/** Fields of a tab's content (Document without tabs, DocumentTab), optional ones with their condition. */
const CONTENT_ALWAYS = ['body', 'documentStyle', 'namedStyles'];
const CONTENT_CONDITIONAL = {
  headers: 'when a header exists', footers: 'when a footer exists', footnotes: 'when a footnote exists', lists: 'when a list exists',
  namedRanges: 'when a named range exists', inlineObjects: 'when an inline image exists', positionedObjects: 'when a positioned object exists',
};
const CONTENT_NESTED: Record<string, ViewSpec> = {
  body: { schema: 'Body', always: ['content'], nested: { content: STRUCTURAL } },
  documentStyle: {
    schema: 'DocumentStyle', always: ['background', 'pageNumberStart', 'marginTop', 'marginBottom', 'marginRight', 'marginLeft', 'pageSize'],
    conditional: { marginHeader: 'when set', marginFooter: 'when set', useCustomHeaderFooterMargins: 'when set', documentFormat: 'when set', defaultHeaderId: 'with a header', defaultFooterId: 'with a footer' },
  },
  namedStyles: { schema: 'NamedStyles', always: ['styles'], nested: { styles: { schema: 'NamedStyle', always: ['namedStyleType', 'textStyle', 'paragraphStyle'] } } },
  headers: segment('Header', 'headerId'),
  footers: segment('Footer', 'footerId'),
  footnotes: segment('Footnote', 'footnoteId'),
  lists: { schema: 'List', always: ['listProperties'] },
  namedRanges: { schema: 'NamedRanges', always: ['name', 'namedRanges'], nested: { namedRanges: { schema: 'NamedRange', always: ['namedRangeId', 'name', 'ranges'] } } },
  inlineObjects: {
    schema: 'InlineObject', always: ['objectId', 'inlineObjectProperties'],
    nested: { inlineObjectProperties: { schema: 'InlineObjectProperties', always: ['embeddedObject'], nested: { embeddedObject: { schema: 'EmbeddedObject', always: ['size'], conditional: { imageProperties: 'images', marginTop: 'set', marginBottom: 'set', marginLeft: 'set', marginRight: 'set', embeddedObjectBorder: 'set' } } } } },
  },
  positionedObjects: { schema: 'PositionedObject', always: ['objectId', 'positionedObjectProperties'] },
};
const HEAD = ['documentId', 'title', 'revisionId', 'suggestionsViewMode'];
const WITH_TABS = 'with includeTabsContent the content is under tabs[].documentTab';

const TAB_PROPERTIES: ViewSpec = {
  schema: 'TabProperties', always: ['tabId', 'title'],
  conditional: { index: 'position among siblings', parentTabId: 'child tabs', nestingLevel: 'child tabs', iconEmoji: 'when set' },
};

const TAB: ViewSpec = {
  schema: 'Tab', always: ['tabProperties', 'documentTab'], conditional: { childTabs: 'when it has child tabs' },
  get nested() {
    return { tabProperties: TAB_PROPERTIES, documentTab: { schema: 'DocumentTab', always: CONTENT_ALWAYS, conditional: CONTENT_CONDITIONAL, nested: CONTENT_NESTED }, childTabs: TAB };
  },
};

/** Reply fields of batchUpdate, by the request kind that produces them, and their views. */
const REPLY_VIEWS: Record<string, ViewSpec> = {
  replaceAllText: { schema: 'ReplaceAllTextResponse', always: ['occurrencesChanged'] },
  createNamedRange: { schema: 'CreateNamedRangeResponse', always: ['namedRangeId'] },
  createHeader: { schema: 'CreateHeaderResponse', always: ['headerId'] },
  createFooter: { schema: 'CreateFooterResponse', always: ['footerId'] },
  createFootnote: { schema: 'CreateFootnoteResponse', always: ['footnoteId'] },
  insertInlineImage: { schema: 'InsertInlineImageResponse', always: ['objectId'] },
  addDocumentTab: { schema: 'AddDocumentTabResponse', always: ['tabProperties'], nested: { tabProperties: TAB_PROPERTIES } },
};
const REPLY_FIELDS = [...Object.keys(REPLY_VIEWS), 'insertInlineSheetsChart'];

/** The batchUpdate response of a request kind: its reply carries that kind's field, never another's. */
function batchResponse(kind: string): ViewSpec {
  const own = REPLY_VIEWS[kind] ? [kind] : [];
  const never = Object.fromEntries(REPLY_FIELDS.filter((f) => f !== kind).map((f) => [f, `only ${f} requests reply with it`]));
  return {
    schema: 'BatchUpdateDocumentResponse', always: ['documentId', 'replies', 'writeControl'],
    nested: { replies: { schema: 'Response', always: own, never, nested: REPLY_VIEWS }, writeControl: { schema: 'WriteControl', always: ['requiredRevisionId'] } },
  };
}

/** Views of the Docs reference. */
export const DOCS_VIEWS = {
  document: {
    schema: 'Document', always: [...HEAD, ...CONTENT_ALWAYS], conditional: CONTENT_CONDITIONAL,
    never: { tabs: 'filled only with includeTabsContent' }, nested: CONTENT_NESTED,
  },
  documentWithTabs: {
    schema: 'Document', always: [...HEAD, 'tabs'],
    never: Object.fromEntries([...CONTENT_ALWAYS, ...Object.keys(CONTENT_CONDITIONAL)].map((f) => [f, WITH_TABS])),
    nested: { tabs: TAB },
  },
} satisfies Record<string, ViewSpec>;

type C = docs_v1.Docs;
type R = docs_v1.Schema$Request;

function p(method: string, expect: Probe<C>['expect'], call: Probe<C>['call'], what?: string): Probe<C> {
  return { method, expect, call, ...(what ? { what } : {}) };
}

/** Start index of the first table of the probe document's body. */
async function tableStart(c: C, documentId: string): Promise<number> {
  const d = (await c.documents.get({ documentId })).data;
  return d.body?.content?.find((e) => e.table)?.startIndex ?? 0;
}

/** End index of the probe document's body (its last element's end). */
async function bodyEnd(c: C, documentId: string): Promise<number> {
  const d = (await c.documents.get({ documentId })).data;
  return d.body?.content?.at(-1)?.endIndex ?? 1;
}

/**
 * One batchUpdate probe per request kind, in an order where each finds what it needs
 * (text, a table, a named range, an image, a tab). `keep` records ids from the reply.
 */
const KIND_STEPS: ReadonlyArray<{ kind: string; build: (c: C, st: Record<string, string>) => Promise<R> | R; keep?: (reply: docs_v1.Schema$Response, st: Record<string, string>) => void }> = [
  { kind: 'insertText', build: () => ({ insertText: { text: 'Alpha beta gamma\nSecond paragraph\nThird one', location: { index: 1 } } }) },
  { kind: 'replaceAllText', build: () => ({ replaceAllText: { containsText: { text: 'beta', matchCase: true }, replaceText: 'Beta' } }) },
  { kind: 'createNamedRange', build: () => ({ createNamedRange: { name: 'intro', range: { startIndex: 1, endIndex: 6 } } }), keep: (r, st) => { st.range = r.createNamedRange?.namedRangeId ?? ''; } },
  { kind: 'replaceNamedRangeContent', build: () => ({ replaceNamedRangeContent: { namedRangeName: 'intro', text: 'Omega' } }) },
  { kind: 'deleteNamedRange', build: () => ({ deleteNamedRange: { name: 'intro' } }) },
  { kind: 'updateTextStyle', build: () => ({ updateTextStyle: { range: { startIndex: 1, endIndex: 6 }, textStyle: { bold: true }, fields: 'bold' } }) },
  { kind: 'updateParagraphStyle', build: () => ({ updateParagraphStyle: { range: { startIndex: 1, endIndex: 2 }, paragraphStyle: { namedStyleType: 'HEADING_1' }, fields: 'namedStyleType' } }) },
  { kind: 'createParagraphBullets', build: () => ({ createParagraphBullets: { range: { startIndex: 18, endIndex: 20 }, bulletPreset: 'BULLET_DISC_CIRCLE_SQUARE' } }) },
  { kind: 'deleteParagraphBullets', build: () => ({ deleteParagraphBullets: { range: { startIndex: 18, endIndex: 20 } } }) },
  { kind: 'insertTable', build: () => ({ insertTable: { rows: 2, columns: 2, endOfSegmentLocation: {} } }) },
  { kind: 'insertTableRow', build: async (c, st) => ({ insertTableRow: { tableCellLocation: { tableStartLocation: { index: await tableStart(c, st.doc!) } }, insertBelow: true } }) },
  { kind: 'insertTableColumn', build: async (c, st) => ({ insertTableColumn: { tableCellLocation: { tableStartLocation: { index: await tableStart(c, st.doc!) } }, insertRight: true } }) },
  { kind: 'deleteTableRow', build: async (c, st) => ({ deleteTableRow: { tableCellLocation: { tableStartLocation: { index: await tableStart(c, st.doc!) }, rowIndex: 2 } } }) },
  { kind: 'deleteTableColumn', build: async (c, st) => ({ deleteTableColumn: { tableCellLocation: { tableStartLocation: { index: await tableStart(c, st.doc!) }, columnIndex: 2 } } }) },
  { kind: 'mergeTableCells', build: async (c, st) => ({ mergeTableCells: { tableRange: { tableCellLocation: { tableStartLocation: { index: await tableStart(c, st.doc!) } }, rowSpan: 1, columnSpan: 2 } } }) },
  { kind: 'unmergeTableCells', build: async (c, st) => ({ unmergeTableCells: { tableRange: { tableCellLocation: { tableStartLocation: { index: await tableStart(c, st.doc!) } }, rowSpan: 1, columnSpan: 2 } } }) },
  { kind: 'pinTableHeaderRows', build: async (c, st) => ({ pinTableHeaderRows: { tableStartLocation: { index: await tableStart(c, st.doc!) }, pinnedHeaderRowsCount: 1 } }) },
  { kind: 'updateTableCellStyle', build: async (c, st) => ({ updateTableCellStyle: { tableStartLocation: { index: await tableStart(c, st.doc!) }, tableCellStyle: { contentAlignment: 'MIDDLE' }, fields: 'contentAlignment' } }) },
  { kind: 'updateTableColumnProperties', build: async (c, st) => ({ updateTableColumnProperties: { tableStartLocation: { index: await tableStart(c, st.doc!) }, columnIndices: [0], tableColumnProperties: { widthType: 'FIXED_WIDTH', width: { magnitude: 100, unit: 'PT' } }, fields: 'widthType,width' } }) },
  { kind: 'updateTableRowStyle', build: async (c, st) => ({ updateTableRowStyle: { tableStartLocation: { index: await tableStart(c, st.doc!) }, tableRowStyle: { minRowHeight: { magnitude: 20, unit: 'PT' } }, fields: 'minRowHeight' } }) },
  { kind: 'insertPageBreak', build: () => ({ insertPageBreak: { location: { index: 6 } } }) },
  { kind: 'insertSectionBreak', build: () => ({ insertSectionBreak: { sectionType: 'NEXT_PAGE', location: { index: 3 } } }) },
  { kind: 'updateSectionStyle', build: async (c, st) => ({ updateSectionStyle: { range: { startIndex: 1, endIndex: (await bodyEnd(c, st.doc!)) - 1 }, sectionStyle: { marginLeft: { magnitude: 54, unit: 'PT' } }, fields: 'marginLeft' } }) },
  { kind: 'createFootnote', build: () => ({ createFootnote: { location: { index: 2 } } }), keep: (r, st) => { st.footnote = r.createFootnote?.footnoteId ?? ''; } },
  { kind: 'insertInlineImage', build: () => ({ insertInlineImage: { uri: 'https://example.com/shape-probe.png', location: { index: 1 } } }), keep: (r, st) => { st.image = r.insertInlineImage?.objectId ?? ''; } },
  { kind: 'replaceImage', build: (_c, st) => ({ replaceImage: { imageObjectId: st.image!, uri: 'https://example.com/shape-probe-2.png', imageReplaceMethod: 'CENTER_CROP' } }) },
  { kind: 'insertPerson', build: (_c, st) => ({ insertPerson: { personProperties: { email: st.principal! }, location: { index: 1 } } }) },
  { kind: 'insertRichLink', build: (_c, st) => ({ insertRichLink: { richLinkProperties: { uri: `https://docs.google.com/document/d/${st.doc!}/edit` }, location: { index: 1 } } }) },
  { kind: 'insertDate', build: () => ({ insertDate: { dateElementProperties: { timestamp: '2026-05-04T12:00:00Z', timeZoneId: 'Europe/Zurich' }, location: { index: 1 } } }) },
  { kind: 'deleteContentRange', build: () => ({ deleteContentRange: { range: { startIndex: 1, endIndex: 2 } } }) },
  { kind: 'updateDocumentStyle', build: () => ({ updateDocumentStyle: { documentStyle: { marginTop: { magnitude: 36, unit: 'PT' } }, fields: 'marginTop' } }) },
  { kind: 'updateNamedStyle', build: () => ({ updateNamedStyle: { namedStyle: { namedStyleType: 'HEADING_2', textStyle: { italic: true } }, fields: 'textStyle.italic' } }) },
  { kind: 'createHeader', build: () => ({ createHeader: { type: 'DEFAULT' } }), keep: (r, st) => { st.header = r.createHeader?.headerId ?? ''; } },
  { kind: 'createFooter', build: () => ({ createFooter: { type: 'DEFAULT' } }), keep: (r, st) => { st.footer = r.createFooter?.footerId ?? ''; } },
  { kind: 'deleteHeader', build: (_c, st) => ({ deleteHeader: { headerId: st.header! } }) },
  { kind: 'deleteFooter', build: (_c, st) => ({ deleteFooter: { footerId: st.footer! } }) },
  { kind: 'createHeader', build: () => ({ createHeader: { type: 'DEFAULT' } }) },
  { kind: 'createFooter', build: () => ({ createFooter: { type: 'DEFAULT' } }) },
  { kind: 'addDocumentTab', build: () => ({ addDocumentTab: { tabProperties: { title: 'Probe tab' } } }), keep: (r, st) => { st.tab = r.addDocumentTab?.tabProperties?.tabId ?? ''; } },
  { kind: 'updateDocumentTabProperties', build: (_c, st) => ({ updateDocumentTabProperties: { tabProperties: { tabId: st.tab!, title: 'Probe tab (renamed)' }, fields: 'title' } }) },
  { kind: 'addDocumentTab', build: (_c, st) => ({ addDocumentTab: { tabProperties: { title: 'Child tab', parentTabId: st.tab! } } }), keep: (r, st) => { st.child = r.addDocumentTab?.tabProperties?.tabId ?? ''; } },
  { kind: 'deleteTab', build: (_c, st) => ({ deleteTab: { tabId: st.child! } }) },
];

/** Probes of the three Docs methods; batchUpdate once per request kind. */
export function docsProbes(principal: string): Probe<C>[] {
  const V = DOCS_VIEWS;
  const kinds: Probe<C>[] = KIND_STEPS.map((step) =>
    p('documents.batchUpdate', expectView(batchResponse(step.kind)), async (c, st) => {
      const request = await step.build(c, st);
      const r = await gaxios(c.documents.batchUpdate({ documentId: st.doc!, requestBody: { requests: [request] } }));
      const reply = (r.data as docs_v1.Schema$BatchUpdateDocumentResponse).replies?.[0];
      if (reply) step.keep?.(reply, st);
      return r;
    }, step.kind));
  return [
    p('documents.create', expectView(V.document), async (c, st) => {
      st.principal = principal;
      const r = await gaxios(c.documents.create({ requestBody: { title: 'Shape probe document' } }));
      st.doc = (r.data as { documentId: string }).documentId;
      return r;
    }),
    p('documents.get', expectView(V.document), (c, st) => gaxios(c.documents.get({ documentId: st.doc! })), 'a new document'),
    ...kinds,
    p('documents.get', expectView(V.document), (c, st) => gaxios(c.documents.get({ documentId: st.doc! })), 'after every request kind'),
    p('documents.get', expectView(V.documentWithTabs), (c, st) => gaxios(c.documents.get({ documentId: st.doc!, includeTabsContent: true })), 'includeTabsContent'),
    p('documents.get', expectView(V.document), (c, st) => gaxios(c.documents.get({ documentId: st.doc!, suggestionsViewMode: 'PREVIEW_WITHOUT_SUGGESTIONS' })), 'suggestionsViewMode'),
    p('documents.get', expectError(404), (c) => gaxios(c.documents.get({ documentId: '1nosuchdocumentnosuchdocumentnosuchdocument0' })), 'missing document'),
    p('documents.batchUpdate', expectError(400), (c, st) => gaxios(c.documents.batchUpdate({ documentId: st.doc!, requestBody: { requests: [{ insertText: { text: 'x', location: { index: 1_000_000 } } }] } })), 'index out of range'),
    p('documents.batchUpdate', expectError(400), (c, st) => gaxios(c.documents.batchUpdate({ documentId: st.doc!, requestBody: { requests: [{ deletePositionedObject: { objectId: 'kix.none' } }] } })), 'unknown positioned object'),
    p('documents.batchUpdate', expectError(400), (c, st) => gaxios(c.documents.batchUpdate({ documentId: st.doc!, requestBody: { requests: [{ insertText: { text: 'x', location: { index: 1 } } }], writeControl: { requiredRevisionId: 'ALstalerevision' } } })), 'stale requiredRevisionId'),
    p('documents.batchUpdate', expectError(404), (c) => gaxios(c.documents.batchUpdate({ documentId: '1nosuchdocumentnosuchdocumentnosuchdocument0', requestBody: { requests: [{ insertText: { text: 'x', location: { index: 1 } } }] } })), 'missing document'),
  ];
}

/**
 * Request kinds the probes send to batchUpdate (the shapes test holds them to every
 * implemented kind). No request creates a positioned object, so deletePositionedObject is
 * probed for its documented 400.
 */
export const PROBED_REQUEST_KINDS: readonly string[] = [...new Set([...KIND_STEPS.map((s) => s.kind), 'deletePositionedObject'])];

/** The Docs adapter of the shape runner. */
export function docsAdapter(principal: string): ApiAdapter<C> {
  return { api: 'docs', schemas: googleSchemas('docs'), checkError: googleErrorCheck('docs'), probes: docsProbes(principal) };
}
