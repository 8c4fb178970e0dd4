/** Who is calling and what they may see: token → user, channel lookup, membership and visibility rules. */
import type { OperationContext } from '../../core/index.ts';
import { BOT_SCOPES, missingScope, slackError } from './errors.ts';
import { COL, type SlackChannel, type SlackTeam, type SlackUser } from './model.ts';

/** The caller: the Slack user behind the token, and whether the token is a bot token. */
export interface Actor {
  readonly user: SlackUser;
  readonly bot: boolean;
  readonly team: SlackTeam;
}

/** The team record (there is exactly one); `invalid_auth` when the workspace has no Slack data. */
export function teamOf(ctx: OperationContext): SlackTeam {
  const first = ctx.ws.collection<SlackTeam>(COL.team).values().next();
  if (first.done) throw slackError('invalid_auth');
  return first.value;
}

/**
 * The acting user. A user token acts as the member whose email is the principal;
 * a bot token acts as the app's bot user. Unknown principals are `invalid_auth`,
 * as Slack answers a token that belongs to no member.
 */
export function actor(ctx: OperationContext): Actor {
  const team = teamOf(ctx);
  const users = ctx.ws.collection<SlackUser>(COL.users);
  if (ctx.auth.tokenKind === 'bot') {
    const bot = users.peek(team.bot_user_id);
    if (!bot) throw slackError('invalid_auth');
    return { user: bot, bot: true, team };
  }
  const email = ctx.auth.principal.toLowerCase();
  for (const u of users.values()) {
    if (!u.is_bot && !u.deleted && u.profile.email?.toLowerCase() === email) return { user: u, bot: false, team };
  }
  throw slackError('invalid_auth');
}

/** The channels collection. */
export function channelsCol(ctx: OperationContext) {
  return ctx.ws.collection<SlackChannel>(COL.channels);
}

/** The users collection. */
export function usersCol(ctx: OperationContext) {
  return ctx.ws.collection<SlackUser>(COL.users);
}

/** True when the caller is a member of the conversation. */
export function isMember(ch: SlackChannel, a: Actor): boolean {
  return ch.members.includes(a.user.id);
}

/** The team's email domains, lowercased (`email_domain` may list several, comma-separated). */
function teamDomains(team: SlackTeam): string[] {
  return team.email_domain.split(',').map((d) => d.trim().toLowerCase()).filter(Boolean);
}

/**
 * True for a member from another organisation: a profile email outside the team's email
 * domain. Bots and users without an email are the team's own.
 */
export function isExternalUser(u: SlackUser, team: SlackTeam): boolean {
  const email = u.profile.email?.toLowerCase();
  if (!email) return false;
  const domain = email.slice(email.lastIndexOf('@') + 1);
  return !teamDomains(team).includes(domain);
}

/**
 * True when the conversation has a member from another organisation, i.e. it is shared with
 * a remote organisation (`is_ext_shared`, which implies `is_shared`). Derived from membership
 * on every read, never stored, so inviting or removing an outsider changes it at once.
 */
export function isExtShared(ctx: OperationContext, ch: SlackChannel, team: SlackTeam): boolean {
  const users = usersCol(ctx);
  return ch.members.some((id) => {
    const u = users.peek(id);
    return u !== undefined && isExternalUser(u, team);
  });
}

/** Public channels are visible to everyone; private channels, DMs and group DMs to members only. */
export function canSee(ch: SlackChannel, a: Actor): boolean {
  return ch.kind === 'public' || isMember(ch, a);
}

/**
 * Resolves a `channel` argument: a conversation id (`C…`/`G…`/`D…`), a channel name
 * (`general` or `#general`), or a user id (`U…`, meaning the DM with that user, for
 * chat methods). `channel_not_found` when it does not exist or the caller cannot see it.
 */
export function findChannel(ctx: OperationContext, a: Actor, ref: string, opts: { allowUser?: boolean } = {}): SlackChannel {
  const col = channelsCol(ctx);
  let ch = col.get(ref);
  if (!ch && /^#?[a-z0-9_-]+$/.test(ref) && !/^[CDGUW][A-Z0-9]{6,}$/.test(ref)) {
    const name = ref.replace(/^#/, '');
    for (const c of col.values()) {
      if ((c.kind === 'public' || c.kind === 'private') && c.name === name) {
        ch = col.get(c.id);
        break;
      }
    }
  }
  if (!ch && opts.allowUser && /^[UW]/.test(ref) && usersCol(ctx).peek(ref)) ch = findDm(ctx, a.user.id, ref);
  if (!ch || !canSee(ch, a)) throw slackError('channel_not_found');
  return ch;
}

/** The existing DM between two users, if any. */
export function findDm(ctx: OperationContext, me: string, other: string): SlackChannel | undefined {
  for (const c of channelsCol(ctx).values()) {
    if (c.kind !== 'im') continue;
    const [x, y] = c.members;
    if ((x === me && y === other) || (x === other && y === me) || (me === other && x === me && y === me)) return c;
  }
  return undefined;
}

/** Reading history: bots must be in the channel; users may read any public channel. */
export function requireReadable(ch: SlackChannel, a: Actor): void {
  if (!isMember(ch, a) && (a.bot || ch.kind !== 'public')) throw slackError('not_in_channel');
}

/** Posting: the caller must be a member (the bot has no chat:write.public), and the channel open. */
export function requirePostable(ch: SlackChannel, a: Actor): void {
  if (ch.is_archived) throw slackError('is_archived');
  if (!isMember(ch, a)) throw slackError('not_in_channel');
}

/** A user by id, `user_not_found` when unknown. */
export function findUser(ctx: OperationContext, id: string): SlackUser {
  const u = usersCol(ctx).get(id);
  if (!u) throw slackError('user_not_found');
  return u;
}

/** Fails with `missing_scope` when a bot token lacks a scope the method needs (user tokens hold every user scope). */
export function requireScope(a: Actor, scope: string): void {
  if (a.bot && !(BOT_SCOPES as readonly string[]).includes(scope)) throw missingScope(scope);
}
