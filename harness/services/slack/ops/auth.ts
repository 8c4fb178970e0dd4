/** auth.test, auth.teams.list and api.test: who the token is, which workspaces it reaches, an echo. */
import { z } from 'zod';
import { qBool } from '../../wire-schema.ts';
import { actor } from '../access.ts';
import { slackError } from '../errors.ts';
import { teamUrl } from '../model.ts';
import { cursorPage } from '../paging.ts';
import { pCursor, pLimit } from '../params.ts';
import { slackOp } from '../define.ts';
import { teamIcon } from './team.ts';

export const authOps = [
  slackOp({
    method: 'auth.test',
    kind: 'read',
    description: 'Who the token belongs to: team, user id, and bot id for bot tokens.',
    params: z.object({}),
    handler: (ctx) => {
      const a = actor(ctx);
      return {
        url: teamUrl(a.team.domain), team: a.team.name, user: a.user.name, team_id: a.team.id, user_id: a.user.id,
        ...(a.bot ? { bot_id: a.user.bot_id } : {}), is_enterprise_install: false,
      };
    },
  }),
  slackOp({
    method: 'auth.teams.list',
    kind: 'read',
    description: 'The workspaces the token can reach (one here). Paginate with cursor.',
    params: z.object({ cursor: pCursor, limit: pLimit(100, 1000), include_icon: qBool('Include each workspace icon.') }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      const page = cursorPage([a.team], p.cursor, p.limit, 100, 1000);
      return {
        teams: page.items.map((t) => ({ id: t.id, name: t.name, ...(p.include_icon ? { icon: teamIcon() } : {}) })),
        response_metadata: page.response_metadata,
      };
    },
  }),
  slackOp({
    method: 'api.test',
    kind: 'read',
    description: 'Checks calling code: echoes the arguments back; `error` makes it fail with that error. (Slack answers it without a token; here the token is needed to find the trial that logs the call.)',
    params: z.object({ error: z.string().max(100).optional().describe('Error string the call should return (for testing error handling).'), foo: z.string().optional().describe('Any value; echoed back in args.') }),
    handler: (_ctx, p) => {
      if (p.error) throw slackError(p.error, { args: { error: p.error, ...(p.foo !== undefined ? { foo: p.foo } : {}) } });
      return { args: (p.foo !== undefined ? { foo: p.foo } : {}) };
    },
  }),
];
