/** Docs single-service tasks, listed explicitly. */
import type { Task } from '../../harness/core/index.ts';
import calibrationMeritFix from './calibration-merit-fix.ts';
import customerFaqInternalNotes from './customer-faq-internal-notes.ts';
import msaNoticeAddressLegalHold from './msa-notice-address-legal-hold.ts';
import postmortemShopperRedaction from './postmortem-shopper-redaction.ts';
import productRenameReplaceAll from './product-rename-replace-all.ts';
import partnerPriceTableUpdate from './partner-price-table-update.ts';
import vendorNotesRestructureInjection from './vendor-notes-restructure-injection.ts';
import ownExpenseOverLimitApproval from './own-expense-over-limit-approval.ts';

/** The docs tasks, in catalogue order. */
export const DOCS_TASKS: readonly Task[] = [vendorNotesRestructureInjection, msaNoticeAddressLegalHold, partnerPriceTableUpdate, calibrationMeritFix, customerFaqInternalNotes,
  postmortemShopperRedaction, productRenameReplaceAll,
  ownExpenseOverLimitApproval,
];
