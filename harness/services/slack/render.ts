/** Stored slack records → the wire objects the Web API returns. */
import type { OperationContext } from '../../core/index.ts';
import { isExtShared, type Actor } from './access.ts';
import { permalink } from './ids.ts';
import { COL, type SlackBookmark, type SlackChannel, type SlackFile, type SlackMessage, type SlackTeam, type SlackUser, type SlackUsergroup } from './model.ts';

/** Wire `user` object of users.list / users.info. */
export function renderUser(u: SlackUser, team: SlackTeam): Record<string, unknown> {
  const { presence: _p, manual_presence: _m, dnd_enabled: _d, bot_id, app_id, profile, ...rest } = u;
  return {
    ...rest,
    team_id: team.id,
    color: '9f69e7',
    tz_label: u.tz,
    is_primary_owner: u.is_owner,
    is_restricted: false,
    is_ultra_restricted: false,
    is_app_user: false,
    has_2fa: false,
    profile: { ...profile, real_name_normalized: profile.real_name, display_name_normalized: profile.display_name, team: team.id, ...(bot_id ? { bot_id, api_app_id: app_id } : {}) },
  };
}

/** Wire `bot_profile` of messages posted by a bot user. */
export function botProfile(u: SlackUser, team: SlackTeam): Record<string, unknown> {
  return { id: u.bot_id, app_id: u.app_id, name: u.real_name, icons: { image_48: u.profile.image_48 }, deleted: false, updated: u.updated, team_id: team.id };
}

/**
 * Wire conversation object as the caller sees it. A channel with a member from another
 * organisation is a shared channel: Slack's conversation object documents `is_ext_shared` as
 * "part of a Shared Channel with a remote organization" and says `is_shared` "will also be true";
 * `is_org_shared` (Enterprise Grid workspaces of one org) stays false.
 */
export function renderChannel(ctx: OperationContext, ch: SlackChannel, a: Actor, withCount = true): Record<string, unknown> {
  if (ch.kind === 'im') {
    const other = ch.members.find((m) => m !== a.user.id) ?? a.user.id;
    return {
      id: ch.id, created: ch.created, is_im: true, is_org_shared: false, context_team_id: a.team.id, updated: ch.created * 1000,
      user: other, is_user_deleted: false, priority: 0, is_open: ch.is_open, last_read: ch.last_read,
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
    is_member: member,
    topic: ch.topic,
    purpose: ch.purpose,
    previous_names: ch.previous_names,
    ...(member ? { last_read: ch.last_read } : {}),
    ...(withCount ? { num_members: ch.members.length } : {}),
  };
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
  if (m.blocks) out.blocks = m.blocks;
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
    out.files = m.files.map((id) => files.peek(id)).filter((f): f is SlackFile => f !== undefined).map((f) => renderFile(f, team));
    out.upload = false;
  }
  return out;
}

/** Wire file object. `content` is included for text files only when `withContent`. */
export function renderFile(f: SlackFile, team: SlackTeam, withContent = false): Record<string, unknown> {
  const url = `https://files.slack.com/files-pri/${team.id}-${f.id}/${encodeURIComponent(f.name)}`;
  const text = f.mimetype.startsWith('text/');
  return {
    id: f.id,
    created: f.created,
    timestamp: f.created,
    name: f.name,
    title: f.title,
    mimetype: f.mimetype,
    filetype: f.filetype,
    pretty_type: f.filetype === 'text' ? 'Plain Text' : f.filetype.toUpperCase(),
    user: f.user,
    user_team: team.id,
    editable: text,
    size: f.size,
    mode: text ? 'snippet' : 'hosted',
    is_external: false,
    external_type: '',
    is_public: false,
    public_url_shared: false,
    display_as_bot: false,
    username: '',
    url_private: url,
    url_private_download: `https://files.slack.com/files-pri/${team.id}-${f.id}/download/${encodeURIComponent(f.name)}`,
    permalink: `https://${team.domain}.slack.com/files/${f.user}/${f.id}/${encodeURIComponent(f.name)}`,
    channels: f.channels,
    groups: [],
    ims: [],
    comments_count: 0,
    ...(f.alt_txt ? { alt_txt: f.alt_txt } : {}),
    ...(text ? { preview: f.content.slice(0, 300), lines: f.content.split('\n').length } : {}),
    ...(withContent && text ? { content: f.content } : {}),
  };
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
  const { users, ...rest } = g;
  return {
    ...rest,
    team_id: team.id,
    is_usergroup: true,
    is_subteam: true,
    is_external: false,
    auto_type: null,
    updated_by: g.created_by,
    deleted_by: null,
    prefs: { channels: [], groups: [] },
    user_count: users.length,
    ...(includeUsers ? { users } : {}),
  };
}

/** The permalink of a stored message in this team. */
export function messagePermalink(team: SlackTeam, m: SlackMessage): string {
  return permalink(team.domain, m.channel, m.ts, m.thread_ts);
}
