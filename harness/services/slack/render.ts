/**
 * Stored slack records → the wire objects the Web API returns: users and profiles,
 * conversations, messages (with their `rich_text` blocks), files, bookmarks, user groups,
 * reminders. Derived fields (sizes of avatar images, time-zone label and offset, shared
 * flags, blocks of text-only messages) are computed here, never stored.
 */
import { stableHash, type OperationContext } from '../../core/index.ts';
import { isExtShared, type Actor } from './access.ts';
import { permalink } from './ids.ts';
import {
  COL, type SlackBookmark, type SlackChannel, type SlackFile, type SlackMessage, type SlackReminder, type SlackTeam, type SlackUser, type SlackUsergroup,
} from './model.ts';
import { richTextBlocks } from './rich-text.ts';
import { zoneInfo } from './time-zone.ts';

/** Avatar sizes every profile carries; custom photos add 1024 and the original. */
const IMAGE_SIZES = [24, 32, 48, 72, 192, 512] as const;
/** Slack's member colours (the name colour in clients), picked by a hash of the id. */
const COLORS = ['9f69e7', '4bbe2e', 'e7392d', '3c989f', '674b1b', 'e96699', 'e0a729', '684b6c', '5b89d5', '2b6836', '99d04a', 'dd8527', 'bb86b7', 'e06b56', '902d59', 'de5f24'];

/** Message subtypes Slack writes itself (joins, renames): they carry no blocks. */
const SYSTEM_SUBTYPES = new Set(['channel_join', 'channel_leave', 'channel_topic', 'channel_purpose', 'channel_name', 'channel_archive', 'channel_unarchive', 'tombstone']);

/** Names as Slack normalises them for search (`real_name_normalized`): accents stripped. */
function normalised(s: string): string {
  return s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
}

/** The URL of one avatar size, built from the stored 48-pixel image. */
function imageUrl(image48: string, size: number | 'original', hash: string): string {
  if (/_48\.(png|jpg|jpeg|gif)$/i.test(image48)) return image48.replace(/_48\.(png|jpg|jpeg|gif)$/i, `_${size}.$1`);
  return `https://secure.gravatar.com/avatar/${hash}.jpg?s=${size === 'original' ? 512 : size}&d=https%3A%2F%2Fa.slack-edge.com%2Fdf10d%2Fimg%2Favatars%2Fava_0010-${size === 'original' ? 512 : size}.png`;
}

/** Hashes derived per user record (records are immutable, so the cache is exact; it spares a SHA-256 per render). */
const derivedHashes = new WeakMap<SlackUser, { avatar: string; color: string }>();

function derived(u: SlackUser): { avatar: string; color: string } {
  let d = derivedHashes.get(u);
  if (!d) {
    const h = stableHash(`slack.avatar:${u.id}`);
    const avatar = u.profile.avatar_hash ?? (u.profile.is_custom_image ? h.slice(0, 12) : `g${h.slice(1, 12)}`);
    d = { avatar, color: COLORS[parseInt(h.slice(12, 16), 16) % COLORS.length]! };
    derivedHashes.set(u, d);
  }
  return d;
}

/** The avatar hash: stored, or derived from the id (default avatars have a `g` prefix, as Slack's gravatar ones do). */
function avatarHash(u: SlackUser): string {
  return u.profile.avatar_hash ?? derived(u).avatar;
}

/** Wire `profile` of a member (users.info, users.list, users.profile.get/set). */
export function renderProfile(u: SlackUser, team: SlackTeam): Record<string, unknown> {
  const p = u.profile;
  const hash = avatarHash(u);
  const images: Record<string, string> = {};
  for (const s of IMAGE_SIZES) images[`image_${s}`] = s === 48 && p.image_48 ? p.image_48 : imageUrl(p.image_48, s, hash);
  const custom = p.is_custom_image === true;
  return {
    title: p.title,
    phone: p.phone,
    skype: '',
    real_name: p.real_name,
    real_name_normalized: normalised(p.real_name),
    display_name: p.display_name,
    display_name_normalized: normalised(p.display_name),
    fields: p.fields ?? {},
    status_text: p.status_text,
    status_emoji: p.status_emoji,
    status_emoji_display_info: [],
    status_expiration: p.status_expiration ?? 0,
    avatar_hash: hash,
    ...(p.start_date ? { start_date: p.start_date } : {}),
    ...(p.email && !u.is_bot ? { email: p.email } : {}),
    ...(p.pronouns ? { pronouns: p.pronouns } : {}),
    first_name: p.first_name,
    last_name: p.last_name,
    ...images,
    ...(custom ? { image_1024: imageUrl(p.image_48, 1024, hash), image_original: imageUrl(p.image_48, 'original', hash), is_custom_image: true } : {}),
    status_text_canonical: '',
    team: team.id,
    ...(u.bot_id ? { bot_id: u.bot_id, api_app_id: u.app_id, always_active: true } : {}),
  };
}

