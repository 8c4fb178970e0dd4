/** The batchUpdate request kinds this mock implements (read by the coverage command). */

/** Request kinds (`Request` oneof field names) accepted by docs.documents.batchUpdate. */
export const DOCS_REQUEST_KINDS: readonly string[] = [
  'insertText',
  'deleteContentRange',
  'replaceAllText',
  'createParagraphBullets',
  'deleteParagraphBullets',
  'updateTextStyle',
  'updateParagraphStyle',
  'insertTable',
  'insertTableRow',
  'deleteTableRow',
  'insertTableColumn',
  'deleteTableColumn',
  'insertPageBreak',
  'createNamedRange',
  'deleteNamedRange',
  'replaceNamedRangeContent',
  'updateDocumentStyle',
  'createHeader',
  'createFooter',
  'deleteHeader',
  'deleteFooter',
];
