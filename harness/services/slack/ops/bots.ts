/** bots.info: a bot by its bot id. */
import { z } from 'zod';
import { actor, usersCol } from '../access.ts';
import { slackError } from '../errors.ts';
import { botProfile } from '../render.ts';
import { slackOp } from '../define.ts';

export const botsOps = [
  slackOp({
    method: 'bots.info',
    kind: 'read',
    description: 'A bot by bot id (B…).',
    params: z.object({ bot: z.string().optional().describe('Bot id (B…).'), team_id: z.string().optional().describe('Ignored.') }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      for (const u of usersCol(ctx).values()) {
        if (u.is_bot && u.bot_id === p.bot) return { bot: botProfile(u, a.team) };
      }
      throw slackError('bot_not_found');
    },
  }),
];