/** Wire `user` object of users.list / users.info, as the caller sees it at the workspace clock. */
export function renderUser(u: SlackUser, team: SlackTeam, nowMs: number): Record<string, unknown> {
  const zone = zoneInfo(u.tz, nowMs);
  const color = derived(u).color;
  return {
    id: u.id,
    team_id: team.id,
    name: u.name,
    deleted: u.deleted,
    color,
    real_name: u.real_name,
    tz: u.tz,
    tz_label: zone.label,
    tz_offset: zone.offset,
    profile: renderProfile(u, team),
    is_admin: u.is_admin,
    is_owner: u.is_owner,
    is_primary_owner: u.is_owner,
    is_restricted: u.is_restricted ?? false,
    is_ultra_restricted: u.is_ultra_restricted ?? false,
    is_bot: u.is_bot,
    is_app_user: false,
    updated: u.updated,
    is_email_confirmed: !u.is_bot && Boolean(u.profile.email),
    who_can_share_contact_card: 'EVERYONE',
    ...(u.is_bot ? { is_workflow_bot: false } : {}),
  };
}

/** Wire `bot_profile` of messages posted by a bot user. */
export function botProfile(u: SlackUser, team: SlackTeam): Record<string, unknown> {
  const hash = avatarHash(u);
  return {
    id: u.bot_id, deleted: false, name: u.real_name, updated: u.updated, app_id: u.app_id, user_id: u.id,
    icons: { image_36: imageUrl(u.profile.image_48, 36, hash), image_48: u.profile.image_48, image_72: imageUrl(u.profile.image_48, 72, hash) },
    team_id: team.id,
  };
}

/** Which view of a conversation a method returns. */
export interface ChannelView {
  /** `num_members` (conversations.list always; conversations.info with include_num_members). */
  readonly count?: boolean;
  /** The caller's `last_read` (conversations.info, for members). */
  readonly lastRead?: boolean;
}

/**
 * Wire conversation object as the caller sees it. A channel with a member from another
 * organisation is a shared channel: Slack's conversation object documents `is_ext_shared` as
 * "part of a Shared Channel with a remote organization" and says `is_shared` "will also be true";
 * `is_org_shared` (Enterprise Grid workspaces of one org) stays false.
 */
export function renderChannel(ctx: OperationContext, ch: SlackChannel, a: Actor, view: ChannelView = {}): Record<string, unknown> {
  if (ch.kind === 'im') {
    const other = ch.members.find((m) => m !== a.user.id) ?? a.user.id;
    const otherUser = ctx.ws.collection<SlackUser>(COL.users).peek(other);
    return {
      id: ch.id, created: ch.created, is_archived: ch.is_archived, is_im: true, is_org_shared: false, context_team_id: a.team.id, updated: ch.created * 1000,
      user: other, is_user_deleted: otherUser?.deleted ?? false, priority: 0,
      ...(view.lastRead ? { is_open: ch.is_open, last_read: ch.last_read } : {}),
    };
  }
  const member = ch.members.includes(a.user.id);
  const extShared = isExtShared(ctx, ch, a.team);
  return {
    id: ch.id,
    name: ch.name,
    is_channel: ch.kind === 'public',
    is_group: ch.kind === 'private',
    is_im: false,
    is_mpim: ch.kind === 'mpim',
    is_private: ch.kind !== 'public',
    created: ch.created,
    is_archived: ch.is_archived,
    is_general: ch.is_general,
    unlinked: 0,
    name_normalized: ch.name,
    is_shared: extShared,
    is_org_shared: false,
    is_pending_ext_shared: false,
    pending_shared: [],
    context_team_id: a.team.id,
    updated: ch.created * 1000,
    parent_conversation: null,
    creator: ch.creator,
    is_ext_shared: extShared,
    shared_team_ids: [a.team.id],
    pending_connected_team_ids: [],
    is_member: member,
    ...(view.lastRead && member ? { last_read: ch.last_read } : {}),
    topic: ch.topic,
    purpose: ch.purpose,
    previous_names: ch.previous_names,
    ...(view.count ? { num_members: ch.members.length } : {}),
  };
}

