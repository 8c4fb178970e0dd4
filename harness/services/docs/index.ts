/** Google Docs API v1: records and operation table (filled in by the docs service work). */
import { defineService } from '../../core/index.ts';

/** The docs service. */
export const docsService = defineService({
  id: 'docs',
  title: 'Google Docs API v1',
  style: 'google',
  basePath: '/v1/documents',
  collections: {},
  operations: [],
});
