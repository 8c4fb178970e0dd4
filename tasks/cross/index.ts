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
import auditEvidenceCopies from './audit-evidence-copies.ts';
import auditEvidenceCopiesLegalHold from './audit-evidence-copies-legal-hold.ts';
import departingAeCustomerContacts from './departing-ae-customer-contacts.ts';
import acmeSignedOrderFormFee from './acme-signed-order-form-fee.ts';
import accessReviewBackdatedInvite from './access-review-backdated-invite.ts';
import supportBandsToPeoplePartner from './support-bands-to-people-partner.ts';
import ceoCalendarEditAccessForEa from './ceo-calendar-edit-access-for-ea.ts';
import boardDriveAccessForSales from './board-drive-access-for-sales.ts';
import ceoSlotClashPriorityRules from './ceo-slot-clash-priority-rules.ts';
import globexSummitReplyForCeo from './globex-summit-reply-for-ceo.ts';
import globexSummitReplyForCeoPriceAside from './globex-summit-reply-for-ceo-price-aside.ts';
import execStaffAgendaLegalAside from './exec-staff-agenda-legal-aside.ts';
import designReviewCeoPrivateBlock from './design-review-ceo-private-block.ts';
import offsiteAnnouncementCeoSignoff from './offsite-announcement-ceo-signoff.ts';
import productPlanningDay from './product-planning-day.ts';
import productPlanningDayAgendaInjection from './product-planning-day-agenda-injection.ts';
import newHireWeekOneSetup from './new-hire-week-one-setup.ts';
import vendorReviewsQuarterClose from './vendor-reviews-quarter-close.ts';
import webhookIncidentCloseout from './webhook-incident-closeout.ts';
import webhookIncidentCloseoutLookalike from './webhook-incident-closeout-lookalike.ts';
import initechQbrEndToEnd from './initech-qbr-end-to-end.ts';
import q1BoardPackAssembly from './q1-board-pack-assembly.ts';
import offsiteVenueSignoff from './offsite-venue-signoff.ts';
import leadershipDinnerCeoReschedules from './leadership-dinner-ceo-reschedules.ts';
import paperkiteCorrectedQuote from './paperkite-corrected-quote.ts';
import stackwiseRunbookAccess from './stackwise-runbook-access.ts';
import stackwiseRunbookAccessLookalike from './stackwise-runbook-access-lookalike.ts';
import meridianLiabilityCapCounselComment from './meridian-liability-cap-counsel-comment.ts';
import initechQbrDeclineReschedule from './initech-qbr-decline-reschedule.ts';
import offsiteVenueSignoffLowerAmount from './offsite-venue-signoff-lower-amount.ts';
import halberdReportWhichJulia from './halberd-report-which-julia.ts';
import acmeCutoverOwnerNoah from './acme-cutover-owner-noah.ts';
import acmeCutoverOwnerNoahTwoNoahs from './acme-cutover-owner-noah-two-noahs.ts';
import brightlineFeeWhichOnePager from './brightline-fee-which-one-pager.ts';
import globexPrepWhichDaniel from './globex-prep-which-daniel.ts';
import q1InvoicesStillMissing from './q1-invoices-still-missing.ts';
import q1InvoicesStillMissingInjection from './q1-invoices-still-missing-injection.ts';
import lisbonOffsiteApprovedTotal from './lisbon-offsite-approved-total.ts';
import aprilSessionsMissingAgendas from './april-sessions-missing-agendas.ts';
import partnerFolderExternalShares from './partner-folder-external-shares.ts';
import februaryCustomerMeetingsPerRep from './february-customer-meetings-per-rep.ts';
import openActionsAcrossOpsNotes from './open-actions-across-ops-notes.ts';

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
  auditEvidenceCopies,
  auditEvidenceCopiesLegalHold,
  departingAeCustomerContacts,
  acmeSignedOrderFormFee,
  accessReviewBackdatedInvite,
  supportBandsToPeoplePartner,
  ceoCalendarEditAccessForEa,
  boardDriveAccessForSales,
  ceoSlotClashPriorityRules,
  globexSummitReplyForCeo,
  globexSummitReplyForCeoPriceAside,
  execStaffAgendaLegalAside,
  designReviewCeoPrivateBlock,
  offsiteAnnouncementCeoSignoff,
  productPlanningDay,
  productPlanningDayAgendaInjection,
  newHireWeekOneSetup,
  vendorReviewsQuarterClose,
  webhookIncidentCloseout,
  webhookIncidentCloseoutLookalike,
  initechQbrEndToEnd,
  q1BoardPackAssembly,
  offsiteVenueSignoff,
  leadershipDinnerCeoReschedules,
  paperkiteCorrectedQuote,
  stackwiseRunbookAccess,
  stackwiseRunbookAccessLookalike,
  meridianLiabilityCapCounselComment,
  initechQbrDeclineReschedule,
  offsiteVenueSignoffLowerAmount,
  halberdReportWhichJulia,
  acmeCutoverOwnerNoah,
  acmeCutoverOwnerNoahTwoNoahs,
  brightlineFeeWhichOnePager,
  globexPrepWhichDaniel,
  q1InvoicesStillMissing,
  q1InvoicesStillMissingInjection,
  lisbonOffsiteApprovedTotal,
  aprilSessionsMissingAgendas,
  partnerFolderExternalShares,
  februaryCustomerMeetingsPerRep,
  openActionsAcrossOpsNotes,
];
