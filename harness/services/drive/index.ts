/** Google Drive API v3: records and operation table. */
import { defineService } from '../../core/index.ts';
import { DRIVE_COLLECTIONS } from './model.ts';
import { fileReadOps } from './ops/files-read.ts';
import { fileWriteOps } from './ops/files-write.ts';
import { fileRemoveOps } from './ops/files-remove.ts';
import { permissionOps } from './ops/permissions.ts';
import { commentOps, replyOps } from './ops/comments.ts';
import { revisionOps } from './ops/revisions.ts';
import { aboutChangeOps } from './ops/about-changes.ts';
import { driveOps } from './ops/drives.ts';
import { teamDriveOps } from './ops/teamdrives.ts';
import { accessProposalOps } from './ops/access-proposals.ts';
import { approvalOps } from './ops/approvals.ts';
import { appOps } from './ops/apps.ts';
import { downloadOps } from './ops/download.ts';
import { labelOps } from './ops/labels.ts';
import { cseOps } from './ops/cse.ts';

/** The drive service. */
export const driveService = defineService({
  id: 'drive',
  title: 'Google Drive API v3',
  style: 'google',
  basePath: '/drive/v3',
  collections: DRIVE_COLLECTIONS,
  operations: [
    ...fileReadOps, ...fileWriteOps, ...fileRemoveOps, ...permissionOps, ...commentOps, ...replyOps,
    ...revisionOps, ...aboutChangeOps, ...driveOps, ...teamDriveOps, ...accessProposalOps, ...approvalOps, ...appOps,
    ...downloadOps, ...labelOps, ...cseOps,
  ],
});
