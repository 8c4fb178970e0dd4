/**
 * One call per implemented Slack method, in an order where each finds what it needs (a
 * channel before its messages, a reminder before completing it), made through the official
 * WebClient; plus error probes whose envelopes are checked. Ids created along the way are
 * kept in `State`.
 */

/** Ids shared between steps. */
export interface State {
  readonly ownerId: string;
  readonly botId: string;
  readonly colleague: string;
  readonly general: string;
  readonly engineering: string;
  readonly design: string;
  readonly archived: string;
  [key: string]: string;
}

/** One step: a method called with arguments built from the state, as the user or the bot. */
export interface Step {
  readonly method: string;
  readonly token?: 'user' | 'bot';
  readonly args?: (s: State) => Record<string, unknown>;
  /** Keeps ids from the response for later steps. */
  readonly keep?: (res: Record<string, any>, s: State) => void;
  /** A probe: the call must fail with this error (its envelope is checked). */
  readonly error?: string;
  /** Raw bytes POSTed to a URL before the call (the upload step of files.uploadV2's flow). */
  readonly upload?: (s: State) => { url: string; body: string };
}

/** A 1×1 PNG, for users.setPhoto. */
export const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

const md = (markdown: string) => ({ type: 'markdown', markdown });

/** The steps, in order. */
export const STEPS: readonly Step[] = [
  { method: 'api.test', args: () => ({ foo: 'bar' }) },
  { method: 'api.test', args: () => ({ error: 'my_error' }), error: 'my_error' },
  { method: 'auth.test' },
  { method: 'auth.test', token: 'bot' },
  { method: 'auth.teams.list', args: () => ({ include_icon: true }) },
  { method: 'team.info' },
  { method: 'team.profile.get' },
  { method: 'team.preferences.list', token: 'bot' },
  { method: 'emoji.list' },
  { method: 'bots.info', args: (s) => ({ bot: s.botBotId }) },
  { method: 'dnd.info' },
  { method: 'dnd.info', token: 'bot', error: 'missing_scope' },
  { method: 'dnd.teamInfo', args: (s) => ({ users: `${s.ownerId},${s.colleague}` }) },
  { method: 'dnd.setSnooze', args: () => ({ num_minutes: 45 }) },
  { method: 'dnd.endSnooze' },
  { method: 'dnd.endSnooze', error: 'snooze_not_active' },
  { method: 'dnd.endDnd' },

  { method: 'conversations.list', args: () => ({ types: 'public_channel,private_channel,mpim,im', limit: 200 }) },
  { method: 'conversations.info', args: (s) => ({ channel: s.general, include_num_members: true }) },
  { method: 'conversations.info', args: () => ({ channel: 'C0NOTREAL00' }), error: 'channel_not_found' },
  { method: 'conversations.history', args: (s) => ({ channel: s.engineering, limit: 200 }), keep: (r, s) => {
    const parent = (r.messages as Array<Record<string, any>>).find((m) => (m.reply_count ?? 0) > 0);
    if (parent) s.threadTs = parent.ts;
  } },
  { method: 'conversations.replies', args: (s) => ({ channel: s.engineering, ts: s.threadTs }) },
  { method: 'conversations.members', args: (s) => ({ channel: s.general, limit: 20 }) },
  { method: 'conversations.create', args: () => ({ name: 'conformance-room', is_private: false }), keep: (r, s) => void (s.room = r.channel.id) },
  { method: 'conversations.rename', args: (s) => ({ channel: s.room, name: 'conformance-room-2' }) },
  { method: 'conversations.setTopic', args: (s) => ({ channel: s.room, topic: 'Shapes' }) },
  { method: 'conversations.setPurpose', args: (s) => ({ channel: s.room, purpose: 'Checking response shapes' }) },
  { method: 'conversations.invite', args: (s) => ({ channel: s.room, users: `${s.colleague},${s.botId}` }) },
  { method: 'conversations.kick', args: (s) => ({ channel: s.room, user: s.colleague }) },
  { method: 'conversations.join', args: (s) => ({ channel: s.design }) },
  { method: 'conversations.leave', args: (s) => ({ channel: s.design }) },
  { method: 'conversations.leave', args: (s) => ({ channel: s.design }), error: 'not_in_channel' },
  { method: 'conversations.archive', args: (s) => ({ channel: s.room }) },
  { method: 'conversations.unarchive', args: (s) => ({ channel: s.room }) },
  { method: 'conversations.open', args: (s) => ({ users: s.colleague, return_im: true }), keep: (r, s) => void (s.dm = r.channel.id) },
  { method: 'conversations.mark', args: (s) => ({ channel: s.dm, ts: '1773600000.000100' }) },
  { method: 'conversations.close', args: (s) => ({ channel: s.dm }) },

  { method: 'chat.postMessage', args: (s) => ({ channel: s.room, text: 'Shapes *ship* today <@U000000ST> see <https://docs.corvidlabs.com|the doc> :tada:\n• one\n• two' }), keep: (r, s) => void (s.msg = r.ts) },
  { method: 'chat.postMessage', token: 'bot', args: (s) => ({ channel: s.room, text: 'From the bot: https://tickets.corvidlabs.com/T-1' }), keep: (r, s) => void (s.botMsg = r.ts) },
  { method: 'chat.postMessage', args: (s) => ({ channel: s.archived, text: 'x' }), error: 'is_archived' },
  { method: 'chat.update', args: (s) => ({ channel: s.room, ts: s.msg, text: 'Shapes ship _today_' }) },
  { method: 'chat.getPermalink', args: (s) => ({ channel: s.room, message_ts: s.msg }) },
  { method: 'chat.postEphemeral', args: (s) => ({ channel: s.room, user: s.botId, text: 'only you' }) },
  { method: 'chat.meMessage', args: (s) => ({ channel: s.room, text: 'checks shapes' }) },
  { method: 'chat.unfurl', token: 'bot', args: (s) => ({ channel: s.room, ts: s.botMsg, unfurls: { 'https://tickets.corvidlabs.com/T-1': { title: 'T-1', text: 'Open ticket' } } }) },
  { method: 'chat.scheduleMessage', args: (s) => ({ channel: s.room, text: 'later', post_at: Number(s.now) + 7200 }), keep: (r, s) => void (s.scheduled = r.scheduled_message_id) },
  { method: 'chat.scheduledMessages.list', args: (s) => ({ channel: s.room }) },
  { method: 'chat.deleteScheduledMessage', args: (s) => ({ channel: s.room, scheduled_message_id: s.scheduled }) },

  { method: 'users.list', args: () => ({ limit: 100 }) },
  { method: 'users.info', args: (s) => ({ user: s.colleague }) },
  { method: 'users.info', args: (s) => ({ user: s.botId }) },
  { method: 'users.lookupByEmail', args: (s) => ({ email: s.colleagueEmail }) },
  { method: 'users.conversations', args: () => ({ types: 'public_channel,private_channel,im', limit: 50 }) },
  { method: 'users.getPresence', args: (s) => ({ user: s.colleague }) },
  { method: 'users.setPresence', args: () => ({ presence: 'away' }) },
  { method: 'users.identity' },
  { method: 'users.discoverableContacts.lookup', args: (s) => ({ email: s.colleagueEmail }) },
  { method: 'users.profile.get' },
  { method: 'users.profile.set', args: () => ({ profile: { status_text: 'Checking shapes', status_emoji: ':mag:', pronouns: 'they/them' } }) },
  { method: 'users.profile.set', token: 'bot', args: () => ({ name: 'title', value: 'x' }), error: 'not_allowed_token_type' },
  { method: 'users.setPhoto', args: () => ({ image: TINY_PNG }) },
  { method: 'users.deletePhoto' },

  { method: 'usergroups.list', args: () => ({ include_users: true }) },
  { method: 'usergroups.create', args: () => ({ name: 'Shape checkers', handle: 'shape-checkers', description: 'People who check shapes' }), keep: (r, s) => void (s.group = r.usergroup.id) },
  { method: 'usergroups.create', token: 'bot', args: () => ({ name: 'Bot group' }), error: 'missing_scope' },
  { method: 'usergroups.update', args: (s) => ({ usergroup: s.group, description: 'People who check response shapes' }) },
  { method: 'usergroups.users.update', args: (s) => ({ usergroup: s.group, users: `${s.ownerId},${s.colleague}` }) },
  { method: 'usergroups.users.list', args: (s) => ({ usergroup: s.group }) },
  { method: 'usergroups.disable', args: (s) => ({ usergroup: s.group }) },
  { method: 'usergroups.enable', args: (s) => ({ usergroup: s.group }) },

  { method: 'reactions.add', args: (s) => ({ channel: s.room, timestamp: s.msg, name: 'eyes' }) },
  { method: 'reactions.get', args: (s) => ({ channel: s.room, timestamp: s.msg }) },
  { method: 'reactions.list', args: () => ({ limit: 5 }) },
  { method: 'reactions.remove', args: (s) => ({ channel: s.room, timestamp: s.msg, name: 'eyes' }) },
  { method: 'pins.add', args: (s) => ({ channel: s.room, timestamp: s.msg }) },
  { method: 'pins.list', args: (s) => ({ channel: s.room }) },
  { method: 'pins.remove', args: (s) => ({ channel: s.room, timestamp: s.msg }) },
  { method: 'bookmarks.add', args: (s) => ({ channel_id: s.room, title: 'Shape notes', type: 'link', link: 'https://docs.corvidlabs.com/shapes' }), keep: (r, s) => void (s.bookmark = r.bookmark.id) },
  { method: 'bookmarks.edit', args: (s) => ({ channel_id: s.room, bookmark_id: s.bookmark, title: 'Shape notes v2' }) },
  { method: 'bookmarks.list', args: (s) => ({ channel_id: s.room }) },
  { method: 'bookmarks.remove', args: (s) => ({ channel_id: s.room, bookmark_id: s.bookmark }) },
  { method: 'stars.add', args: (s) => ({ channel: s.room, timestamp: s.msg }) },
  { method: 'stars.add', args: (s) => ({ channel: s.room, timestamp: s.msg }), error: 'already_starred' },
  { method: 'stars.list' },
  { method: 'stars.remove', args: (s) => ({ channel: s.room, timestamp: s.msg }) },
  { method: 'reminders.add', args: () => ({ text: 'Review the shapes', time: 'in 2 hours' }), keep: (r, s) => void (s.reminder = r.reminder.id) },
  { method: 'reminders.add', args: () => ({ text: 'Standup', time: 'every weekday at 9:30am' }) },
  { method: 'reminders.add', args: () => ({ text: 'x', time: 'sometime soonish maybe' }), error: 'cannot_parse' },
  { method: 'reminders.add', args: (s) => ({ text: 'x', time: 'in 5 minutes', user: s.colleague }), error: 'cannot_add_others' },
  { method: 'reminders.info', args: (s) => ({ reminder: s.reminder }) },
  { method: 'reminders.list' },
  { method: 'reminders.complete', args: (s) => ({ reminder: s.reminder }) },
  { method: 'reminders.delete', args: (s) => ({ reminder: s.reminder }) },
  { method: 'reminders.info', args: (s) => ({ reminder: s.reminder }), error: 'not_found' },

  { method: 'files.list', args: () => ({ count: 5 }), keep: (r, s) => void (s.someFile = r.files[0].id) },
  { method: 'files.info', args: (s) => ({ file: s.someFile }) },
  { method: 'files.getUploadURLExternal', args: () => ({ filename: 'shapes.txt', length: 12 }), keep: (r, s) => {
    s.uploadUrl = r.upload_url;
    s.upload = r.file_id;
  } },
  { method: 'files.completeUploadExternal', upload: (s) => ({ url: s.uploadUrl!, body: 'shape notes!' }), args: (s) => ({ files: [{ id: s.upload, title: 'Shapes' }], channel_id: s.room }) },
  { method: 'files.sharedPublicURL', args: (s) => ({ file: s.upload }) },
  { method: 'files.revokePublicURL', args: (s) => ({ file: s.upload }) },
  { method: 'files.delete', args: (s) => ({ file: s.upload }) },
  { method: 'files.remote.add', token: 'bot', args: () => ({ external_id: 'shape-doc-1', external_url: 'https://docs.corvidlabs.com/d/shape-1', title: 'Shape doc', indexable_file_contents: Buffer.from('shape notes') }), keep: (r, s) => void (s.remote = r.file.id) },
  { method: 'files.remote.add', args: () => ({ external_id: 'x', external_url: 'https://x.example/1', title: 'x' }), error: 'not_allowed_token_type' },
  { method: 'files.remote.update', token: 'bot', args: () => ({ external_id: 'shape-doc-1', title: 'Shape doc v2' }) },
  { method: 'files.remote.info', args: (s) => ({ file: s.remote }) },
  { method: 'files.remote.share', token: 'bot', args: (s) => ({ file: s.remote, channels: s.general }) },
  { method: 'files.remote.list', args: () => ({ limit: 10 }) },
  { method: 'files.remote.remove', token: 'bot', args: (s) => ({ file: s.remote }) },

  { method: 'canvases.create', args: () => ({ title: 'Shape plan', document_content: md('# Goals\nCheck every field\n\n## Risks\n- drift') }), keep: (r, s) => void (s.canvas = r.canvas_id) },
  { method: 'canvases.sections.lookup', args: (s) => ({ canvas_id: s.canvas, criteria: { section_types: ['any_header'] } }), keep: (r, s) => void (s.section = r.sections[0].id) },
  { method: 'canvases.edit', args: (s) => ({ canvas_id: s.canvas, changes: [{ operation: 'insert_after', section_id: s.section, document_content: md('Owners: the shape team') }] }) },
  { method: 'canvases.edit', args: () => ({ canvas_id: 'F0NOCANVAS0', changes: [{ operation: 'insert_at_end', document_content: md('x') }] }), error: 'canvas_not_found' },
  { method: 'canvases.access.set', args: (s) => ({ canvas_id: s.canvas, access_level: 'read', channel_ids: [s.room] }) },
  { method: 'canvases.access.delete', args: (s) => ({ canvas_id: s.canvas, channel_ids: [s.room] }) },
  { method: 'canvases.delete', args: (s) => ({ canvas_id: s.canvas }) },
  { method: 'conversations.canvases.create', args: (s) => ({ channel_id: s.room, document_content: md('# Room canvas') }) },

  { method: 'calls.add', args: (s) => ({ external_unique_id: 'shape-call-1', join_url: 'https://meet.corvidlabs.com/shape', title: 'Shape review', users: [{ slack_id: s.colleague }, { external_id: 'ext-1', display_name: 'Guest' }] }), keep: (r, s) => void (s.call = r.call.id) },
  { method: 'calls.info', args: (s) => ({ id: s.call }) },
  { method: 'calls.info', args: () => ({ id: 'R0NOCALL00' }), error: 'invalid_arguments' },
  { method: 'calls.update', args: (s) => ({ id: s.call, title: 'Shape review (moved)' }) },
  { method: 'calls.participants.add', args: (s) => ({ id: s.call, users: [{ slack_id: s.ownerId }] }) },
  { method: 'calls.participants.remove', args: (s) => ({ id: s.call, users: [{ external_id: 'ext-1', display_name: 'Guest' }] }) },
  { method: 'calls.end', args: (s) => ({ id: s.call, duration: 1800 }) },

  { method: 'search.messages', args: () => ({ query: 'shapes', count: 5 }) },
  { method: 'search.files', args: () => ({ query: 'runbook', count: 5 }) },
  { method: 'search.all', args: () => ({ query: 'pipeline', count: 5 }) },
  { method: 'search.messages', token: 'bot', args: () => ({ query: 'x' }), error: 'not_allowed_token_type' },

  { method: 'chat.delete', args: (s) => ({ channel: s.room, ts: s.msg }) },
];
