/** Calendar sharing: acl.list/get/insert/patch/update/delete/watch (owner only, as in Google). */
import { z } from 'zod';
import { defineOperation, type OperationContext } from '../../../core/index.ts';
import { googleError, invalidArgument } from '../../wire-errors.ts';
import { qBool, qInt } from '../../wire-schema.ts';
import { aclKey, requireCalendar } from '../access.ts';
import { freshEtag } from './calendars.ts';
import { COL, type StoredAclRule, type StoredCalendar } from '../model.ts';
import { paginate } from '../../google/paging.ts';
import { calendarIdParam, pageTokenParam } from '../schemas.ts';
import { notify } from '../store.ts';
import { ChannelInput, watchResponse } from './channels.ts';
import { calendarNotFound } from '../errors.ts';

const RoleEnum = z.enum(['none', 'freeBusyReader', 'reader', 'writer', 'owner']).describe("Access granted: 'freeBusyReader' (free/busy only), 'reader', 'writer', 'owner', or 'none'.");
const Scope = z.object({
  type: z.enum(['default', 'user', 'group', 'domain']).describe("'user' or 'group' (an email), 'domain' (a domain name), or 'default' (the public)."),
  value: z.string().optional().describe('Email address or domain name; omitted for default.'),
});
const RuleInput = z.looseObject({ role: RoleEnum.optional(), scope: Scope.optional().describe('Who the rule applies to.'), id: z.string().optional().describe('Ignored on insert.') });
type RuleInput = z.infer<typeof RuleInput>;

const acl = (ctx: OperationContext) => ctx.ws.collection<StoredAclRule>(COL.acl);
const ruleParam = z.string().min(1).describe("Rule id: 'user:<email>', 'group:<email>', 'domain:<domain>' or 'default'.");

function render(r: StoredAclRule): Record<string, unknown> {
  return { kind: 'calendar#aclRule', etag: r.etag, id: r.id, scope: r.scope, role: r.role };
}

function ruleIdOf(scope: { type: string; value?: string | undefined }): string {
  if (scope.type === 'default') return 'default';
  if (!scope.value) throw googleError(400, 'required', 'Missing scope value.');
  return `${scope.type}:${scope.value.toLowerCase()}`;
}

function getRule(ctx: OperationContext, cal: StoredCalendar, ruleId: string): StoredAclRule {
  const r = acl(ctx).get(aclKey(cal.id, ruleId));
  if (!r) throw calendarNotFound();
  return r;
}

/**
 * Google refuses a caller changing their own rule: 403 `cannotChangeOwnAcl`, "Cannot change
 * your own access level." (the reason Google Calendar returns, e.g. when an owner deletes
 * their own rule; GAM and admin tools handle it by name).
 */
function checkNotOwnRule(ctx: OperationContext, ruleId: string): void {
  if (ruleId === `user:${ctx.auth.principal.toLowerCase()}`) throw googleError(403, 'cannotChangeOwnAcl', 'Cannot change your own access level.');
}

/**
 * The public (`default`) scope reaches anyone, signed in or not: Google refuses roles past
 * reader there with `illegalAccessRoleForDefault` (a reason Google Calendar defines for it).
 */
function checkDefaultRole(scope: { type: string }, role: StoredAclRule['role']): void {
  if (scope.type === 'default' && (role === 'writer' || role === 'owner')) {
    throw googleError(400, 'illegalAccessRoleForDefault', 'The default (public) scope can only be given the roles none, freeBusyReader or reader.');
  }
}

/** Saves a rule; `sendNotifications` (default true) tells a newly added user or group by email. */
function save(ctx: OperationContext, cal: StoredCalendar, role: StoredAclRule['role'], scope: StoredAclRule['scope'], send: boolean | undefined): StoredAclRule {
  const id = ruleIdOf(scope);
  checkNotOwnRule(ctx, id);
  checkDefaultRole(scope, role);
  if (id === `user:${cal.owner.toLowerCase()}` && role !== 'owner') throw invalidArgument("The owner's own access cannot be reduced.");
  const norm = scope.type === 'default' ? { type: 'default' as const } : { type: scope.type, value: scope.value!.toLowerCase() };
  const rule: StoredAclRule = { calendarId: cal.id, id, role, scope: norm, etag: freshEtag(ctx, 'acl') };
  acl(ctx).set(aclKey(cal.id, id), rule);
  if ((scope.type === 'user' || scope.type === 'group') && role !== 'none' && send !== false) {
    notify(ctx, 'share', { id: '', calendarId: cal.id, summary: cal.summary }, [norm.value!], 'all', { role });
  }
  return rule;
}

const sendParam = qBool('Whether to email the grantee about the share (default true).');

/** acl.list */
export const aclList = defineOperation({
  id: 'calendar.acl.list', service: 'calendar', style: 'google', kind: 'read',
  http: { method: 'GET', path: '/calendar/v3/calendars/{calendarId}/acl' },
  description: 'Lists who a calendar is shared with and at which role (owners and writers: writer access "provides read access to the calendar\'s ACLs").',
  params: z.object({
    calendarId: calendarIdParam, maxResults: qInt('Maximum rules per page (default 100, at most 250).'), pageToken: pageTokenParam,
    showDeleted: qBool("Whether to include rules with role 'none'."), syncToken: z.string().optional().describe('Ignored: the full list is returned.'),
  }),
  handler: (ctx, { params }) => {
    const { cal } = requireCalendar(ctx, params.calendarId, 'writer');
    const rules = [...acl(ctx).values()].filter((r) => r.calendarId === cal.id && (params.showDeleted || r.role !== 'none')).map(render);
    const { pageToken: _p, maxResults: _m, ...query } = params;
    const page = paginate(rules, params.pageToken, Math.min(Math.max(params.maxResults ?? 100, 1), 250), query, 'calendar');
    return { kind: 'calendar#acl', etag: `"${ctx.ws.nowMs()}"`, items: page.page, ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : { nextSyncToken: `CA${Buffer.from(cal.id).toString('base64url')}` }) };
  },
});

