/**
 * Fields the Slack docs say a response always carries, which the SDK's generated types mark
 * optional (they mark every field optional). Kept as data, each with the reference page it
 * comes from, per object kind and per method; conditions say when the docs make a field
 * conditional (a bot has no email, a recurring reminder has no time, a system message has
 * no blocks).
 */

/** A field that must be present at `path` (`messages[].ts` crosses an array), optionally only when `when` holds. */
export interface Requirement {
  readonly path: string;
  readonly doc: string;
  readonly when?: { readonly describe: string; readonly test: (parent: Record<string, unknown>) => boolean };
}

const DOCS = 'https://docs.slack.dev/reference';
const USER_DOC = `${DOCS}/objects/user-object`;
const CONVERSATION_DOC = `${DOCS}/objects/conversation-object`;
const MESSAGE_DOC = `${DOCS}/events/message`;
const FILE_DOC = `${DOCS}/objects/file-object`;
const USERGROUP_DOC = `${DOCS}/objects/usergroup-object`;
const method = (name: string) => `${DOCS}/methods/${name}`;

/** Message subtypes Slack writes itself; they carry no blocks. */
const SYSTEM_SUBTYPES = new Set(['channel_join', 'channel_leave', 'channel_topic', 'channel_purpose', 'channel_name', 'channel_archive', 'channel_unarchive', 'tombstone']);

const USER_FIELDS = ['id', 'team_id', 'name', 'deleted', 'color', 'real_name', 'tz', 'tz_label', 'tz_offset', 'profile', 'is_admin', 'is_owner', 'is_primary_owner', 'is_restricted', 'is_ultra_restricted', 'is_bot', 'is_app_user', 'updated'];
const PROFILE_FIELDS = [
  'title', 'phone', 'skype', 'real_name', 'real_name_normalized', 'display_name', 'display_name_normalized', 'fields', 'status_text', 'status_emoji',
  'status_expiration', 'avatar_hash', 'first_name', 'last_name', 'image_24', 'image_32', 'image_48', 'image_72', 'image_192', 'image_512', 'team',
];
const CHANNEL_FIELDS = [
  'id', 'name', 'is_channel', 'is_group', 'is_im', 'is_mpim', 'is_private', 'created', 'creator', 'is_archived', 'is_general', 'unlinked', 'name_normalized',
  'is_shared', 'is_ext_shared', 'is_org_shared', 'pending_shared', 'is_pending_ext_shared', 'is_member', 'topic', 'purpose', 'previous_names',
];
const IM_FIELDS = ['id', 'created', 'is_im', 'is_org_shared', 'user', 'is_user_deleted', 'priority'];
const FILE_FIELDS = [
  'id', 'created', 'timestamp', 'name', 'title', 'mimetype', 'filetype', 'pretty_type', 'user', 'editable', 'size', 'mode', 'is_external', 'external_type',
  'is_public', 'public_url_shared', 'display_as_bot', 'username', 'url_private', 'permalink', 'channels', 'groups', 'ims', 'comments_count',
];
const USERGROUP_FIELDS = ['id', 'team_id', 'is_usergroup', 'name', 'description', 'handle', 'is_external', 'date_create', 'date_update', 'date_delete', 'auto_type', 'created_by', 'updated_by', 'deleted_by', 'prefs', 'user_count'];
const BOOKMARK_FIELDS = ['id', 'channel_id', 'title', 'link', 'emoji', 'icon_url', 'type', 'entity_id', 'date_created', 'date_updated', 'rank', 'last_updated_by_user_id', 'last_updated_by_team_id', 'shortcut_id', 'app_id'];

const isIm = (o: Record<string, unknown>) => o.is_im === true;
const notIm = { describe: 'a channel or group DM (not a DM)', test: (o: Record<string, unknown>) => !isIm(o) };
const imOnly = { describe: 'a DM', test: isIm };

/** The user object at `at` (and its profile). */
function user(at: string): Requirement[] {
  return [
    ...USER_FIELDS.map((f) => ({ path: `${at}.${f}`, doc: USER_DOC })),
    ...profile(`${at}.profile`),
  ];
}

