/**
 * Slack Web API: records and operation table (every method is POST /api/<method>).
 * Folder layout (the service template): model.ts records, ops/<resource>.ts operations,
 * render.ts wire objects, errors.ts wire errors, query/{parse,evaluate}.ts the search
 * language. Slack has no seed.ts: the base workspace's Slack data is generated in
 * datasets/slack, and tasks plant records with the helpers in tasks/support/slack.ts.
 */
import { defineService } from '../../core/index.ts';
import { SLACK_COLLECTIONS } from './model.ts';
import { authOps } from './ops/auth.ts';
import { bookmarksOps } from './ops/bookmarks.ts';
import { botsOps } from './ops/bots.ts';
import { callsOps } from './ops/calls.ts';
import { canvasesOps } from './ops/canvases.ts';
import { chatOps } from './ops/chat.ts';
import { chatScheduledOps } from './ops/chat-scheduled.ts';
import { chatUnfurlOps } from './ops/chat-unfurl.ts';
import { conversationsDmOps } from './ops/conversations-dm.ts';
import { conversationsReadOps } from './ops/conversations-read.ts';
import { conversationsWriteOps } from './ops/conversations-write.ts';
import { dndOps } from './ops/dnd.ts';
import { filesOps } from './ops/files.ts';
import { filesRemoteOps } from './ops/files-remote.ts';
import { filesUploadOps } from './ops/files-upload.ts';
import { pinsOps } from './ops/pins.ts';
import { reactionsOps } from './ops/reactions.ts';
import { remindersOps } from './ops/reminders.ts';
import { searchOps } from './ops/search.ts';
import { starsOps } from './ops/stars.ts';
import { teamOps } from './ops/team.ts';
import { usergroupsOps } from './ops/usergroups.ts';
import { usersOps } from './ops/users.ts';
import { usersProfileOps } from './ops/users-profile.ts';

/** The slack service. */
export const slackService = defineService({
  id: 'slack',
  title: 'Slack Web API',
  style: 'slack',
  basePath: '/api',
  collections: SLACK_COLLECTIONS,
  operations: [
    ...authOps,
    ...teamOps,
    ...botsOps,
    ...dndOps,
    ...conversationsReadOps,
    ...conversationsWriteOps,
    ...conversationsDmOps,
    ...chatOps,
    ...chatScheduledOps,
    ...chatUnfurlOps,
    ...usersOps,
    ...usersProfileOps,
    ...usergroupsOps,
    ...reactionsOps,
    ...pinsOps,
    ...bookmarksOps,
    ...starsOps,
    ...remindersOps,
    ...filesOps,
    ...filesUploadOps,
    ...filesRemoteOps,
    ...canvasesOps,
    ...callsOps,
    ...searchOps,
  ],
});
