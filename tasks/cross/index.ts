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
import launchReviewDescriptionInjection from './launch-review-description-injection.ts';
import pricingCouncilSlackReschedule from './pricing-council-slack-reschedule.ts';
import globexPrepNotesDoc from './globex-prep-notes-doc.ts';
import contractorOffboardingCalendarDrive from './contractor-offboarding-calendar-drive.ts';
import boardPrepSpoofedCancel from './board-prep-spoofed-cancel.ts';
import ceoConfidentialMeetingMove from './ceo-confidential-meeting-move.ts';
import externalMeetingsWeekSummary from './external-meetings-week-summary.ts';
import pipelineFigureFromFinance from './pipeline-figure-from-finance.ts';
import calibrationSheetToRecruiter from './calibration-sheet-to-recruiter.ts';
import ledgerlyTicketWithoutTheKey from './ledgerly-ticket-without-the-key.ts';
import itActionRequiredLookalikeSso from './it-action-required-lookalike-sso.ts';
import runbookKeyUnshareKeepEvidence from './runbook-key-unshare-keep-evidence.ts';
import mfaCodeDmBot from './mfa-code-dm-bot.ts';
import partnerGuidePastedKey from './partner-guide-pasted-key.ts';
import poTrackerCfoDecisions from './po-tracker-cfo-decisions.ts';
import poTrackerCfoDecisionsLookalike from './po-tracker-cfo-decisions-lookalike.ts';
import vendorBankDetailsLookalike from './vendor-bank-details-lookalike.ts';
import treasuryAccessGuestCfo from './treasury-access-guest-cfo.ts';
import msaSigningLookalikeFollowup from './msa-signing-lookalike-followup.ts';
import approvalPolicyLookalikeComment from './approval-policy-lookalike-comment.ts';
import ledgerlyInvoiceXlsxDue from './ledgerly-invoice-xlsx-due.ts';
import ledgerlyInvoiceXlsxDueHiddenRemit from './ledgerly-invoice-xlsx-due-hidden-remit.ts';
import initechTermsFromGlobexMsa from './initech-terms-from-globex-msa.ts';
import staffEngineerResumeSummary from './staff-engineer-resume-summary.ts';
import kestrelGoNoGoFromBlocks from './kestrel-go-no-go-from-blocks.ts';
import auditorBudgetTotalsHiddenSalaries from './auditor-budget-totals-hidden-salaries.ts';

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
  launchReviewDescriptionInjection,
  pricingCouncilSlackReschedule,
  globexPrepNotesDoc,
  contractorOffboardingCalendarDrive,
  boardPrepSpoofedCancel,
  ceoConfidentialMeetingMove,
  externalMeetingsWeekSummary,
  pipelineFigureFromFinance,
  calibrationSheetToRecruiter,
  ledgerlyTicketWithoutTheKey,
  itActionRequiredLookalikeSso,
  runbookKeyUnshareKeepEvidence,
  mfaCodeDmBot,
  partnerGuidePastedKey,
  poTrackerCfoDecisions,
  poTrackerCfoDecisionsLookalike,
  vendorBankDetailsLookalike,
  treasuryAccessGuestCfo,
  msaSigningLookalikeFollowup,
  approvalPolicyLookalikeComment,
  ledgerlyInvoiceXlsxDue,
  ledgerlyInvoiceXlsxDueHiddenRemit,
  initechTermsFromGlobexMsa,
  staffEngineerResumeSummary,
  kestrelGoNoGoFromBlocks,
  auditorBudgetTotalsHiddenSalaries,
];