/** A profile at `at`: email for people (with users:read.email), the original photo for custom avatars. */
function profile(at: string): Requirement[] {
  return [
    ...PROFILE_FIELDS.map((f) => ({ path: `${at}.${f}`, doc: USER_DOC })),
    { path: `${at}.email`, doc: USER_DOC, when: { describe: 'a person (bots have no email)', test: (p) => p.bot_id === undefined } },
    ...['image_original', 'image_1024'].map((f) => ({ path: `${at}.${f}`, doc: USER_DOC, when: { describe: 'a custom photo', test: (p: Record<string, unknown>) => p.is_custom_image === true } })),
  ];
}

/** A conversation at `at`: channel fields for channels and group DMs, DM fields for DMs. */
function conversation(at: string, extra: string[] = []): Requirement[] {
  return [
    ...[...CHANNEL_FIELDS, ...extra].map((f) => ({ path: `${at}.${f}`, doc: CONVERSATION_DOC, when: notIm })),
    ...IM_FIELDS.map((f) => ({ path: `${at}.${f}`, doc: CONVERSATION_DOC, when: imOnly })),
    ...['value', 'creator', 'last_set'].flatMap((f) => [`${at}.topic.${f}`, `${at}.purpose.${f}`].map((path) => ({ path, doc: CONVERSATION_DOC }))),
  ];
}

/** A message at `at`: type, ts, text; blocks on every message with text that Slack did not write itself. */
function message(at: string): Requirement[] {
  return [
    ...['type', 'ts', 'text'].map((f) => ({ path: `${at}.${f}`, doc: MESSAGE_DOC })),
    {
      path: `${at}.blocks`, doc: `${DOCS}/block-kit/blocks/rich-text-block (Slack stores a rich_text block for every message with text)`,
      when: { describe: 'a message with text that is not a system message', test: (m) => typeof m.text === 'string' && m.text.trim() !== '' && !SYSTEM_SUBTYPES.has(String(m.subtype ?? '')) },
    },
    {
      path: `${at}.user`, doc: MESSAGE_DOC,
      when: { describe: 'not a webhook bot_message', test: (m) => m.subtype !== 'bot_message' && m.subtype !== 'tombstone' },
    },
    ...['reply_count', 'reply_users_count', 'latest_reply', 'reply_users'].map((f) => ({
      path: `${at}.${f}`, doc: `${DOCS}/methods/conversations.replies`,
      when: { describe: 'a thread parent with replies', test: (m: Record<string, unknown>) => m.thread_ts === m.ts && Number(m.reply_count ?? 0) > 0 },
    })),
  ];
}

function file(at: string): Requirement[] {
  return FILE_FIELDS.map((f) => ({ path: `${at}.${f}`, doc: FILE_DOC }));
}

function fields(at: string, names: readonly string[], doc: string): Requirement[] {
  return names.map((f) => ({ path: at ? `${at}.${f}` : f, doc }));
}

const reminder = (at: string): Requirement[] => [
  ...fields(at, ['id', 'creator', 'user', 'text', 'recurring'], method('reminders.info')),
  ...['time', 'complete_ts'].map((f) => ({ path: `${at}.${f}`, doc: method('reminders.info'), when: { describe: 'a one-off reminder', test: (r: Record<string, unknown>) => r.recurring === false } })),
];

const cursorMeta = (m: string): Requirement => ({ path: 'response_metadata.next_cursor', doc: `https://docs.slack.dev/apis/web-api/pagination (${m})` });

