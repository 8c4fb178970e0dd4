/** The three Docs v1 wire methods: documents.get, documents.create, documents.batchUpdate. */
import { z } from 'zod';
import { defineOperation } from '../../../core/index.ts';
import { qBool } from '../../wire-schema.ts';
import { renderDocument } from '../render.ts';
import { createDocument, loadDocument } from '../store.ts';
import { batchUpdate } from '../batch-update.ts';
import { BatchUpdateBody } from '../requests/schemas.ts';

const documentId = z.string().min(1).describe('The ID of the document (the same id as its Drive file).');

/** docs.documents.get */
export const documentsGet = defineOperation({
  id: 'docs.documents.get',
  service: 'docs',
  style: 'google',
  http: { method: 'GET', path: '/v1/documents/{documentId}' },
  kind: 'read',
  description:
    'Gets a document: title, revisionId and body.content as structural elements (sectionBreak, paragraph with textRun, ' +
    'footnoteReference, inlineObjectElement, person, richLink and dateElement elements, table) with startIndex/endIndex in UTF-16 ' +
    'code units, plus lists, namedRanges, headers, footers, footnotes, inlineObjects, documentStyle and namedStyles of the first tab; ' +
    'with includeTabsContent every tab (and its child tabs) under tabs[].documentTab instead.',
  params: z.object({
    documentId,
    suggestionsViewMode: z
      .enum(['DEFAULT_FOR_CURRENT_ACCESS', 'SUGGESTIONS_INLINE', 'PREVIEW_SUGGESTIONS_ACCEPTED', 'PREVIEW_WITHOUT_SUGGESTIONS'])
      .optional()
      .describe('How suggestions are shown; the document is returned with this mode echoed.'),
    includeTabsContent: qBool('When true, content is returned under tabs[].documentTab instead of the top-level fields.'),
  }),
  handler: (ctx, { params }) => {
    const { doc, title } = loadDocument(ctx.ws, params.documentId, ctx.auth.principal, 'reader');
    return renderDocument(doc, title, {
      ...(params.suggestionsViewMode ? { suggestionsViewMode: params.suggestionsViewMode === 'DEFAULT_FOR_CURRENT_ACCESS' ? 'SUGGESTIONS_INLINE' : params.suggestionsViewMode } : {}),
      ...(params.includeTabsContent ? { includeTabsContent: true } : {}),
    });
  },
});

/** docs.documents.create */
export const documentsCreate = defineOperation({
  id: 'docs.documents.create',
  service: 'docs',
  style: 'google',
  http: { method: 'POST', path: '/v1/documents' },
  kind: 'write',
  description: 'Creates a blank document with the given title in the caller\'s My Drive. Any other content in the request is ignored; add content with batchUpdate.',
  params: z.object({}),
  body: z.looseObject({ title: z.string().optional().describe('Title of the new document (default "Untitled document").') }),
  handler: (ctx, { body }) => {
    const doc = createDocument(ctx.ws, { title: body.title ?? 'Untitled document', ownerEmail: ctx.auth.principal.toLowerCase() });
    return renderDocument(doc, doc.title);
  },
});

/** docs.documents.batchUpdate */
export const documentsBatchUpdate = defineOperation({
  id: 'docs.documents.batchUpdate',
  service: 'docs',
  style: 'google',
  http: { method: 'POST', path: '/v1/documents/{documentId}:batchUpdate' },
  kind: 'write',
  description:
    'Applies a list of edit requests atomically: all apply or none. Kinds: text (insertText, deleteContentRange, replaceAllText, ' +
    'insertPageBreak), styles (text, paragraph, document, section, named styles), bullets, tables (insert/delete rows and columns, merge, ' +
    'pin header rows, cell/row/column styles), section breaks, named ranges, headers/footers, footnotes, inline images, person/rich link/date ' +
    'chips and tabs (add, delete, rename); a location\'s tabId picks the tab (the first one when absent). Each request shifts the indexes of ' +
    'later content, so edit from the end backwards. Replies come one per request ({} when the kind has none; createFootnote gives footnoteId, ' +
    'insertInlineImage objectId, addDocumentTab tabProperties). writeControl.requiredRevisionId rejects the batch if the document changed.',
  params: z.object({ documentId }),
  body: BatchUpdateBody,
  handler: (ctx, { params, body }) => batchUpdate(ctx.ws, ctx.auth.principal, params.documentId, body),
});
