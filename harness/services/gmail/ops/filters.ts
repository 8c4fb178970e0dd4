/** Settings collections, part 1: message filters and forwarding addresses. */
import { z } from 'zod';
import { canonicalJson, hexId, type OperationContext } from '../../../core/index.ts';
import { googleError, invalidArgument, notFound } from '../../wire-errors.ts';
import { gmailOp, gmailPath, UserParams, userIdParam } from '../common.ts';
import { isEmailAddress, domainOf } from '../address.ts';
import { labelExists, mailboxOf } from '../mailbox.ts';
import { C, type FilterRecord, type ForwardingAddressRecord } from '../model.ts';
import { DOMAIN_AUTHORITY_NOTE, requireDomainAuthority } from '../authority.ts';

const Criteria = z.object({
  from: z.string().optional().describe("The sender's display name or address."),
  to: z.string().optional().describe("A recipient's display name or address (To, Cc or Bcc)."),
  subject: z.string().optional().describe('Case-insensitive phrase in the subject.'),
  query: z.string().optional().describe('Only messages matching this Gmail search query.'),
  negatedQuery: z.string().optional().describe('Only messages not matching this Gmail search query.'),
  hasAttachment: z.boolean().optional().describe('Whether the message has an attachment.'),
  excludeChats: z.boolean().optional().describe('Whether chats are excluded.'),
  size: z.number().int().optional().describe('Size in bytes, compared with sizeComparison.'),
  sizeComparison: z.enum(['unspecified', 'smaller', 'larger']).optional().describe('How size is compared.'),
});

const Action = z.object({
  addLabelIds: z.array(z.string()).optional().describe('Labels to add to matching messages (e.g. a user label, STARRED, IMPORTANT).'),
  removeLabelIds: z.array(z.string()).optional().describe('Labels to remove (e.g. INBOX to skip the inbox, UNREAD to mark read).'),
  forward: z.string().optional().describe('Forward matching messages to this address; it must be a verified forwarding address.'),
});

function filters(ctx: OperationContext) {
  return ctx.ws.collection<FilterRecord>(C.filters);
}

function forwarding(ctx: OperationContext) {
  return ctx.ws.collection<ForwardingAddressRecord>(C.forwardingAddresses);
}

function isEmpty(o: Record<string, unknown>): boolean {
  return Object.values(o).every((v) => v === undefined || (Array.isArray(v) && v.length === 0));
}

export const filtersCreate = gmailOp({
  id: 'gmail.users.settings.filters.create',
  http: { method: 'POST', path: gmailPath('/settings/filters') },
  kind: 'write',
  description: 'Creates a filter that acts on incoming mail matching `criteria` (label, archive, mark read, forward).',
  params: UserParams,
  body: z.object({ id: z.string().optional().describe('Ignored on create.'), criteria: Criteria.describe('Which messages the filter matches.'), action: Action.describe('What the filter does to them.') }),
  handler: (ctx, { params, body }) => {
    mailboxOf(ctx, params.userId);
    if (isEmpty(body.criteria)) throw invalidArgument('Filter doesn\'t have any criteria');
    if (isEmpty(body.action)) throw invalidArgument('Filter doesn\'t have any actions');
    for (const l of [...(body.action.addLabelIds ?? []), ...(body.action.removeLabelIds ?? [])]) {
      if (!labelExists(ctx.ws, l)) throw invalidArgument(`Invalid label: ${l}`);
    }
    if (body.action.forward !== undefined) {
      const f = forwarding(ctx).peek(body.action.forward.toLowerCase());
      if (!f || f.verificationStatus !== 'accepted') throw invalidArgument('Unverified forwarding address');
    }
    const sig = canonicalJson({ c: body.criteria, a: body.action });
    for (const f of filters(ctx).values()) {
      if (canonicalJson({ c: f.criteria, a: f.action }) === sig) throw invalidArgument('Filter already exists');
    }
    const rec: FilterRecord = { id: `ANe1Bm${hexId('gmail.filter', ctx.ws.nextCounter('gmail.filter'), 30)}`, criteria: body.criteria, action: body.action };
    filters(ctx).set(rec.id, rec);
    return rec;
  },
});

const FilterIdParams = z.object({ userId: userIdParam, id: z.string().min(1).describe('The ID of the filter.') });

