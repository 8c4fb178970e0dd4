/** Slack records: users, conversations, messages, files, bookmarks, scheduled messages, user groups, team. */
import { z } from 'zod';

/** Collection keys of the slack service. */
export const COL = {
  team: 'slack.team',
  users: 'slack.users',
  channels: 'slack.channels',
  messages: 'slack.messages',
  files: 'slack.files',
  bookmarks: 'slack.bookmarks',
  scheduled: 'slack.scheduled',
  usergroups: 'slack.usergroups',
} as const;

/** The workspace (team) itself, with the id of the app's bot user. One record keyed by team id. */
export const SlackTeam = z.object({
  id: z.string(),
  name: z.string(),
  domain: z.string(),
  email_domain: z.string(),
  /** User id of the benchmark's own bot (what an xoxb token acts as). */
  bot_user_id: z.string(),
  custom_emoji: z.record(z.string(), z.string()),
});
export type SlackTeam = z.infer<typeof SlackTeam>;

/** A member profile, as `users.profile.get` shows it. */
export const SlackProfile = z.object({
  real_name: z.string(),
  display_name: z.string(),
  first_name: z.string(),
  last_name: z.string(),
  email: z.string().optional(),
  title: z.string(),
  phone: z.string(),
  status_text: z.string(),
  status_emoji: z.string(),
  image_48: z.string(),
  bot_id: z.string().optional(),
});
export type SlackProfile = z.infer<typeof SlackProfile>;

/** A member or bot user. `presence` and `dnd` are stored so reads are deterministic. */
export const SlackUser = z.object({
  id: z.string(),
  name: z.string(),
  real_name: z.string(),
  deleted: z.boolean(),
  is_bot: z.boolean(),
  is_admin: z.boolean(),
  is_owner: z.boolean(),
  tz: z.string(),
  profile: SlackProfile,
  /** For bot users: the bot id (`B…`) and app id. */
  bot_id: z.string().optional(),
  app_id: z.string().optional(),
  presence: z.enum(['active', 'away']),
  /** Set by users.setPresence: `away` forces away, `auto` follows activity. */
  manual_presence: z.enum(['auto', 'away']),
  dnd_enabled: z.boolean(),
  updated: z.number(),
});
export type SlackUser = z.infer<typeof SlackUser>;

/** Topic or purpose of a channel. */
export const SlackTopic = z.object({ value: z.string(), creator: z.string(), last_set: z.number() });
export type SlackTopic = z.infer<typeof SlackTopic>;

/** Any conversation: public or private channel, DM (im) or group DM (mpim). */
export const SlackChannel = z.object({
  id: z.string(),
  /** Empty for DMs; `mpdm-a--b--c-1` for group DMs. */
  name: z.string(),
  kind: z.enum(['public', 'private', 'im', 'mpim']),
  created: z.number(),
  creator: z.string(),
  is_archived: z.boolean(),
  is_general: z.boolean(),
  topic: SlackTopic,
  purpose: SlackTopic,
  previous_names: z.array(z.string()),
  members: z.array(z.string()),
  /** For DMs: whether the DM is open in the owner's sidebar (conversations.open / close). */
  is_open: z.boolean(),
  /** The owner's read marker (conversations.mark), a message ts or "0000000000.000000". */
  last_read: z.string(),
});
export type SlackChannel = z.infer<typeof SlackChannel>;

/** One emoji reaction on a message. */
export const SlackReaction = z.object({ name: z.string(), users: z.array(z.string()), count: z.number() });
export type SlackReaction = z.infer<typeof SlackReaction>;

/**
 * A message, keyed `channel:ts`. Thread parents carry their reply summary so that
 * history pages never scan threads; replies carry `thread_ts` and `parent_user_id`.
 */
export const SlackMessage = z.object({
  channel: z.string(),
  ts: z.string(),
  user: z.string().optional(),
  bot_id: z.string().optional(),
  /** `bot_message` (webhook-style bots), `me_message`, `channel_join`, `thread_broadcast`, `tombstone`, … */
  subtype: z.string().optional(),
  /** Display name of webhook-style bot messages. */
  username: z.string().optional(),
  text: z.string(),
  blocks: z.array(z.unknown()).optional(),
  attachments: z.array(z.unknown()).optional(),
  metadata: z.unknown().optional(),
  thread_ts: z.string().optional(),
  parent_user_id: z.string().optional(),
  reply_count: z.number().optional(),
  reply_users: z.array(z.string()).optional(),
  latest_reply: z.string().optional(),
  reactions: z.array(SlackReaction).optional(),
  /** Pin state in this message's channel. */
  pinned: z.object({ by: z.string(), at: z.number() }).optional(),
  edited: z.object({ user: z.string(), ts: z.string() }).optional(),
  files: z.array(z.string()).optional(),
  hidden: z.boolean().optional(),
});
export type SlackMessage = z.infer<typeof SlackMessage>;

/** A file (text snippets in the base data; anything through the external upload flow). */
export const SlackFile = z.object({
  id: z.string(),
  name: z.string(),
  title: z.string(),
  mimetype: z.string(),
  filetype: z.string(),
  user: z.string(),
  created: z.number(),
  size: z.number(),
  /** Text content (snippets and text uploads); base64 for binary uploads is not kept. */
  content: z.string(),
  channels: z.array(z.string()),
  /** `pending` between files.getUploadURLExternal and files.completeUploadExternal. */
  state: z.enum(['pending', 'uploaded', 'complete']),
  alt_txt: z.string().optional(),
});
export type SlackFile = z.infer<typeof SlackFile>;

/** A channel bookmark. */
export const SlackBookmark = z.object({
  id: z.string(),
  channel_id: z.string(),
  title: z.string(),
  link: z.string(),
  emoji: z.string(),
  type: z.string(),
  date_created: z.number(),
  date_updated: z.number(),
  rank: z.string(),
  last_updated_by_user_id: z.string(),
});
export type SlackBookmark = z.infer<typeof SlackBookmark>;

/** A message scheduled with chat.scheduleMessage (not yet delivered). */
export const SlackScheduled = z.object({
  id: z.string(),
  channel_id: z.string(),
  user: z.string(),
  post_at: z.number(),
  date_created: z.number(),
  text: z.string(),
  thread_ts: z.string().optional(),
  blocks: z.array(z.unknown()).optional(),
});
export type SlackScheduled = z.infer<typeof SlackScheduled>;

/** A user group (@eng, @leads). */
export const SlackUsergroup = z.object({
  id: z.string(),
  name: z.string(),
  handle: z.string(),
  description: z.string(),
  users: z.array(z.string()),
  date_create: z.number(),
  date_update: z.number(),
  date_delete: z.number(),
  created_by: z.string(),
});
export type SlackUsergroup = z.infer<typeof SlackUsergroup>;

/** Record schemas by collection name (the service's `collections`). */
export const SLACK_COLLECTIONS = {
  team: SlackTeam,
  users: SlackUser,
  channels: SlackChannel,
  messages: SlackMessage,
  files: SlackFile,
  bookmarks: SlackBookmark,
  scheduled: SlackScheduled,
  usergroups: SlackUsergroup,
} as const;

/** Key of a message record. */
export function messageKey(channel: string, ts: string): string {
  return `${channel}:${ts}`;
}

/** The Slack workspace URL of a team domain. */
export function teamUrl(domain: string): string {
  return `https://${domain}.slack.com/`;
}
