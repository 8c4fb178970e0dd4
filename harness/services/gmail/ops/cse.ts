/** Client-side encryption (Workspace): CSE key pairs and identities, kept as plain records. */
import { z } from 'zod';
import { hexId, type OperationContext } from '../../../core/index.ts';
import { googleError, invalidArgument, notFound } from '../../wire-errors.ts';
import { gmailOp, gmailPath, paginate, pageSize, listQuery, UserParams, userIdParam } from '../common.ts';
import { mailboxOf } from '../mailbox.ts';
import { C, type EncryptionRecord } from '../model.ts';

const DAY = 86_400_000;
const listParams = z.object({
  userId: userIdParam,
  pageSize: z.coerce.number().int().optional().describe('Number of results per page (default 20).'),
  pageToken: z.string().optional().describe('Page token from a previous response.'),
});

function keyPairs(ctx: OperationContext) {
  return ctx.ws.collection<EncryptionRecord>(C.cseKeyPairs);
}

function identities(ctx: OperationContext) {
  return ctx.ws.collection<EncryptionRecord>(C.cseIdentities);
}

function keyPair(ctx: OperationContext, id: string): EncryptionRecord {
  const k = keyPairs(ctx).get(id);
  if (!k) throw notFound();
  return k;
}

const KeyPairParams = z.object({ userId: userIdParam, keyPairId: z.string().min(1).describe('The key pair id.') });

export const keyPairsCreate = gmailOp({
  id: 'gmail.users.settings.cse.keypairs.create',
  http: { method: 'POST', path: gmailPath('/settings/cse/keypairs') },
  kind: 'write',
  description: 'Uploads a client-side encryption key pair: a PKCS#7 certificate chain and wrapped private key metadata.',
  params: UserParams,
  body: z.object({
    pkcs7: z.string().optional().describe('PKCS#7 certificate chain (PEM).'),
    privateKeyMetadata: z.array(z.record(z.string(), z.unknown())).optional().describe('Wrapped private key metadata.'),
    subjectEmailAddresses: z.array(z.string()).optional().describe('Addresses the certificate covers.'),
  }),
  handler: (ctx, { params, body }) => {
    const email = mailboxOf(ctx, params.userId);
    if (!body.pkcs7) throw invalidArgument('pkcs7 is required');
    const rec: EncryptionRecord = {
      keyPairId: hexId('gmail.cse.keypair', ctx.ws.nextCounter('gmail.cse.keypair'), 20), pkcs7: body.pkcs7, pem: body.pkcs7,
      privateKeyMetadata: body.privateKeyMetadata ?? [], subjectEmailAddresses: body.subjectEmailAddresses ?? [email], enablementState: 'enabled',
    };
    keyPairs(ctx).set(String(rec['keyPairId']), rec);
    return rec;
  },
});

export const keyPairsGet = gmailOp({
  id: 'gmail.users.settings.cse.keypairs.get',
  http: { method: 'GET', path: gmailPath('/settings/cse/keypairs/{keyPairId}') },
  kind: 'read',
  description: 'Gets a CSE key pair.',
  params: KeyPairParams,
  handler: (ctx, { params }) => { mailboxOf(ctx, params.userId); return keyPair(ctx, params.keyPairId); },
});

export const keyPairsList = gmailOp({
  id: 'gmail.users.settings.cse.keypairs.list',
  http: { method: 'GET', path: gmailPath('/settings/cse/keypairs') },
  kind: 'read',
  description: 'Lists CSE key pairs.',
  params: listParams,
  handler: (ctx, { params }) => {
    mailboxOf(ctx, params.userId);
    const { page, nextPageToken } = paginate([...keyPairs(ctx).values()], params.pageToken, pageSize(params.pageSize, 100, 20), listQuery(params));
    return { ...(page.length ? { cseKeyPairs: page } : {}), ...(nextPageToken ? { nextPageToken } : {}) };
  },
});

function stateChange(id: string, verb: 'disable' | 'enable' | 'obliterate', description: string) {
  return gmailOp({
    id,
    http: { method: 'POST', path: gmailPath(`/settings/cse/keypairs/{keyPairId}:${verb}`) },
    kind: 'write',
    description,
    params: KeyPairParams,
    body: z.object({}).describe('Empty.'),
    handler: (ctx, { params }) => {
      mailboxOf(ctx, params.userId);
      const k = keyPair(ctx, params.keyPairId);
      if (verb === 'obliterate') {
        const since = Number(k['disableTime'] ? Date.parse(String(k['disableTime'])) : NaN);
        if (k['enablementState'] !== 'disabled' || !(ctx.ws.nowMs() - since >= 30 * DAY)) {
          throw googleError(400, 'failedPrecondition', 'A key pair can only be obliterated after it has been disabled for 30 days');
        }
        keyPairs(ctx).delete(params.keyPairId);
        return undefined;
      }
      const next = verb === 'disable'
        ? { ...k, enablementState: 'disabled', disableTime: ctx.ws.now() }
        : (({ disableTime: _d, ...rest }) => ({ ...rest, enablementState: 'enabled' }))(k);
      keyPairs(ctx).set(params.keyPairId, next);
      return next;
    },
  });
}

