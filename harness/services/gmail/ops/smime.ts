/** S/MIME configurations of send-as addresses: insert, get, list, delete, setDefault. */
import { z } from 'zod';
import { hexId, type OperationContext } from '../../../core/index.ts';
import { invalidArgument, notFound } from '../../wire-errors.ts';
import { gmailOp, gmailPath, userIdParam } from '../common.ts';
import { mailboxOf } from '../mailbox.ts';
import { C, type EncryptionRecord } from '../model.ts';
import { findSendAs } from './send-as.ts';

const SendAsParams = z.object({ userId: userIdParam, sendAsEmail: z.string().min(1).describe('The send-as address the S/MIME config belongs to.') });
const IdParams = SendAsParams.extend({ id: z.string().min(1).describe('The S/MIME config id.') });

function col(ctx: OperationContext) {
  return ctx.ws.collection<EncryptionRecord>(C.smimeInfo);
}

/** Checks the mailbox and send-as address; returns the collection key prefix of its configs. */
function prefix(ctx: OperationContext, userId: string, sendAsEmail: string): string {
  const email = mailboxOf(ctx, userId);
  const s = findSendAs(ctx, email, sendAsEmail);
  return `${s.sendAsEmail.toLowerCase()}/`;
}

function configsOf(ctx: OperationContext, pre: string): Array<[string, EncryptionRecord]> {
  return [...col(ctx).entries()].filter(([k]) => k.startsWith(pre));
}

function getConfig(ctx: OperationContext, pre: string, id: string): EncryptionRecord {
  const r = col(ctx).get(pre + id);
  if (!r) throw notFound();
  return r;
}

export const smimeInsert = gmailOp({
  id: 'gmail.users.settings.sendAs.smimeInfo.insert',
  http: { method: 'POST', path: gmailPath('/settings/sendAs/{sendAsEmail}/smimeInfo') },
  kind: 'write',
  description: 'Uploads an S/MIME certificate (PEM, or PKCS#12 with its password) for a send-as address.',
  params: SendAsParams,
  body: z.object({
    pem: z.string().optional().describe('PEM-formatted X509 certificate chain with the private key.'),
    pkcs12: z.string().optional().describe('PKCS#12 (base64url) with the key and certificate chain.'),
    encryptedKeyPassword: z.string().optional().describe('Password of the PKCS#12 key.'),
    isDefault: z.boolean().optional().describe('Make this the default config for the address.'),
  }),
  handler: (ctx, { params, body }) => {
    const pre = prefix(ctx, params.userId, params.sendAsEmail);
    if (!body.pem && !body.pkcs12) throw invalidArgument('Either pem or pkcs12 is required');
    const id = hexId('gmail.smime', ctx.ws.nextCounter('gmail.smime'), 24);
    const rec: EncryptionRecord = {
      id, issuerCn: 'Corvid Labs Issuing CA', isDefault: body.isDefault ?? configsOf(ctx, pre).length === 0,
      expiration: String(ctx.ws.nowMs() + 365 * 86_400_000), ...(body.pem ? { pem: body.pem } : {}),
    };
    if (rec['isDefault']) for (const [k, v] of configsOf(ctx, pre)) col(ctx).set(k, { ...v, isDefault: false });
    col(ctx).set(pre + id, rec);
    return rec;
  },
});

export const smimeGet = gmailOp({
  id: 'gmail.users.settings.sendAs.smimeInfo.get',
  http: { method: 'GET', path: gmailPath('/settings/sendAs/{sendAsEmail}/smimeInfo/{id}') },
  kind: 'read',
  description: 'Gets an S/MIME config of a send-as address.',
  params: IdParams,
  handler: (ctx, { params }) => getConfig(ctx, prefix(ctx, params.userId, params.sendAsEmail), params.id),
});

export const smimeList = gmailOp({
  id: 'gmail.users.settings.sendAs.smimeInfo.list',
  http: { method: 'GET', path: gmailPath('/settings/sendAs/{sendAsEmail}/smimeInfo') },
  kind: 'read',
  description: 'Lists the S/MIME configs of a send-as address.',
  params: SendAsParams,
  handler: (ctx, { params }) => {
    const all = configsOf(ctx, prefix(ctx, params.userId, params.sendAsEmail)).map(([, v]) => v);
    return all.length ? { smimeInfo: all } : {};
  },
});

export const smimeDelete = gmailOp({
  id: 'gmail.users.settings.sendAs.smimeInfo.delete',
  http: { method: 'DELETE', path: gmailPath('/settings/sendAs/{sendAsEmail}/smimeInfo/{id}') },
  kind: 'write',
  description: 'Deletes an S/MIME config of a send-as address.',
  params: IdParams,
  handler: (ctx, { params }) => {
    const pre = prefix(ctx, params.userId, params.sendAsEmail);
    getConfig(ctx, pre, params.id);
    col(ctx).delete(pre + params.id);
    return undefined;
  },
});

export const smimeSetDefault = gmailOp({
  id: 'gmail.users.settings.sendAs.smimeInfo.setDefault',
  http: { method: 'POST', path: gmailPath('/settings/sendAs/{sendAsEmail}/smimeInfo/{id}/setDefault') },
  kind: 'write',
  description: 'Makes an S/MIME config the default for its send-as address.',
  params: IdParams,
  handler: (ctx, { params }) => {
    const pre = prefix(ctx, params.userId, params.sendAsEmail);
    getConfig(ctx, pre, params.id);
    for (const [k, v] of configsOf(ctx, pre)) col(ctx).set(k, { ...v, isDefault: k === pre + params.id });
    return undefined;
  },
});