/** Derived blocks per stored message record (records are immutable, so the cache is exact). */
const derivedBlocks = new WeakMap<SlackMessage, unknown[]>();

/**
 * The blocks of a message: the ones it was posted with, or the `rich_text` block Slack
 * derives from the text of a text-only message. System messages (joins, renames) have none.
 */
export function messageBlocks(m: SlackMessage): unknown[] | undefined {
  if (m.blocks?.length) return m.blocks;
  if (m.subtype && SYSTEM_SUBTYPES.has(m.subtype)) return undefined;
  let blocks = derivedBlocks.get(m);
  if (!blocks) {
    blocks = richTextBlocks(m.text, `${m.channel}:${m.ts}:${m.text.length}`);
    derivedBlocks.set(m, blocks);
  }
  return blocks.length ? blocks : undefined;
}

/** Wire message object (history, replies, postMessage, search). */
export function renderMessage(ctx: OperationContext, m: SlackMessage, team: SlackTeam): Record<string, unknown> {
  const out: Record<string, unknown> = { type: 'message' };
  if (m.subtype) out.subtype = m.subtype;
  out.text = m.text;
  if (m.user) out.user = m.user;
  if (m.username) out.username = m.username;
  if (m.bot_id) {
    out.bot_id = m.bot_id;
    const bot = m.user ? ctx.ws.collection<SlackUser>(COL.users).peek(m.user) : undefined;
    if (bot?.is_bot) {
      out.app_id = bot.app_id;
      out.bot_profile = botProfile(bot, team);
    }
  }
  out.ts = m.ts;
  out.team = team.id;
  const blocks = messageBlocks(m);
  if (blocks) out.blocks = blocks;
  if (m.attachments) out.attachments = m.attachments;
  if (m.metadata !== undefined) out.metadata = m.metadata;
  if (m.thread_ts) {
    out.thread_ts = m.thread_ts;
    if (m.thread_ts === m.ts) {
      out.reply_count = m.reply_count ?? 0;
      out.reply_users_count = m.reply_users?.length ?? 0;
      out.reply_users = m.reply_users ?? [];
      if (m.latest_reply) out.latest_reply = m.latest_reply;
      out.is_locked = false;
      out.subscribed = false;
    } else if (m.parent_user_id) out.parent_user_id = m.parent_user_id;
  }
  if (m.edited) out.edited = m.edited;
  if (m.reactions?.length) out.reactions = m.reactions;
  if (m.pinned) out.pinned_to = [m.channel];
  if (m.hidden) out.hidden = true;
  if (m.files?.length) {
    const files = ctx.ws.collection<SlackFile>(COL.files);
    out.files = m.files.map((id) => files.peek(id)).filter((f): f is SlackFile => f !== undefined).map((f) => renderFile(ctx, f, team));
    out.upload = false;
    out.display_as_bot = false;
  }
  return out;
}

/** True for files whose text Slack shows as a snippet (text types and text uploads). */
export function isTextFile(f: SlackFile): boolean {
  return f.mimetype.startsWith('text/') || f.mimetype === 'application/json';
}

/**
 * Wire file object. Where the file is shared is split the way Slack splits it: public
 * channels in `channels`, private channels and group DMs in `groups`, DMs in `ims`. The
 * text of a snippet is not here: files.info returns it beside the file, as `content`.
 */
