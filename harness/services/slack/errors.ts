/**
 * Slack's wire errors: HTTP 200 with `{ok:false, error}`, plus the extra fields some errors
 * carry (`needed`/`provided` on `missing_scope`, `response_metadata.messages` on
 * `invalid_arguments`, `not_in_channel` on conversations.leave).
 */
import type { ApiError } from '../../core/index.ts';
import { slackError } from '../wire-errors.ts';

export { slackError };

/**
 * Scopes of the benchmark app's bot token. Methods needing a scope outside this list fail
 * with `missing_scope`, naming the scope needed and the scopes the token has, as Slack does.
 */
export const BOT_SCOPES = [
  'bookmarks:read', 'canvases:read', 'canvases:write', 'channels:history', 'channels:manage', 'channels:read', 'chat:write',
  'emoji:read', 'files:read', 'files:write', 'groups:history', 'groups:read', 'groups:write', 'im:history', 'im:read', 'im:write',
  'links:write', 'mpim:read', 'pins:read', 'pins:write', 'reactions:read', 'reactions:write', 'remote_files:read', 'remote_files:share',
  'remote_files:write', 'team.preferences:read', 'team:read', 'usergroups:read', 'users.profile:read', 'users:read', 'users:read.email',
] as const;

/** `missing_scope`: the token lacks `needed`; `provided` lists what it has (comma-separated, as on the wire). */
export function missingScope(needed: string, provided: readonly string[] = BOT_SCOPES): ApiError {
  return slackError('missing_scope', { needed, provided: provided.join(',') });
}

/**
 * `invalid_arguments` with Slack's explanation in `response_metadata.messages`
 * (`[ERROR] … [json-pointer:/field]`), as the Web API words argument problems.
 */
export function invalidArguments(why: string, field?: string): ApiError {
  return slackError('invalid_arguments', { response_metadata: { messages: [`[ERROR] ${why}${field ? ` [json-pointer:/${field}]` : ''}`] } });
}

/** The most common lookups that fail. */
export const channelNotFound = (): ApiError => slackError('channel_not_found');
export const notInChannel = (): ApiError => slackError('not_in_channel');
export const isArchived = (): ApiError => slackError('is_archived');
export const userNotFound = (): ApiError => slackError('user_not_found');
