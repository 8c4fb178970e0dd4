/** documents.batchUpdate: writeControl, all-or-nothing application of requests, replies, new revision. */
import type { Workspace } from '../../core/index.ts';
import { invalidArgument } from '../wire-errors.ts';
import type { DocRecord } from './model.ts';
import { DocsRequestError, staleRevision } from './errors.ts';
import { loadDocument, newKixId, newTabId, saveRevision } from './store.ts';
import { pruneOrphans } from './prune.ts';
import type { RequestContext, RequestHandler } from './requests/context.ts';
import type { RequestSchema, BatchUpdateBody } from './requests/schemas.ts';
import { deleteContentRange, insertPageBreak, insertText, replaceAllText } from './requests/text.ts';
import { createParagraphBullets, deleteParagraphBullets, updateDocumentStyle, updateParagraphStyle, updateTextStyle } from './requests/style.ts';
import { deleteTableColumn, deleteTableRow, insertTable, insertTableColumn, insertTableRow } from './requests/tables.ts';
import { createNamedRange, deleteNamedRange, replaceNamedRangeContent } from './requests/named-ranges.ts';
import { createFooter, createHeader, deleteFooter, deleteHeader } from './requests/headers.ts';
import { insertSectionBreak, updateSectionStyle } from './requests/sections.ts';
import { createFootnote } from './requests/footnotes.ts';
import { deletePositionedObject, insertInlineImage, replaceImage } from './requests/objects.ts';
import { insertDate, insertPerson, insertRichLink } from './requests/chips.ts';
import {
  mergeTableCells, pinTableHeaderRows, unmergeTableCells, updateTableCellStyle, updateTableColumnProperties, updateTableRowStyle,
} from './requests/table-styles.ts';
import { addDocumentTab, deleteTab, updateDocumentTabProperties } from './requests/tabs.ts';
import { updateNamedStyle } from './requests/named-styles.ts';
import type { z } from 'zod';

/** Handlers by request kind; DOCS_REQUEST_KINDS lists the same keys. */
export const REQUEST_HANDLERS: { readonly [K in keyof RequestSchema]-?: RequestHandler<NonNullable<RequestSchema[K]>> } = {
  insertText, deleteContentRange, replaceAllText, insertPageBreak,
  updateTextStyle, updateParagraphStyle, createParagraphBullets, deleteParagraphBullets, updateDocumentStyle,
  insertTable, insertTableRow, deleteTableRow, insertTableColumn, deleteTableColumn,
  createNamedRange, deleteNamedRange, replaceNamedRangeContent,
  createHeader, createFooter, deleteHeader, deleteFooter,
  insertSectionBreak, updateSectionStyle, createFootnote,
  insertInlineImage, replaceImage, deletePositionedObject,
  insertPerson, insertRichLink, insertDate,
  mergeTableCells, unmergeTableCells, pinTableHeaderRows, updateTableCellStyle, updateTableColumnProperties, updateTableRowStyle,
  updateNamedStyle, addDocumentTab, deleteTab, updateDocumentTabProperties,
};

/** Reply keys for kinds whose reply is not `{}`. */
const REPLY_KEYS: Partial<Record<string, string>> = {
  replaceAllText: 'replaceAllText',
  createNamedRange: 'createNamedRange',
  createHeader: 'createHeader',
  createFooter: 'createFooter',
  createFootnote: 'createFootnote',
  insertInlineImage: 'insertInlineImage',
  addDocumentTab: 'addDocumentTab',
};

/** Applies a batch to a document as one revision; any failing request rejects the whole batch. */
export function batchUpdate(ws: Workspace, email: string, documentId: string, body: z.infer<typeof BatchUpdateBody>): Record<string, unknown> {
  const { doc: stored } = loadDocument(ws, documentId, email, 'writer');
  const wc = body.writeControl;
  if (wc?.requiredRevisionId !== undefined && wc.targetRevisionId !== undefined) {
    throw invalidArgument('Only one of writeControl.requiredRevisionId and writeControl.targetRevisionId may be set.');
  }
  if (wc?.requiredRevisionId !== undefined && wc.requiredRevisionId !== stored.revisionId) throw staleRevision(wc.requiredRevisionId);
  if (body.requests.length === 0) throw invalidArgument('Must specify at least one request.');
  const doc = structuredClone(stored) as DocRecord;
  const ctx: RequestContext = { ws, doc, newKixId: () => newKixId(ws), newTabId: () => newTabId(ws) };
  const replies = body.requests.map((req, i) => {
    // Each request walks the document: it costs in proportion to its size, so a batch of
    // thousands of edits on a long document ends with the budget error, not minutes of work.
    ws.spend(2 + (doc.body.length >> 1));
    const kinds = Object.keys(req).filter((k) => (req as Record<string, unknown>)[k] !== undefined) as Array<keyof RequestSchema>;
    if (kinds.length !== 1) throw invalidArgument(`Invalid requests[${i}]: exactly one request kind must be set, found ${kinds.length}.`);
    const kind = kinds[0]!;
    const handler = REQUEST_HANDLERS[kind] as RequestHandler<unknown>;
    try {
      const reply = handler(ctx, req[kind]);
      const key = REPLY_KEYS[kind];
      return key && reply ? { [key]: reply } : {};
    } catch (e) {
      if (e instanceof DocsRequestError) throw invalidArgument(`Invalid requests[${i}].${kind}: ${e.message}`);
      throw e;
    }
  });
  pruneOrphans(doc);
  const saved = saveRevision(ws, doc, email);
  return { documentId, replies, writeControl: { requiredRevisionId: saved.revisionId } };
}
