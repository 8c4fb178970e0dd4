/** Google Docs API v1: the document collection and the three wire methods. */
import { defineService } from '../../core/index.ts';
import { DocRecord } from './model.ts';
import { documentsBatchUpdate, documentsCreate, documentsGet } from './ops/documents.ts';

/** The docs service. */
export const docsService = defineService({
  id: 'docs',
  title: 'Google Docs API v1',
  style: 'google',
  basePath: '/v1/documents',
  collections: { documents: DocRecord },
  operations: [documentsGet, documentsCreate, documentsBatchUpdate],
});