/** acl.get */
export const aclGet = defineOperation({
  id: 'calendar.acl.get', service: 'calendar', style: 'google', kind: 'read',
  http: { method: 'GET', path: '/calendar/v3/calendars/{calendarId}/acl/{ruleId}' },
  description: 'Returns one sharing rule of a calendar (owners and writers).',
  params: z.object({ calendarId: calendarIdParam, ruleId: ruleParam }),
  handler: (ctx, { params }) => render(getRule(ctx, requireCalendar(ctx, params.calendarId, 'writer').cal, params.ruleId)),
});

/** acl.insert */
export const aclInsert = defineOperation({
  id: 'calendar.acl.insert', service: 'calendar', style: 'google', kind: 'write',
  http: { method: 'POST', path: '/calendar/v3/calendars/{calendarId}/acl' },
  description: 'Shares a calendar: adds (or replaces) the rule for a user, group, domain or the public (owner only). The grantee is emailed unless sendNotifications=false.',
  params: z.object({ calendarId: calendarIdParam, sendNotifications: sendParam }),
  body: RuleInput,
  handler: (ctx, { params, body }) => {
    const { cal } = requireCalendar(ctx, params.calendarId, 'owner');
    if (!body.role || !body.scope) throw googleError(400, 'required', body.role ? 'Missing scope.' : 'Missing role.');
    return render(save(ctx, cal, body.role, body.scope, params.sendNotifications));
  },
});

function editRule(replace: boolean) {
  return (ctx: OperationContext, { params, body }: { params: { calendarId: string; ruleId: string; sendNotifications?: boolean | undefined }; body: RuleInput }) => {
    const { cal } = requireCalendar(ctx, params.calendarId, 'owner');
    const cur = getRule(ctx, cal, params.ruleId);
    if (replace && !body.role) throw googleError(400, 'required', 'Missing role.');
    if (body.scope && ruleIdOf(body.scope) !== cur.id) throw invalidArgument('The scope of a rule cannot be changed.');
    return render(save(ctx, cal, body.role ?? cur.role, cur.scope, params.sendNotifications ?? false));
  };
}

/** acl.patch */
export const aclPatch = defineOperation({
  id: 'calendar.acl.patch', service: 'calendar', style: 'google', kind: 'write',
  http: { method: 'PATCH', path: '/calendar/v3/calendars/{calendarId}/acl/{ruleId}' },
  description: "Changes the role of an existing sharing rule (owner only).",
  params: z.object({ calendarId: calendarIdParam, ruleId: ruleParam, sendNotifications: sendParam }), body: RuleInput, handler: editRule(false),
});

/** acl.update */
export const aclUpdate = defineOperation({
  id: 'calendar.acl.update', service: 'calendar', style: 'google', kind: 'write',
  http: { method: 'PUT', path: '/calendar/v3/calendars/{calendarId}/acl/{ruleId}' },
  description: 'Replaces an existing sharing rule (role required; owner only).',
  params: z.object({ calendarId: calendarIdParam, ruleId: ruleParam, sendNotifications: sendParam }), body: RuleInput, handler: editRule(true),
});

/** acl.delete */
export const aclDelete = defineOperation({
  id: 'calendar.acl.delete', service: 'calendar', style: 'google', kind: 'write',
  http: { method: 'DELETE', path: '/calendar/v3/calendars/{calendarId}/acl/{ruleId}' },
  description: "Stops sharing a calendar with the rule's scope (owner only). The owner's own rule cannot be deleted.",
  params: z.object({ calendarId: calendarIdParam, ruleId: ruleParam }),
  handler: (ctx, { params }) => {
    const { cal } = requireCalendar(ctx, params.calendarId, 'owner');
    const r = getRule(ctx, cal, params.ruleId);
    checkNotOwnRule(ctx, r.id);
    if (r.id === `user:${cal.owner.toLowerCase()}`) throw invalidArgument("The owner's own access cannot be removed.");
    acl(ctx).delete(aclKey(cal.id, r.id));
    return undefined;
  },
});

/** acl.watch */
export const aclWatch = defineOperation({
  id: 'calendar.acl.watch', service: 'calendar', style: 'google', kind: 'write',
  http: { method: 'POST', path: '/calendar/v3/calendars/{calendarId}/acl/watch' },
  description: "Registers a push channel for changes to a calendar's sharing rules: a `sync` POST to the channel address at once, then `exists` on each change (delivered to addresses on this machine only).",
  params: z.object({ calendarId: calendarIdParam }).loose(), body: ChannelInput,
  handler: (ctx, { params, body }) => {
    const { cal } = requireCalendar(ctx, params.calendarId, 'owner');
    return watchResponse(ctx, body, `https://www.googleapis.com/calendar/v3/calendars/${encodeURIComponent(cal.id)}/acl?alt=json`);
  },
});
