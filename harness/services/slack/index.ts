/** Slack Web API: records and operation table (every method is POST /api/<method>). */
import { defineService } from '../../core/index.ts';
import { SLACK_COLLECTIONS } from './model.ts';
import { chatOps } from './ops/chat.ts';
import { chatScheduledOps } from './ops/chat-scheduled.ts';
import { conversationsDmOps } from './ops/conversations-dm.ts';
import { conversationsReadOps } from './ops/conversations-read.ts';
import { conversationsWriteOps } from './ops/conversations-write.ts';
import { filesOps } from './ops/files.ts';
import { pinsBookmarksOps } from './ops/pins-bookmarks.ts';
import { reactionsOps } from './ops/reactions.ts';
import { searchOps } from './ops/search.ts';
import { teamOps } from './ops/team.ts';
import { usersOps } from './ops/users.ts';

/** The slack service. */
export const slackService = defineService({
  id: 'slack',
  title: 'Slack Web API',
  style: 'slack',
  basePath: '/api',
  collections: SLACK_COLLECTIONS,
  operations: [
    ...teamOps,
    ...conversationsReadOps,
    ...conversationsWriteOps,
    ...conversationsDmOps,
    ...chatOps,
    ...chatScheduledOps,
    ...usersOps,
    ...reactionsOps,
    ...pinsBookmarksOps,
    ...filesOps,
    ...searchOps,
  ],
});