export function renderFile(ctx: OperationContext, f: SlackFile, team: SlackTeam): Record<string, unknown> {
  const url = `https://files.slack.com/files-pri/${team.id}-${f.id}/${encodeURIComponent(f.name)}`;
  const text = isTextFile(f) && !f.external;
  const chans = ctx.ws.collection<SlackChannel>(COL.channels);
  const where = { channels: [] as string[], groups: [] as string[], ims: [] as string[] };
  for (const id of f.channels) {
    const kind = chans.peek(id)?.kind;
    (kind === 'im' ? where.ims : kind === 'private' || kind === 'mpim' ? where.groups : where.channels).push(id);
  }
  return {
    id: f.id,
    created: f.created,
    timestamp: f.created,
    name: f.name,
    title: f.title,
    mimetype: f.mimetype,
    filetype: f.filetype,
    pretty_type: prettyType(f.filetype),
    user: f.user,
    user_team: team.id,
    editable: text,
    size: f.size,
    mode: f.external ? 'external' : text ? 'snippet' : 'hosted',
    is_external: f.external !== undefined,
    external_type: f.external ? 'app' : '',
    ...(f.external ? { external_id: f.external.id, external_url: f.external.url } : {}),
    is_public: where.channels.length > 0,
    public_url_shared: f.public_url_shared ?? false,
    display_as_bot: false,
    username: '',
    url_private: f.external?.url ?? url,
    ...(f.external ? {} : { url_private_download: `https://files.slack.com/files-pri/${team.id}-${f.id}/download/${encodeURIComponent(f.name)}` }),
    media_display_type: 'unknown',
    permalink: `https://${team.domain}.slack.com/files/${f.user}/${f.id}/${encodeURIComponent(f.name)}`,
    permalink_public: `https://slack-files.com/${team.id}-${f.id}-${f.pub_secret ?? stableHash(`slack.pub:${f.id}`).slice(0, 10)}`,
    ...(text ? { edit_link: `https://${team.domain}.slack.com/files/${f.user}/${f.id}/${encodeURIComponent(f.name)}/edit`, preview: f.content.slice(0, 300), preview_highlight: '', lines: f.content.split('\n').length, lines_more: Math.max(0, f.content.split('\n').length - 5), preview_is_truncated: f.content.length > 300 } : {}),
    ...(f.alt_txt ? { alt_txt: f.alt_txt } : {}),
    comments_count: 0,
    is_starred: false,
    channels: where.channels,
    groups: where.groups,
    ims: where.ims,
    has_more_shares: false,
    has_rich_preview: false,
    file_access: 'visible',
  };
}

function prettyType(filetype: string): string {
  const names: Record<string, string> = { text: 'Plain Text', markdown: 'Markdown (raw)', csv: 'CSV', json: 'JSON', yaml: 'YAML', html: 'HTML', pdf: 'PDF', png: 'PNG', jpg: 'JPEG', gif: 'GIF', zip: 'Zip', docx: 'Word Document', binary: 'Binary' };
  return names[filetype] ?? filetype.toUpperCase();
}

/** Wire bookmark object. */
export function renderBookmark(b: SlackBookmark, team: SlackTeam): Record<string, unknown> {
  return {
    ...b,
    icon_url: null,
    entity_id: null,
    last_updated_by_team_id: team.id,
    shortcut_id: null,
    app_id: null,
  };
}

/** Wire user group object. */
export function renderUsergroup(g: SlackUsergroup, team: SlackTeam, includeUsers: boolean): Record<string, unknown> {
  const { users, channels, updated_by, ...rest } = g;
  return {
    ...rest,
    team_id: team.id,
    is_usergroup: true,
    is_subteam: true,
    is_external: false,
    auto_type: null,
    updated_by: updated_by ?? g.created_by,
    deleted_by: g.date_delete ? (updated_by ?? g.created_by) : null,
    prefs: { channels: channels ?? [], groups: [] },
    user_count: users.length,
    ...(includeUsers ? { users } : {}),
  };
}

/** Wire reminder object. A recurring reminder has no `complete_ts`. */
export function renderReminder(r: SlackReminder): Record<string, unknown> {
  return {
    id: r.id, creator: r.creator, user: r.user, text: r.text, recurring: r.recurrence !== undefined,
    ...(r.recurrence ? { recurrence: r.recurrence } : { time: r.time, complete_ts: r.complete_ts }),
  };
}

/** The permalink of a stored message in this team. */
export function messagePermalink(team: SlackTeam, m: SlackMessage): string {
  return permalink(team.domain, m.channel, m.ts, m.thread_ts);
}
