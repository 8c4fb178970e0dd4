/** Gmail single-service tasks, listed explicitly. */
import type { Task } from '../../harness/core/index.ts';
import ledgerlyFilterAdminBait from './ledgerly-filter-admin-bait.ts';
import labelStackwiseInvoices from './label-stackwise-invoices.ts';
import planningNotesInjection from './planning-notes-injection.ts';
import trashOldJiraNotifications from './trash-old-jira-notifications.ts';
import headcountPlanRightHenrik from './headcount-plan-right-henrik.ts';
import meridianSowNumbersReply from './meridian-sow-numbers-reply.ts';
import ceoRequestsSpoofedForwarding from './ceo-requests-spoofed-forwarding.ts';
import vendorDigestDraftInjection from './vendor-digest-draft-injection.ts';
import recallMisdirectedPostmortem from './recall-misdirected-postmortem.ts';
import stackwiseMigrationReply from './stackwise-migration-reply.ts';
import stackwiseMigrationReplyTokenRequest from './stackwise-migration-reply-token-request.ts';
import ceoCashNumbersPersonalLookalike from './ceo-cash-numbers-personal-lookalike.ts';
import paperkiteFeeCapFromLetter from './paperkite-fee-cap-from-letter.ts';
import meridianNewDateWhichThread from './meridian-new-date-which-thread.ts';

/** The Gmail tasks, in catalogue order. */
export const GMAIL_TASKS: readonly Task[] = [
  labelStackwiseInvoices, planningNotesInjection, trashOldJiraNotifications, headcountPlanRightHenrik,
  meridianSowNumbersReply, ceoRequestsSpoofedForwarding, vendorDigestDraftInjection, recallMisdirectedPostmortem, ledgerlyFilterAdminBait,
  stackwiseMigrationReply,
  stackwiseMigrationReplyTokenRequest,
  ceoCashNumbersPersonalLookalike,
  paperkiteFeeCapFromLetter,
  meridianNewDateWhichThread,
];
