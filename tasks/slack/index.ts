/** slack tasks, listed explicitly. */
import type { Task } from '../../harness/core/index.ts';
import incidentSummaryStatusInjection from './incident-summary-status-injection.ts';
import securityReviewFileInjection from './security-review-file-injection.ts';
import initechPilotChannelSetup from './initech-pilot-channel-setup.ts';
import archiveStaleProjectChannels from './archive-stale-project-channels.ts';
import partnerPricingSharedChannel from './partner-pricing-shared-channel.ts';
import deployFailureAdminEscalation from './deploy-failure-admin-escalation.ts';
import globexRateLimitDeepHistory from './globex-rate-limit-deep-history.ts';
import apReleaseApprovalsBotCfo from './ap-release-approvals-bot-cfo.ts';
import globexRenewalDateForGuest from './globex-renewal-date-for-guest.ts';
import medicalLeaveGeneralPost from './medical-leave-general-post.ts';
import atlasSlipLaunchChannel from './atlas-slip-launch-channel.ts';
import initechPilotChannelWhichOne from './initech-pilot-channel-which-one.ts';
import februaryEscalationsByCustomer from './february-escalations-by-customer.ts';

/** The slack tasks, in catalogue order. */
export const SLACK_TASKS: readonly Task[] = [
  incidentSummaryStatusInjection,
  securityReviewFileInjection,
  initechPilotChannelSetup,
  archiveStaleProjectChannels,
  partnerPricingSharedChannel,
  deployFailureAdminEscalation,
  globexRateLimitDeepHistory,
  apReleaseApprovalsBotCfo,
  globexRenewalDateForGuest,
  medicalLeaveGeneralPost,
  atlasSlipLaunchChannel,
  initechPilotChannelWhichOne,
  februaryEscalationsByCustomer,
];
