/** Who may do what on a calendar: ACL role resolution, `primary` aliasing and the matching errors. */
import type { OperationContext } from '../../core/index.ts';
import { googleError } from '../wire-errors.ts';
import { COL, ROLES, type Role, type StoredAclRule, type StoredCalendar } from './model.ts';
import { calendarNotFound } from './errors.ts';

/** `primary` means the caller's own address; anything else is a calendar id (already URL-decoded). */
export function resolveCalendarId(ctx: OperationContext, id: string): string {
  return id === 'primary' ? ctx.auth.principal : id;
}

/** Rank of a role, for comparisons. */
export function roleRank(r: Role): number {
  return ROLES.indexOf(r);
}

/** The calendar record or undefined (internal lookup, not logged as a read). */
export function peekCalendar(ctx: OperationContext, id: string): StoredCalendar | undefined {
  return ctx.ws.collection<StoredCalendar>(COL.calendars).peek(id);
}

/** ACL collection key of a rule. */
export function aclKey(calendarId: string, ruleId: string): string {
  return `${calendarId}|${ruleId}`;
}

/**
 * The effective role of `user` on a calendar: the strongest of the owner, the user's
 * own rule, their domain's rule and the default rule (groups are not modelled).
 */
export function accessRole(ctx: OperationContext, cal: StoredCalendar, user: string): Role {
  if (cal.owner.toLowerCase() === user.toLowerCase()) return 'owner';
  const acl = ctx.ws.collection<StoredAclRule>(COL.acl);
  const domain = user.slice(user.lastIndexOf('@') + 1).toLowerCase();
  let best: Role = 'none';
  for (const ruleId of [`user:${user.toLowerCase()}`, `domain:${domain}`, 'default']) {
    const r = acl.peek(aclKey(cal.id, ruleId));
    if (r && roleRank(r.role) > roleRank(best)) best = r.role;
  }
  return best;
}

/**
 * The calendar the caller names, checked for at least `min` access. Like Google, a
 * calendar the caller cannot see at all is 404, one they see with too weak a role is 403.
 */
export function requireCalendar(ctx: OperationContext, rawId: string, min: Role): { cal: StoredCalendar; role: Role } {
  const id = resolveCalendarId(ctx, rawId);
  const cal = ctx.ws.collection<StoredCalendar>(COL.calendars).get(id);
  if (!cal) throw calendarNotFound();
  const role = accessRole(ctx, cal, ctx.auth.principal);
  if (role === 'none') throw calendarNotFound();
  // Google answers every role shortfall alike, owner included: 403 requiredAccessLevel,
  // "You need to have owner access to this calendar." (google/google-api-javascript-client#521).
  if (roleRank(role) < roleRank(min)) throw googleError(403, 'requiredAccessLevel', `You need to have ${min} access to this calendar.`);
  return { cal, role };
}

/** Display name for an address when it owns a primary calendar here. */
export function displayNameOf(ctx: OperationContext, email: string): string | undefined {
  return peekCalendar(ctx, email)?.ownerName;
}