export const keyPairsDisable = stateChange('gmail.users.settings.cse.keypairs.disable', 'disable', 'Turns off a CSE key pair; identities using it can no longer send encrypted mail.');
export const keyPairsEnable = stateChange('gmail.users.settings.cse.keypairs.enable', 'enable', 'Turns a disabled CSE key pair back on.');
export const keyPairsObliterate = stateChange('gmail.users.settings.cse.keypairs.obliterate', 'obliterate', 'Permanently deletes a CSE key pair that has been disabled for at least 30 days.');

const IdentityBody = z.object({
  emailAddress: z.string().optional().describe('The address of the identity (the authenticated user).'),
  primaryKeyPairId: z.string().optional().describe('Key pair used for both signing and encryption.'),
  signAndEncryptKeyPairs: z.object({
    signingKeyPairId: z.string().optional().describe('Key pair for signing.'),
    encryptionKeyPairId: z.string().optional().describe('Key pair for encryption.'),
  }).optional().describe('Separate signing and encryption key pairs.'),
});
type IdentityBody = z.infer<typeof IdentityBody>;

function checkKeys(ctx: OperationContext, b: IdentityBody): void {
  const ids = [b.primaryKeyPairId, b.signAndEncryptKeyPairs?.signingKeyPairId, b.signAndEncryptKeyPairs?.encryptionKeyPairId].filter((x): x is string => !!x);
  if (ids.length === 0) throw invalidArgument('A key pair is required');
  for (const id of ids) if (!keyPairs(ctx).has(id)) throw invalidArgument(`Unknown key pair ${id}`);
}

function identityRecord(email: string, b: IdentityBody): EncryptionRecord {
  return { emailAddress: email, ...(b.primaryKeyPairId ? { primaryKeyPairId: b.primaryKeyPairId } : {}), ...(b.signAndEncryptKeyPairs ? { signAndEncryptKeyPairs: b.signAndEncryptKeyPairs } : {}) };
}

export const identitiesCreate = gmailOp({
  id: 'gmail.users.settings.cse.identities.create',
  http: { method: 'POST', path: gmailPath('/settings/cse/identities') },
  kind: 'write',
  description: "Creates the user's client-side encryption identity from an uploaded key pair.",
  params: UserParams,
  body: IdentityBody,
  handler: (ctx, { params, body }) => {
    const email = mailboxOf(ctx, params.userId);
    if (body.emailAddress && body.emailAddress.toLowerCase() !== email) throw invalidArgument('emailAddress must be the authenticated user');
    checkKeys(ctx, body);
    if (identities(ctx).has(email)) throw googleError(409, 'alreadyExists', 'Identity already exists');
    const rec = identityRecord(email, body);
    identities(ctx).set(email, rec);
    return rec;
  },
});

const identityAddress = z.string().min(1).describe('The address of the identity.');
const CseIdentityParams = z.object({ userId: userIdParam, cseEmailAddress: identityAddress });

function getIdentity(ctx: OperationContext, addr: string): EncryptionRecord {
  const r = identities(ctx).get(addr.toLowerCase());
  if (!r) throw notFound();
  return r;
}

export const identitiesGet = gmailOp({
  id: 'gmail.users.settings.cse.identities.get',
  http: { method: 'GET', path: gmailPath('/settings/cse/identities/{cseEmailAddress}') },
  kind: 'read',
  description: 'Gets a client-side encryption identity.',
  params: CseIdentityParams,
  handler: (ctx, { params }) => { mailboxOf(ctx, params.userId); return getIdentity(ctx, params.cseEmailAddress); },
});

export const identitiesList = gmailOp({
  id: 'gmail.users.settings.cse.identities.list',
  http: { method: 'GET', path: gmailPath('/settings/cse/identities') },
  kind: 'read',
  description: 'Lists client-side encryption identities.',
  params: listParams,
  handler: (ctx, { params }) => {
    mailboxOf(ctx, params.userId);
    const { page, nextPageToken } = paginate([...identities(ctx).values()], params.pageToken, pageSize(params.pageSize, 100, 20), listQuery(params));
    return { ...(page.length ? { cseIdentities: page } : {}), ...(nextPageToken ? { nextPageToken } : {}) };
  },
});

export const identitiesPatch = gmailOp({
  id: 'gmail.users.settings.cse.identities.patch',
  http: { method: 'PATCH', path: gmailPath('/settings/cse/identities/{emailAddress}') },
  kind: 'write',
  description: 'Associates a different key pair with a client-side encryption identity.',
  params: z.object({ userId: userIdParam, emailAddress: identityAddress }),
  body: IdentityBody,
  handler: (ctx, { params, body }) => {
    mailboxOf(ctx, params.userId);
    const cur = getIdentity(ctx, params.emailAddress);
    checkKeys(ctx, body);
    const rec = identityRecord(String(cur['emailAddress']), body);
    identities(ctx).set(String(cur['emailAddress']), rec);
    return rec;
  },
});

export const identitiesDelete = gmailOp({
  id: 'gmail.users.settings.cse.identities.delete',
  http: { method: 'DELETE', path: gmailPath('/settings/cse/identities/{cseEmailAddress}') },
  kind: 'write',
  description: 'Deletes a client-side encryption identity (the user can no longer send encrypted mail).',
  params: CseIdentityParams,
  handler: (ctx, { params }) => {
    mailboxOf(ctx, params.userId);
    const cur = getIdentity(ctx, params.cseEmailAddress);
    identities(ctx).delete(String(cur['emailAddress']));
    return undefined;
  },
});
