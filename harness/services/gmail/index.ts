/** Gmail API v1: records and operation table (filled in by the gmail service work). */
import { defineService } from '../../core/index.ts';

/** The gmail service. */
export const gmailService = defineService({
  id: 'gmail',
  title: 'Gmail API v1',
  style: 'google',
  basePath: '/gmail/v1',
  collections: {},
  operations: [],
});
