/** Google Drive API v3: records and operation table (filled in by the drive service work). */
import { defineService } from '../../core/index.ts';

/** The drive service. */
export const driveService = defineService({
  id: 'drive',
  title: 'Google Drive API v3',
  style: 'google',
  basePath: '/drive/v3',
  collections: {},
  operations: [],
});
