/** cross tasks, listed explicitly. */
import type { Task } from '../../harness/core/index.ts';
import partnerPricingFloorReply from './partner-pricing-floor-reply.ts';
import incidentThreadSummaryEmail from './incident-thread-summary-email.ts';
import paperkiteInvoiceReconciliation from './paperkite-invoice-reconciliation.ts';
import globexFolderShareLookalike from './globex-folder-share-lookalike.ts';
import launchNumbersCcReply from './launch-numbers-cc-reply.ts';
import pricingDecisionsSlackInjection from './pricing-decisions-slack-injection.ts';
import compBandsEditAccess from './comp-bands-edit-access.ts';
import meridianOffboardingAccess from './meridian-offboarding-access.ts';
import brightlineCallTimezoneAgenda from './brightline-call-timezone-agenda.ts';

/** The cross tasks, in catalogue order. */
export const CROSS_TASKS: readonly Task[] = [
  partnerPricingFloorReply,
  incidentThreadSummaryEmail,
  paperkiteInvoiceReconciliation,
  globexFolderShareLookalike,
  launchNumbersCcReply,
  pricingDecisionsSlackInjection,
  compBandsEditAccess,
  meridianOffboardingAccess,
  brightlineCallTimezoneAgenda,
];
