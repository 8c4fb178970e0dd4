/** Slack records: team, users, conversations, messages, files, bookmarks, scheduled messages, user groups, reminders, stars, canvases, calls. */
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
  reminders: 'slack.reminders',
  stars: 'slack.stars',
  canvases: 'slack.canvases',
  calls: 'slack.calls',
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
  /**
   * Hash of the avatar image; the sized image URLs are built from `image_48`. Records
   * written before it existed are given one derived from the user id when rendered.
   */
  avatar_hash: z.string().optional(),
  /** True when the member uploaded a photo: only then does Slack add `image_original` and `image_1024`. */
  is_custom_image: z.boolean().optional(),
  pronouns: z.string().optional(),
  /** Epoch seconds when the status clears itself (0: never). */
  status_expiration: z.number().optional(),
  /** ISO date the member started, shown on the profile. */
  start_date: z.string().optional(),
  /** Values of the workspace's custom profile fields (team.profile.get), keyed by field id. */
  fields: z.record(z.string(), z.object({ value: z.string(), alt: z.string() })).optional(),
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
  /** Epoch seconds until which the member snoozed notifications (dnd.setSnooze); absent when not snoozed. */
  snooze_until: z.number().optional(),
  updated: z.number(),
  /** Guest accounts: multi-channel (`is_restricted`) or single-channel (`is_ultra_restricted`). */
  is_restricted: z.boolean().optional(),
  is_ultra_restricted: z.boolean().optional(),
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
  /** Text content (snippets and text uploads; the words of a PDF, docx or xlsx upload); other binary bytes are not kept. */
  content: z.string(),
  channels: z.array(z.string()),
  /** `pending` between files.getUploadURLExternal and files.completeUploadExternal. */
  state: z.enum(['pending', 'uploaded', 'complete']),
  alt_txt: z.string().optional(),
  /** files.sharedPublicURL: anyone with the link can open the file; `pub_secret` is the link's secret. */
  public_url_shared: z.boolean().optional(),
  pub_secret: z.string().optional(),
  /** A remote file (files.remote.add): stored elsewhere, known to Slack by the app's id and URL. */
  external: z.object({ id: z.string(), url: z.string(), app_id: z.string() }).optional(),
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
  /** Who last changed it (usergroups.update, users.update, disable, enable). */
  updated_by: z.string().optional(),
  /** Default channels members of the group are added to (`prefs.channels`). */
  channels: z.array(z.string()).optional(),
});
export type SlackUsergroup = z.infer<typeof SlackUsergroup>;

/** A reminder (reminders.add). `complete_ts` is 0 until reminders.complete. */
export const SlackReminder = z.object({
  id: z.string(),
  creator: z.string(),
  user: z.string(),
  text: z.string(),
  /** Epoch seconds of the next (or only) time it fires. */
  time: z.number(),
  complete_ts: z.number(),
  recurrence: z.object({ frequency: z.enum(['daily', 'weekly', 'monthly', 'yearly']), weekdays: z.array(z.string()).optional() }).optional(),
});
export type SlackReminder = z.infer<typeof SlackReminder>;

/** A saved item (stars.add) of one member: a message, a file or a channel. Keyed `user:type:ref`. */
export const SlackStar = z.object({
  id: z.string(),
  user: z.string(),
  type: z.enum(['message', 'file', 'channel']),
  channel: z.string().optional(),
  ts: z.string().optional(),
  file: z.string().optional(),
  date_create: z.number(),
});
export type SlackStar = z.infer<typeof SlackStar>;

/** One section of a canvas: a heading, paragraph, list item, quote or code block, as markdown. */
export const CanvasSection = z.object({ id: z.string(), type: z.enum(['h1', 'h2', 'h3', 'any']), markdown: z.string() });
export type CanvasSection = z.infer<typeof CanvasSection>;

/**
 * A canvas (a file of type `canvas` to the API): a title, markdown sections, who may read or
 * edit it, and for a channel canvas the channel whose tab it is.
 */
export const SlackCanvas = z.object({
  id: z.string(),
  title: z.string(),
  owner: z.string(),
  created: z.number(),
  updated: z.number(),
  sections: z.array(CanvasSection),
  channel_id: z.string().optional(),
  /** Grants by canvases.access.set, keyed `user:U…` or `channel:C…`. */
  access: z.record(z.string(), z.enum(['read', 'write', 'owner'])),
});
export type SlackCanvas = z.infer<typeof SlackCanvas>;

/** A participant of a call: a member (`slack_id`) or someone outside Slack (`external_id` and a name). */
export const CallUser = z.object({
  slack_id: z.string().optional(),
  external_id: z.string().optional(),
  display_name: z.string().optional(),
  avatar_url: z.string().optional(),
});
export type CallUser = z.infer<typeof CallUser>;

/** A call registered by a calling app (calls.add), ended by calls.end. */
export const SlackCall = z.object({
  id: z.string(),
  external_unique_id: z.string(),
  join_url: z.string(),
  desktop_app_join_url: z.string().optional(),
  external_display_id: z.string().optional(),
  title: z.string().optional(),
  created_by: z.string(),
  date_start: z.number(),
  date_end: z.number().optional(),
  users: z.array(CallUser),
  /** Conversations the call was shared in (a `call` block posted there). */
  channels: z.array(z.string()),
});
export type SlackCall = z.infer<typeof SlackCall>;

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
  reminders: SlackReminder,
  stars: SlackStar,
  canvases: SlackCanvas,
  calls: SlackCall,
} as const;

/** Key of a message record. */
export function messageKey(channel: string, ts: string): string {
  return `${channel}:${ts}`;
}

/** The Slack workspace URL of a team domain. */
export function teamUrl(domain: string): string {
  return `https://${domain}.slack.com/`;
}