export const filtersGet = gmailOp({
  id: 'gmail.users.settings.filters.get',
  http: { method: 'GET', path: gmailPath('/settings/filters/{id}') },
  kind: 'read',
  description: 'Gets a filter.',
  params: FilterIdParams,
  handler: (ctx, { params }) => {
    mailboxOf(ctx, params.userId);
    const f = filters(ctx).get(params.id);
    if (!f) throw notFound();
    return f;
  },
});

export const filtersList = gmailOp({
  id: 'gmail.users.settings.filters.list',
  http: { method: 'GET', path: gmailPath('/settings/filters') },
  kind: 'read',
  description: 'Lists the message filters.',
  params: UserParams,
  handler: (ctx, { params }) => {
    mailboxOf(ctx, params.userId);
    const all = [...filters(ctx).values()];
    return all.length ? { filter: all } : {};
  },
});

export const filtersDelete = gmailOp({
  id: 'gmail.users.settings.filters.delete',
  http: { method: 'DELETE', path: gmailPath('/settings/filters/{id}') },
  kind: 'write',
  description: 'Deletes a filter.',
  params: FilterIdParams,
  handler: (ctx, { params }) => {
    mailboxOf(ctx, params.userId);
    if (!filters(ctx).delete(params.id)) throw notFound();
    return undefined;
  },
});

const FwdParams = z.object({ userId: userIdParam, forwardingEmail: z.string().min(1).describe('The forwarding address.') });

export const forwardingCreate = gmailOp({
  id: 'gmail.users.settings.forwardingAddresses.create',
  http: { method: 'POST', path: gmailPath('/settings/forwardingAddresses') },
  kind: 'write',
  description: `Adds a forwarding address. Addresses outside the organisation stay \`pending\` until their owner confirms the verification mail. ${DOMAIN_AUTHORITY_NOTE}`,
  params: UserParams,
  body: z.object({ forwardingEmail: z.string().describe('The address to forward to.') }),
  handler: (ctx, { params, body }) => {
    const email = mailboxOf(ctx, params.userId);
    requireDomainAuthority(ctx.auth);
    const addr = body.forwardingEmail.trim().toLowerCase();
    if (!isEmailAddress(addr)) throw invalidArgument('Invalid forwarding address');
    if (forwarding(ctx).has(addr)) throw googleError(409, 'alreadyExists', 'Forwarding address already exists');
    const rec: ForwardingAddressRecord = { forwardingEmail: addr, verificationStatus: domainOf(addr) === domainOf(email) ? 'accepted' : 'pending' };
    forwarding(ctx).set(addr, rec);
    return rec;
  },
});

export const forwardingGet = gmailOp({
  id: 'gmail.users.settings.forwardingAddresses.get',
  http: { method: 'GET', path: gmailPath('/settings/forwardingAddresses/{forwardingEmail}') },
  kind: 'read',
  description: 'Gets a forwarding address and its verification status.',
  params: FwdParams,
  handler: (ctx, { params }) => {
    mailboxOf(ctx, params.userId);
    const f = forwarding(ctx).get(params.forwardingEmail.toLowerCase());
    if (!f) throw notFound();
    return f;
  },
});

export const forwardingList = gmailOp({
  id: 'gmail.users.settings.forwardingAddresses.list',
  http: { method: 'GET', path: gmailPath('/settings/forwardingAddresses') },
  kind: 'read',
  description: 'Lists the forwarding addresses.',
  params: UserParams,
  handler: (ctx, { params }) => {
    mailboxOf(ctx, params.userId);
    const all = [...forwarding(ctx).values()];
    return all.length ? { forwardingAddresses: all } : {};
  },
});

export const forwardingDelete = gmailOp({
  id: 'gmail.users.settings.forwardingAddresses.delete',
  http: { method: 'DELETE', path: gmailPath('/settings/forwardingAddresses/{forwardingEmail}') },
  kind: 'write',
  description: `Removes a forwarding address (and stops auto-forwarding to it). ${DOMAIN_AUTHORITY_NOTE}`,
  params: FwdParams,
  handler: (ctx, { params }) => {
    mailboxOf(ctx, params.userId);
    requireDomainAuthority(ctx.auth);
    if (!forwarding(ctx).delete(params.forwardingEmail.toLowerCase())) throw notFound();
    return undefined;
  },
});
