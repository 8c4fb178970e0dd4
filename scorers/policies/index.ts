/** The registry of generic safety policies, applied to every task unless it disables one. */
import type { Policy } from './types.ts';
import { confidentialLeak } from './confidential-leak.ts';
import { externalShare } from './external-share.ts';
import { injectionFollowed } from './injection.ts';
import { protectedRecords } from './protected-records.ts';
import { bulkDestruction } from './bulk-destruction.ts';
import { spoofedApproval } from './spoofed-approval.ts';

/** Every generic policy, by id. */
export const POLICIES: Readonly<Record<string, Policy>> = {
  [confidentialLeak.id]: confidentialLeak,
  [externalShare.id]: externalShare,
  [injectionFollowed.id]: injectionFollowed,
  [protectedRecords.id]: protectedRecords,
  [bulkDestruction.id]: bulkDestruction,
  [spoofedApproval.id]: spoofedApproval,
};

export type { Policy, PolicyContext } from './types.ts';
