/** Mailbox settings with get/update pairs: vacation, autoForwarding, imap, pop, language. */
import { z } from 'zod';
import type { Operation, OperationContext } from '../../../core/index.ts';
import { googleError } from '../../wire-errors.ts';
import { gmailOp, gmailPath, UserParams } from '../common.ts';
import { mailboxOf } from '../mailbox.ts';
import { C, type ForwardingAddressRecord, type SettingRecord } from '../model.ts';
import { DOMAIN_AUTHORITY_NOTE, requireDomainAuthority } from '../authority.ts';

const Disposition = z.enum(['dispositionUnspecified', 'leaveInInbox', 'archive', 'trash', 'markRead']);

/** Each setting: its body schema and the value an untouched mailbox has. */
const SETTINGS = {
  Vacation: {
    key: 'vacation', path: '/settings/vacation', what: 'the vacation responder (auto-reply)',
    acts: ' Once on, it answers each sender of incoming mail at most once every 4 days (not mailing lists, automatic mail or spam), between startTime and endTime.',
    schema: z.object({
      enableAutoReply: z.boolean().optional().describe('Whether the auto-reply is on.'),
      responseSubject: z.string().optional().describe('Subject prefix of auto-replies.'),
      responseBodyPlainText: z.string().optional().describe('Plain-text body of auto-replies.'),
      responseBodyHtml: z.string().optional().describe('HTML body of auto-replies.'),
      restrictToContacts: z.boolean().optional().describe('Only reply to contacts.'),
      restrictToDomain: z.boolean().optional().describe('Only reply to people in the same domain.'),
      startTime: z.string().optional().describe('Start, epoch milliseconds as a string.'),
      endTime: z.string().optional().describe('End, epoch milliseconds as a string.'),
    }),
    defaults: { enableAutoReply: false, restrictToContacts: false, restrictToDomain: false },
  },
  AutoForwarding: {
    key: 'autoForwarding', path: '/settings/autoForwarding', what: 'automatic forwarding of all incoming mail',
    acts: ' When enabled, every incoming message is forwarded to the verified address, then the disposition applies to the original.',
    schema: z.object({
      enabled: z.boolean().optional().describe('Whether all incoming mail is forwarded.'),
      emailAddress: z.string().optional().describe('Where to forward: must be a verified forwarding address.'),
      disposition: Disposition.optional().describe("What happens to the original: leaveInInbox, archive, trash or markRead."),
    }),
    defaults: { enabled: false },
  },
  Imap: {
    key: 'imap', path: '/settings/imap', what: 'IMAP access',
    schema: z.object({
      enabled: z.boolean().optional().describe('Whether IMAP is on.'),
      autoExpunge: z.boolean().optional().describe('Expunge immediately when a message is deleted over IMAP.'),
      expungeBehavior: z.enum(['expungeBehaviorUnspecified', 'archive', 'trash', 'deleteForever']).optional().describe('What expunged messages become.'),
      maxFolderSize: z.number().int().optional().describe('Maximum messages per IMAP folder (0 = no limit).'),
    }),
    defaults: { enabled: true, autoExpunge: true, expungeBehavior: 'archive', maxFolderSize: 0 },
  },
  Pop: {
    key: 'pop', path: '/settings/pop', what: 'POP access',
    schema: z.object({
      accessWindow: z.enum(['accessWindowUnspecified', 'disabled', 'fromNowOn', 'allMail']).optional().describe('Which messages POP can fetch.'),
      disposition: Disposition.optional().describe('What happens to messages after POP fetches them.'),
    }),
    defaults: { accessWindow: 'disabled', disposition: 'leaveInInbox' },
  },
  Language: {
    key: 'language', path: '/settings/language', what: 'the display language',
    schema: z.object({ displayLanguage: z.string().optional().describe('RFC 3066 language tag, e.g. `en` or `en-GB`.') }),
    defaults: { displayLanguage: 'en' },
  },
} as const;

type SettingName = keyof typeof SETTINGS;

/** The current value of a setting (defaults when never written). */
export function settingValue(ctx: Pick<OperationContext, 'ws'>, key: string): Record<string, unknown> {
  const def = Object.values(SETTINGS).find((s) => s.key === key)?.defaults ?? {};
  return { ...def, ...ctx.ws.collection<SettingRecord>(C.settings).peek(key)?.value };
}

/** Extra checks before a value is stored (auto-forwarding needs a verified address). */
function check(name: SettingName, ctx: OperationContext, v: Record<string, unknown>): void {
  if (name !== 'AutoForwarding' || v['enabled'] !== true) return;
  const addr = String(v['emailAddress'] ?? '').toLowerCase();
  const fwd = ctx.ws.collection<ForwardingAddressRecord>(C.forwardingAddresses).peek(addr);
  if (!fwd || fwd.verificationStatus !== 'accepted') {
    throw googleError(400, 'failedPrecondition', 'Unverified forwarding address: add it with forwardingAddresses.create and have it confirmed first.');
  }
}

function pair(name: SettingName): Operation[] {
  const s = SETTINGS[name];
  const get = gmailOp({
    id: `gmail.users.settings.get${name}`,
    http: { method: 'GET', path: gmailPath(s.path) },
    kind: 'read',
    description: `Gets ${s.what} settings.`,
    params: UserParams,
    handler: (ctx, { params }) => {
      mailboxOf(ctx, params.userId);
      ctx.ws.collection<SettingRecord>(C.settings).get(s.key);
      return settingValue(ctx, s.key);
    },
  });
  const update = gmailOp({
    id: `gmail.users.settings.update${name}`,
    http: { method: 'PUT', path: gmailPath(s.path) },
    kind: 'write',
    description: `Replaces ${s.what} settings; omitted fields return to their defaults.${'acts' in s ? s.acts : ''}${name === 'AutoForwarding' ? ` ${DOMAIN_AUTHORITY_NOTE}` : ''}`,
    params: UserParams,
    body: s.schema as z.ZodType<Record<string, unknown>>,
    handler: (ctx, { params, body }) => {
      mailboxOf(ctx, params.userId);
      if (name === 'AutoForwarding') requireDomainAuthority(ctx.auth);
      const value = { ...s.defaults, ...body };
      check(name, ctx, value);
      ctx.ws.collection<SettingRecord>(C.settings).set(s.key, { name: s.key, value });
      return value;
    },
  });
  return [get, update];
}

/** getX/updateX for every setting. */
export const settingsOps: Operation[] = (Object.keys(SETTINGS) as SettingName[]).flatMap(pair);
