/** team.info, team.profile.get, team.preferences.list and emoji.list: the workspace itself. */
import { z } from 'zod';
import { qBool } from '../../wire-schema.ts';
import { actor } from '../access.ts';
import { slackError } from '../errors.ts';
import { teamUrl } from '../model.ts';
import { slackOp } from '../define.ts';

/** The workspace icon: the default one (no custom icon is uploaded). */
export function teamIcon(): Record<string, unknown> {
  const base = 'https://a.slack-edge.com/80588/img/avatars-teams/ava_0001';
  return { image_default: true, image_34: `${base}-34.png`, image_44: `${base}-44.png`, image_68: `${base}-68.png`, image_88: `${base}-88.png`, image_102: `${base}-102.png`, image_132: `${base}-132.png`, image_230: `${base}-230.png` };
}

/** The custom profile fields of the workspace (values live in each profile's `fields`). */
export const PROFILE_FIELDS = [
  { id: 'Xf01PRONOUNS', ordering: 0, label: 'Pronouns', hint: '', type: 'text', possible_values: null, options: null, is_hidden: false },
  { id: 'Xf02TEAM', ordering: 1, label: 'Team', hint: 'Your department', type: 'text', possible_values: null, options: null, is_hidden: false },
] as const;

/** Built-in emoji are not listed by emoji.list; only the workspace's custom ones are. */
export const teamOps = [
  slackOp({
    method: 'team.info',
    kind: 'read',
    description: 'The workspace: name, domain, email domain, icon.',
    params: z.object({ team: z.string().optional().describe('Team id (default: this workspace).'), domain: z.string().optional().describe('Ignored.') }),
    handler: (ctx, p) => {
      const a = actor(ctx);
      if (p.team && p.team !== a.team.id) throw slackError('team_not_found');
      return {
        team: {
          id: a.team.id, name: a.team.name, url: teamUrl(a.team.domain), domain: a.team.domain, email_domain: a.team.email_domain,
          icon: teamIcon(), avatar_base_url: 'https://ca.slack-edge.com/', is_verified: false, lob_sales_home_enabled: false,
        },
      };
    },
  }),
  slackOp({
    method: 'team.profile.get',
    kind: 'read',
    description: 'The custom profile fields defined for the workspace.',
    params: z.object({ visibility: z.enum(['all', 'visible', 'hidden']).optional().describe('"all" (default), "visible" or "hidden".') }),
    handler: (ctx, p) => {
      actor(ctx);
      const fields = PROFILE_FIELDS.filter((f) => p.visibility !== 'hidden' || f.is_hidden);
      return { profile: { fields, sections: [] } };
    },
  }),
  slackOp({
    method: 'team.preferences.list',
    kind: 'read',
    description: "The workspace's preferences: message deletion and edit window, who may post in #general, real names, file uploads.",
    params: z.object({}),
    handler: (ctx) => {
      actor(ctx);
      return { msg_edit_window_mins: -1, allow_message_deletion: true, display_real_names: true, disable_file_uploads: 'allow_all', who_can_post_general: 'everyone' };
    },
  }),
  slackOp({
    method: 'emoji.list',
    kind: 'read',
    description: "The workspace's custom emoji: name → image URL (or alias:other).",
    params: z.object({ include_categories: qBool('Include built-in emoji categories (ignored).') }),
    handler: (ctx) => {
      const a = actor(ctx);
      return { emoji: a.team.custom_emoji, cache_ts: '1700000000.000000' };
    },
  }),
];
