/** Slack Web API: records and operation table (filled in by the slack service work). */
import { defineService } from '../../core/index.ts';

/** The slack service. */
export const slackService = defineService({
  id: 'slack',
  title: 'Slack Web API',
  style: 'slack',
  basePath: '/api',
  collections: {},
  operations: [],
});
