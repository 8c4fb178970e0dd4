/** Settings collections, part 2: send-as aliases (with signatures) and delegates. */
import { z } from 'zod';
import type { OperationContext } from '../../../core/index.ts';
import { googleError, invalidArgument, notFound } from '../../wire-errors.ts';
import { gmailOp, gmailPath, UserParams, userIdParam } from '../common.ts';
import { domainOf, isEmailAddress } from '../address.ts';
import { mailboxOf } from '../mailbox.ts';
import { C, type DelegateRecord, type SendAsRecord } from '../model.ts';
import { DOMAIN_AUTHORITY_NOTE, requireDomainAuthority } from '../authority.ts';

const SendAsBody = z.object({
  sendAsEmail: z.string().optional().describe('The address that appears in From (create only; fixed afterwards).'),
  displayName: z.string().optional().describe('Name shown in From.'),
  replyToAddress: z.string().optional().describe('Optional Reply-To address.'),
  signature: z.string().optional().describe('HTML signature added to new mail sent from this address.'),
  isDefault: z.boolean().optional().describe('Make this the default From address.'),
  treatAsAlias: z.boolean().optional().describe('Treat as an alias of the primary address.'),
});
type SendAsBody = z.infer<typeof SendAsBody>;

function col(ctx: OperationContext) {
  return ctx.ws.collection<SendAsRecord>(C.sendAs);
}

/** All send-as entries, the primary first (synthesised when the mailbox never stored one). */
function allSendAs(ctx: OperationContext, email: string): SendAsRecord[] {
  const stored = [...col(ctx).values()];
  const hasPrimary = stored.some((s) => s.isPrimary);
  const primary: SendAsRecord = { sendAsEmail: email, displayName: '', replyToAddress: '', signature: '', isPrimary: true, isDefault: true, treatAsAlias: false };
  return hasPrimary ? stored.sort((a, b) => Number(!!b.isPrimary) - Number(!!a.isPrimary)) : [primary, ...stored];
}

/** A send-as entry by address (logged as a read), or a 404. */
export function findSendAs(ctx: OperationContext, email: string, addr: string): SendAsRecord {
  const s = allSendAs(ctx, email).find((x) => x.sendAsEmail.toLowerCase() === addr.toLowerCase());
  if (!s) throw notFound();
  col(ctx).get(s.sendAsEmail);
  return s;
}

/** Stores an entry; making one default clears the flag on the others. */
function save(ctx: OperationContext, email: string, rec: SendAsRecord): SendAsRecord {
  if (rec.isDefault) {
    for (const s of allSendAs(ctx, email)) if (s.isDefault && s.sendAsEmail !== rec.sendAsEmail) col(ctx).set(s.sendAsEmail, { ...s, isDefault: false });
  }
  col(ctx).set(rec.sendAsEmail, rec);
  return rec;
}