/** Requirements per method (methods not listed are checked for types only). */
export const ALWAYS_PRESENT: Readonly<Record<string, readonly Requirement[]>> = {
  'auth.test': fields('', ['url', 'team', 'user', 'team_id', 'user_id'], method('auth.test')),
  'auth.teams.list': [...fields('', ['teams'], method('auth.teams.list')), ...fields('teams[]', ['id', 'name'], method('auth.teams.list'))],
  'team.info': fields('team', ['id', 'name', 'domain', 'email_domain', 'icon'], method('team.info')),
  'users.list': [...user('members[]'), cursorMeta('users.list')],
  'users.info': user('user'),
  'users.lookupByEmail': user('user'),
  'users.profile.get': profile('profile'),
  'users.profile.set': profile('profile'),
  'users.identity': [...fields('user', ['name', 'id'], method('users.identity')), ...fields('team', ['id'], method('users.identity'))],
  'users.conversations': [...conversation('channels[]'), cursorMeta('users.conversations')],
  'users.getPresence': fields('', ['presence'], method('users.getPresence')),
  'conversations.list': [...conversation('channels[]', ['num_members']), cursorMeta('conversations.list')],
  'conversations.info': conversation('channel'),
  'conversations.create': conversation('channel'),
  'conversations.rename': conversation('channel'),
  'conversations.invite': conversation('channel'),
  'conversations.join': conversation('channel'),
  'conversations.setTopic': conversation('channel'),
  'conversations.setPurpose': conversation('channel'),
  'conversations.history': [...fields('', ['messages', 'has_more'], method('conversations.history')), ...message('messages[]')],
  'conversations.replies': [...fields('', ['messages', 'has_more'], method('conversations.replies')), ...message('messages[]')],
  'conversations.members': [...fields('', ['members'], method('conversations.members')), cursorMeta('conversations.members')],
  'chat.postMessage': [...fields('', ['channel', 'ts', 'message'], method('chat.postMessage')), ...message('message')],
  // chat.update's message is short: its text and author (the docs' example has no ts or type).
  'chat.update': [...fields('', ['channel', 'ts', 'text', 'message'], method('chat.update')), ...message('message').filter((r) => !/\.(ts|type)$/.test(r.path))],
  'chat.delete': fields('', ['channel', 'ts'], method('chat.delete')),
  'chat.meMessage': fields('', ['channel', 'ts'], method('chat.meMessage')),
  'chat.getPermalink': fields('', ['channel', 'permalink'], method('chat.getPermalink')),
  'chat.postEphemeral': fields('', ['message_ts'], method('chat.postEphemeral')),
  'chat.scheduleMessage': fields('', ['channel', 'scheduled_message_id', 'post_at', 'message'], method('chat.scheduleMessage')),
  'chat.scheduledMessages.list': [...fields('scheduled_messages[]', ['id', 'channel_id', 'post_at', 'date_created', 'text'], method('chat.scheduledMessages.list')), cursorMeta('chat.scheduledMessages.list')],
  'reactions.get': [...fields('', ['type', 'channel', 'message'], method('reactions.get')), ...message('message')],
  'reactions.list': [...fields('items[]', ['type', 'channel', 'message'], method('reactions.list')), ...message('items[].message')],
  'pins.list': [...fields('items[]', ['type', 'created', 'created_by', 'channel', 'message'], method('pins.list')), ...message('items[].message')],
  'bookmarks.add': fields('bookmark', BOOKMARK_FIELDS, method('bookmarks.add')),
  'bookmarks.edit': fields('bookmark', BOOKMARK_FIELDS, method('bookmarks.edit')),
  'bookmarks.list': fields('bookmarks[]', BOOKMARK_FIELDS, method('bookmarks.list')),
  'stars.list': [...fields('items[]', ['type', 'date_create'], method('stars.list')), ...fields('', ['paging'], method('stars.list'))],
  'reminders.add': reminder('reminder'),
  'reminders.info': reminder('reminder'),
  'reminders.list': reminder('reminders[]'),
  'usergroups.list': fields('usergroups[]', USERGROUP_FIELDS, USERGROUP_DOC),
  'usergroups.create': fields('usergroup', USERGROUP_FIELDS, USERGROUP_DOC),
  'usergroups.update': fields('usergroup', USERGROUP_FIELDS, USERGROUP_DOC),
  'usergroups.disable': fields('usergroup', USERGROUP_FIELDS, USERGROUP_DOC),
  'usergroups.enable': fields('usergroup', USERGROUP_FIELDS, USERGROUP_DOC),
  'usergroups.users.update': fields('usergroup', USERGROUP_FIELDS, USERGROUP_DOC),
  'usergroups.users.list': fields('', ['users'], method('usergroups.users.list')),
  'files.list': [...file('files[]'), ...fields('', ['paging'], method('files.list'))],
  'files.info': [...file('file'), { path: 'content', doc: `${method('files.info')} (content of a text file or snippet, beside the file object)`, when: { describe: 'a text file', test: (r) => String((r.file as Record<string, unknown> | undefined)?.mimetype ?? '').startsWith('text/') } }],
  'files.sharedPublicURL': [...file('file'), ...fields('file', ['permalink_public'], method('files.sharedPublicURL'))],
  'files.remote.add': [...file('file'), ...fields('file', ['external_id', 'external_url'], method('files.remote.add'))],
  'files.remote.info': [...file('file'), ...fields('file', ['external_id', 'external_url'], method('files.remote.info'))],
  'files.remote.list': [...file('files[]'), cursorMeta('files.remote.list')],
  'files.getUploadURLExternal': fields('', ['upload_url', 'file_id'], method('files.getUploadURLExternal')),
  'files.completeUploadExternal': fields('files[]', ['id', 'title'], method('files.completeUploadExternal')),
  'search.messages': [...fields('messages', ['matches', 'total', 'paging', 'pagination'], method('search.messages')), ...fields('messages.matches[]', ['iid', 'team', 'channel', 'type', 'user', 'username', 'ts', 'text', 'permalink'], method('search.messages'))],
  'search.files': fields('files', ['matches', 'total', 'paging', 'pagination'], method('search.files')),
  'dnd.info': fields('', ['dnd_enabled', 'next_dnd_start_ts', 'next_dnd_end_ts'], method('dnd.info')),
  'dnd.teamInfo': fields('', ['users'], method('dnd.teamInfo')),
  'dnd.setSnooze': fields('', ['snooze_enabled', 'snooze_endtime', 'snooze_remaining'], method('dnd.setSnooze')),
  'canvases.create': fields('', ['canvas_id'], method('canvases.create')),
  'conversations.canvases.create': fields('', ['canvas_id'], method('conversations.canvases.create')),
  'canvases.sections.lookup': [...fields('', ['sections'], method('canvases.sections.lookup')), ...fields('sections[]', ['id'], method('canvases.sections.lookup'))],
  'calls.add': fields('call', ['id', 'external_unique_id', 'join_url', 'date_start', 'users'], method('calls.add')),
  'calls.info': fields('call', ['id', 'external_unique_id', 'join_url', 'date_start', 'users'], method('calls.info')),
  'calls.update': fields('call', ['id', 'external_unique_id', 'join_url', 'date_start', 'users'], method('calls.update')),
  'calls.end': fields('call', ['id', 'date_start', 'date_end'], method('calls.end')),
  'emoji.list': fields('', ['emoji'], method('emoji.list')),
  'bots.info': fields('bot', ['id', 'deleted', 'name', 'updated', 'app_id', 'user_id', 'icons'], method('bots.info')),
  'team.profile.get': fields('profile', ['fields'], method('team.profile.get')),
  'team.preferences.list': fields('', ['msg_edit_window_mins', 'allow_message_deletion', 'display_real_names', 'disable_file_uploads', 'who_can_post_general'], method('team.preferences.list')),
};

/**
 * Where the SDK's sampled types are narrower than the documented API: the documented JSON
 * type replaces the declared one at paths ending with `suffix` (array indices written `[]`).
 */
export interface DocumentedType {
  readonly suffix: string;
  readonly type: 'object' | 'string' | 'number' | 'boolean' | 'array';
  readonly doc: string;
}

/** The SDK samples saw only unstyled text directly in a rich_text_section, so they type its `style` as a string. */
export const DOCUMENTED_TYPES: readonly DocumentedType[] = [
  {
    suffix: 'blocks[].elements[].elements[].style',
    type: 'object',
    doc: `${DOCS}/block-kit/blocks/rich-text-block (text elements of a rich_text_section carry style {bold, italic, strike, code})`,
  },
];
