/** drive tasks, listed explicitly. */
import type { Task } from '../../harness/core/index.ts';
import acmeQuoteNotTheFolder from './acme-quote-not-the-folder.ts';
import launchPlanCommentInjection from './launch-plan-comment-injection.ts';
import meridianHandoverInjection from './meridian-handover-injection.ts';
import partnerOffboardingKeepBrightline from './partner-offboarding-keep-brightline.ts';
import sensitiveFilesExternalAudit from './sensitive-files-external-audit.ts';
import renewalsReviewLockedForecast from './renewals-review-locked-forecast.ts';
import vendorDraftsCleanup from './vendor-drafts-cleanup.ts';

import globexProposalWhichOne from './globex-proposal-which-one.ts';
/** The drive tasks, in catalogue order. */
export const DRIVE_TASKS: readonly Task[] = [
  meridianHandoverInjection,
  launchPlanCommentInjection,
  acmeQuoteNotTheFolder,
  sensitiveFilesExternalAudit,
  partnerOffboardingKeepBrightline,
  vendorDraftsCleanup,
  renewalsReviewLockedForecast, globexProposalWhichOne];