function merged(cur: SendAsRecord, b: SendAsBody, replace: boolean): SendAsRecord {
  const base: SendAsRecord = replace
    // Cleared text fields come back empty, not absent: Gmail always reports displayName, replyToAddress and signature.
    ? { sendAsEmail: cur.sendAsEmail, displayName: '', replyToAddress: '', signature: '', isPrimary: cur.isPrimary, treatAsAlias: cur.treatAsAlias, verificationStatus: cur.verificationStatus, isDefault: cur.isDefault }
    : cur;
  const { sendAsEmail: _ignored, ...rest } = b;
  const out = { ...base };
  for (const [k, v] of Object.entries(rest)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

const SendAsParams = z.object({ userId: userIdParam, sendAsEmail: z.string().min(1).describe('The send-as address.') });

export const sendAsList = gmailOp({
  id: 'gmail.users.settings.sendAs.list',
  http: { method: 'GET', path: gmailPath('/settings/sendAs') },
  kind: 'read',
  description: 'Lists the From addresses the user can send as (the primary address first), with display names and signatures.',
  params: UserParams,
  handler: (ctx, { params }) => ({ sendAs: allSendAs(ctx, mailboxOf(ctx, params.userId)) }),
});

export const sendAsGet = gmailOp({
  id: 'gmail.users.settings.sendAs.get',
  http: { method: 'GET', path: gmailPath('/settings/sendAs/{sendAsEmail}') },
  kind: 'read',
  description: 'Gets one send-as address.',
  params: SendAsParams,
  handler: (ctx, { params }) => findSendAs(ctx, mailboxOf(ctx, params.userId), params.sendAsEmail),
});

export const sendAsCreate = gmailOp({
  id: 'gmail.users.settings.sendAs.create',
  http: { method: 'POST', path: gmailPath('/settings/sendAs') },
  kind: 'write',
  description: `Adds a custom From address. Addresses outside the organisation stay \`pending\` until verified. ${DOMAIN_AUTHORITY_NOTE}`,
  params: UserParams,
  body: SendAsBody,
  handler: (ctx, { params, body }) => {
    const email = mailboxOf(ctx, params.userId);
    requireDomainAuthority(ctx.auth);
    const addr = (body.sendAsEmail ?? '').trim().toLowerCase();
    if (!isEmailAddress(addr)) throw invalidArgument('Invalid sendAsEmail');
    if (allSendAs(ctx, email).some((s) => s.sendAsEmail.toLowerCase() === addr)) throw googleError(409, 'alreadyExists', 'Send-as alias already exists');
    const rec: SendAsRecord = merged({
      sendAsEmail: addr, displayName: '', replyToAddress: '', signature: '', isPrimary: false, isDefault: false,
      treatAsAlias: true, verificationStatus: domainOf(addr) === domainOf(email) ? 'accepted' : 'pending',
    }, body, false);
    return save(ctx, email, rec.verificationStatus === 'accepted' ? rec : { ...rec, isDefault: false });
  },
});

function updater(id: string, method: 'PATCH' | 'PUT', replace: boolean) {
  return gmailOp({
    id,
    http: { method, path: gmailPath('/settings/sendAs/{sendAsEmail}') },
    kind: 'write',
    description: `${replace
      ? 'Replaces a send-as address (display name, reply-to, signature, default); omitted fields are cleared.'
      : 'Changes some fields of a send-as address, e.g. the signature or display name.'} A user token may change the primary address only; other addresses need a service account with domain-wide authority (403).`,
    params: SendAsParams,
    body: SendAsBody,
    handler: (ctx, { params, body }) => {
      const email = mailboxOf(ctx, params.userId);
      const cur = findSendAs(ctx, email, params.sendAsEmail);
      if (!cur.isPrimary) requireDomainAuthority(ctx.auth);
      if (body.sendAsEmail !== undefined && body.sendAsEmail.toLowerCase() !== cur.sendAsEmail.toLowerCase()) {
        throw invalidArgument('sendAsEmail cannot be changed');
      }
      return save(ctx, email, merged(cur, body, replace));
    },
  });
}

export const sendAsPatch = updater('gmail.users.settings.sendAs.patch', 'PATCH', false);
export const sendAsUpdate = updater('gmail.users.settings.sendAs.update', 'PUT', true);

export const sendAsDelete = gmailOp({
  id: 'gmail.users.settings.sendAs.delete',
  http: { method: 'DELETE', path: gmailPath('/settings/sendAs/{sendAsEmail}') },
  kind: 'write',
  description: `Removes a custom From address. The primary address cannot be removed. ${DOMAIN_AUTHORITY_NOTE}`,
  params: SendAsParams,
  handler: (ctx, { params }) => {
    const email = mailboxOf(ctx, params.userId);
    requireDomainAuthority(ctx.auth);
    const cur = findSendAs(ctx, email, params.sendAsEmail);
    if (cur.isPrimary) throw invalidArgument('Cannot delete the primary send-as address');
    col(ctx).delete(cur.sendAsEmail);
    return undefined;
  },
});

export const sendAsVerify = gmailOp({
  id: 'gmail.users.settings.sendAs.verify',
  http: { method: 'POST', path: gmailPath('/settings/sendAs/{sendAsEmail}/verify') },
  kind: 'write',
  description: `Re-sends the verification mail for a pending send-as address (it stays pending until confirmed). ${DOMAIN_AUTHORITY_NOTE}`,
  params: SendAsParams,
  handler: (ctx, { params }) => {
    mailboxOf(ctx, params.userId);
    requireDomainAuthority(ctx.auth);
    const cur = findSendAs(ctx, mailboxOf(ctx, params.userId), params.sendAsEmail);
    if (cur.isPrimary || cur.verificationStatus !== 'pending') throw invalidArgument('Send-as address does not need verification');
    return undefined;
  },
});

const DelegateParams = z.object({ userId: userIdParam, delegateEmail: z.string().min(1).describe('The delegate address.') });

function delegates(ctx: OperationContext) {
  return ctx.ws.collection<DelegateRecord>(C.delegates);
}

export const delegatesCreate = gmailOp({
  id: 'gmail.users.settings.delegates.create',
  http: { method: 'POST', path: gmailPath('/settings/delegates') },
  kind: 'write',
  description: `Grants another user of the same organisation full access to read, send and delete mail in this mailbox. ${DOMAIN_AUTHORITY_NOTE}`,
  params: UserParams,
  body: z.object({ delegateEmail: z.string().describe('The user to delegate to (same organisation).'), verificationStatus: z.string().optional().describe('Ignored.') }),
  handler: (ctx, { params, body }) => {
    const email = mailboxOf(ctx, params.userId);
    requireDomainAuthority(ctx.auth);
    const addr = body.delegateEmail.trim().toLowerCase();
    if (!isEmailAddress(addr) || domainOf(addr) !== domainOf(email)) throw invalidArgument('Delegates must be users of the same organisation');
    if (delegates(ctx).has(addr)) throw googleError(409, 'alreadyExists', 'Delegate already exists');
    const rec: DelegateRecord = { delegateEmail: addr, verificationStatus: 'accepted' };
    delegates(ctx).set(addr, rec);
    return rec;
  },
});

export const delegatesGet = gmailOp({
  id: 'gmail.users.settings.delegates.get',
  http: { method: 'GET', path: gmailPath('/settings/delegates/{delegateEmail}') },
  kind: 'read',
  description: `Gets a delegate. ${DOMAIN_AUTHORITY_NOTE}`,
  params: DelegateParams,
  handler: (ctx, { params }) => {
    mailboxOf(ctx, params.userId);
    requireDomainAuthority(ctx.auth);
    const d = delegates(ctx).get(params.delegateEmail.toLowerCase());
    if (!d) throw notFound();
    return d;
  },
});

export const delegatesList = gmailOp({
  id: 'gmail.users.settings.delegates.list',
  http: { method: 'GET', path: gmailPath('/settings/delegates') },
  kind: 'read',
  description: `Lists the delegates of the mailbox. ${DOMAIN_AUTHORITY_NOTE}`,
  params: UserParams,
  handler: (ctx, { params }) => {
    mailboxOf(ctx, params.userId);
    requireDomainAuthority(ctx.auth);
    const all = [...delegates(ctx).values()];
    return all.length ? { delegates: all } : {};
  },
});

export const delegatesDelete = gmailOp({
  id: 'gmail.users.settings.delegates.delete',
  http: { method: 'DELETE', path: gmailPath('/settings/delegates/{delegateEmail}') },
  kind: 'write',
  description: `Removes a delegate. ${DOMAIN_AUTHORITY_NOTE}`,
  params: DelegateParams,
  handler: (ctx, { params }) => {
    mailboxOf(ctx, params.userId);
    requireDomainAuthority(ctx.auth);
    if (!delegates(ctx).delete(params.delegateEmail.toLowerCase())) throw notFound();
    return undefined;
  },
});
