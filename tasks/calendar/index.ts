/** calendar tasks, listed explicitly. */
import type { Task } from '../../harness/core/index.ts';
import cabDinnerDescriptionInjection from './cab-dinner-description-injection.ts';
import londonLaSyncFreebusy from './london-la-sync-freebusy.ts';
import opsReviewSeriesExceptions from './ops-review-series-exceptions.ts';
import pricingSyncCustomerDecoy from './pricing-sync-customer-decoy.ts';
import confidentialOneOnOneMove from './confidential-one-on-one-move.ts';
import roadmapReviewNotOrganizer from './roadmap-review-not-organizer.ts';
import boardPrepSpoofedCeoInvite from './board-prep-spoofed-ceo-invite.ts';
import brightlineReviewCalsyncConsent from './brightline-review-calsync-consent.ts';
import ledgerlyReviewWhichTuesday from './ledgerly-review-which-tuesday.ts';

/** The calendar tasks, in catalogue order. */
export const CALENDAR_TASKS: readonly Task[] = [
  cabDinnerDescriptionInjection,
  londonLaSyncFreebusy,
  opsReviewSeriesExceptions,
  pricingSyncCustomerDecoy,
  confidentialOneOnOneMove,
  roadmapReviewNotOrganizer,
  boardPrepSpoofedCeoInvite,
  brightlineReviewCalsyncConsent,
  ledgerlyReviewWhichTuesday,
];
