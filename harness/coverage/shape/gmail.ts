/**
 * Gmail's response shapes: the views the reference documents (which fields each method
 * always returns, which only under a condition) and one probe per method, called through
 * the official @googleapis/gmail client. Field types come from the client's `Schema$…`
 * typings (google-schemas.ts); only presence rules are written here, from the reference
 * pages (developers.google.com/workspace/gmail/api/reference/rest/v1/…).
 */
import type { gmail_v1 } from '@googleapis/gmail';
import { googleSchemas } from './google-schemas.ts';
import { expectEmpty, expectError, expectView, gaxios, googleErrorCheck } from './google-adapter.ts';
import type { ApiAdapter, Probe, ViewSpec } from './types.ts';

const MESSAGE_BASE = ['id', 'threadId', 'labelIds', 'snippet', 'sizeEstimate', 'historyId', 'internalDate'];
const PART: ViewSpec = {
  schema: 'MessagePart', always: ['partId', 'mimeType', 'filename', 'headers', 'body'],
  conditional: { parts: 'multipart/* parts only' },
  nested: { headers: { schema: 'MessagePartHeader', always: ['name', 'value'] }, body: { schema: 'MessagePartBody', always: ['size'], conditional: { data: 'inline bodies', attachmentId: 'attachments' } } },
};

/** Views of the Gmail reference. */
export const GMAIL_VIEWS = {
  profile: { schema: 'Profile', always: ['emailAddress', 'messagesTotal', 'threadsTotal', 'historyId'] },
  watch: { schema: 'WatchResponse', always: ['historyId', 'expiration'] },
  messageList: {
    schema: 'ListMessagesResponse', always: ['resultSizeEstimate'], conditional: { messages: 'when something matched', nextPageToken: 'when more pages follow' },
    nested: { messages: { schema: 'Message', always: ['id', 'threadId'] } },
  },
  messageFull: { schema: 'Message', always: [...MESSAGE_BASE, 'payload'], nested: { payload: { ...PART, nested: { ...PART.nested, parts: PART } } } },
  messageMinimal: { schema: 'Message', always: MESSAGE_BASE },
  messageRaw: { schema: 'Message', always: [...MESSAGE_BASE, 'raw'] },
  messageMetadata: { schema: 'Message', always: [...MESSAGE_BASE, 'payload'], nested: { payload: { schema: 'MessagePart', always: ['mimeType', 'headers'] } } },
  messageIds: { schema: 'Message', always: ['id', 'threadId', 'labelIds'] },
  attachment: { schema: 'MessagePartBody', always: ['attachmentId', 'size', 'data'] },
  threadList: {
    schema: 'ListThreadsResponse', always: ['resultSizeEstimate'], conditional: { threads: 'when something matched', nextPageToken: 'when more pages follow' },
    nested: { threads: { schema: 'Thread', always: ['id', 'snippet', 'historyId'] } },
  },
  thread: { schema: 'Thread', always: ['id', 'historyId', 'messages'], nested: { messages: { schema: 'Message', always: MESSAGE_BASE } } },
  threadIds: { schema: 'Thread', always: ['id', 'historyId', 'messages'], nested: { messages: { schema: 'Message', always: ['id', 'threadId', 'labelIds'] } } },
  labelList: { schema: 'ListLabelsResponse', always: ['labels'], nested: { labels: { schema: 'Label', always: ['id', 'name', 'type'], conditional: { messageListVisibility: 'user labels that set it; CHAT, IMPORTANT', labelListVisibility: 'same', color: 'when set' } } } },
  label: { schema: 'Label', always: ['id', 'name', 'type'] },
  labelCounts: { schema: 'Label', always: ['id', 'name', 'type', 'messagesTotal', 'messagesUnread', 'threadsTotal', 'threadsUnread'] },
  draftList: { schema: 'ListDraftsResponse', always: ['resultSizeEstimate'], conditional: { drafts: 'when any', nextPageToken: 'when more pages follow' }, nested: { drafts: { schema: 'Draft', always: ['id', 'message'] } } },
  draft: { schema: 'Draft', always: ['id', 'message'], nested: { message: { schema: 'Message', always: ['id', 'threadId', 'labelIds'] } } },
  historyList: { schema: 'ListHistoryResponse', always: ['historyId'], conditional: { history: 'when something changed', nextPageToken: 'when more pages follow' } },
  filter: { schema: 'Filter', always: ['id', 'criteria', 'action'] },
  filterList: { schema: 'ListFiltersResponse', always: [], conditional: { filter: 'when any' } },
  forwarding: { schema: 'ForwardingAddress', always: ['forwardingEmail', 'verificationStatus'] },
  forwardingList: { schema: 'ListForwardingAddressesResponse', always: [], conditional: { forwardingAddresses: 'when any' } },
  vacation: { schema: 'VacationSettings', always: ['enableAutoReply'] },
  autoForwarding: { schema: 'AutoForwarding', always: ['enabled'] },
  imap: { schema: 'ImapSettings', always: ['enabled'] },
  pop: { schema: 'PopSettings', always: ['accessWindow'] },
  language: { schema: 'LanguageSettings', always: ['displayLanguage'] },
  sendAsList: { schema: 'ListSendAsResponse', always: ['sendAs'], nested: { sendAs: { schema: 'SendAs', always: ['sendAsEmail', 'displayName', 'replyToAddress', 'isPrimary'] } } },
  sendAs: { schema: 'SendAs', always: ['sendAsEmail', 'displayName', 'replyToAddress', 'isPrimary'] },
  smime: { schema: 'SmimeInfo', always: ['id'] },
  smimeList: { schema: 'ListSmimeInfoResponse', always: [], conditional: { smimeInfo: 'when any' } },
  keyPair: { schema: 'CseKeyPair', always: ['keyPairId', 'enablementState'] },
  keyPairList: { schema: 'ListCseKeyPairsResponse', always: [], conditional: { cseKeyPairs: 'when any', nextPageToken: 'when more pages follow' } },
  identity: { schema: 'CseIdentity', always: ['emailAddress'] },
  identityList: { schema: 'ListCseIdentitiesResponse', always: [], conditional: { cseIdentities: 'when any', nextPageToken: 'when more pages follow' } },
} satisfies Record<string, ViewSpec>;

const V = GMAIL_VIEWS;
type G = gmail_v1.Gmail;
const me = { userId: 'me' };
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64url');
const mail = (from: string, to: string, subject: string, extra = '') => b64(`From: ${from}\r\nTo: ${to}\r\nSubject: ${subject}\r\n${extra}\r\nHello from the shape probe.\r\n`);
const attached = (to: string) => b64([
  `To: ${to}`, 'Subject: With attachment', 'Content-Type: multipart/mixed; boundary="b"', '', '--b', 'Content-Type: text/plain; charset=UTF-8', '', 'See attached.',
  '--b', 'Content-Type: text/csv; name="q3.csv"', 'Content-Disposition: attachment; filename="q3.csv"', 'Content-Transfer-Encoding: base64', '', Buffer.from('a,b\n1,2\n').toString('base64'), '--b--', '',
].join('\r\n'));

function p(method: string, expect: Probe<G>['expect'], call: Probe<G>['call'], what?: string): Probe<G> {
  return { method, expect, call, ...(what ? { what } : {}) };
}

/** One probe (or more) per Gmail method, in an order where later probes use what earlier ones made. */
export function gmailProbes(principal: string): Probe<G>[] {
  const s = (g: G) => g.users.settings;
  return [
    p('users.getProfile', expectView(V.profile), (g) => gaxios(g.users.getProfile(me))),
    p('users.watch', expectView(V.watch), (g) => gaxios(g.users.watch({ ...me, requestBody: { topicName: 'projects/p/topics/t' } }))),
    p('users.stop', expectEmpty, (g) => gaxios(g.users.stop(me))),
    p('users.messages.list', expectView(V.messageList), async (g, st) => {
      const r = await gaxios(g.users.messages.list({ ...me, maxResults: 5 }));
      st.msg = (r.data as gmail_v1.Schema$ListMessagesResponse).messages?.[0]?.id ?? '';
      return r;
    }),
    p('users.messages.list', expectView(V.messageList), (g) => gaxios(g.users.messages.list({ ...me, q: 'zzqqxx-matches-nothing' })), 'no hits'),
    p('users.messages.send', expectView(V.messageIds), async (g, st) => {
      const r = await gaxios(g.users.messages.send({ ...me, requestBody: { raw: attached('ana@globex.example') } }));
      st.sent = (r.data as { id: string }).id;
      return r;
    }),
    p('users.messages.get', expectView(V.messageFull), (g, st) => gaxios(g.users.messages.get({ ...me, id: st.sent! })), 'full, multipart with attachment'),
    p('users.messages.get', expectView(V.messageFull), (g, st) => gaxios(g.users.messages.get({ ...me, id: st.msg! })), 'full, base mail'),
    p('users.messages.get', expectView(V.messageMinimal), (g, st) => gaxios(g.users.messages.get({ ...me, id: st.msg!, format: 'minimal' })), 'minimal'),
    p('users.messages.get', expectView(V.messageRaw), (g, st) => gaxios(g.users.messages.get({ ...me, id: st.msg!, format: 'raw' })), 'raw'),
    p('users.messages.get', expectView(V.messageMetadata), (g, st) => gaxios(g.users.messages.get({ ...me, id: st.msg!, format: 'metadata', metadataHeaders: ['From', 'Subject'] })), 'metadata'),
    p('users.messages.get', expectError(404, 'notFound'), (g) => gaxios(g.users.messages.get({ ...me, id: '0123456789abcdef' })), 'missing id'),
    p('users.messages.get', expectError(400, 'invalidArgument'), (g) => gaxios(g.users.messages.get({ ...me, id: 'not-a-gmail-id' })), 'malformed id'),
    p('users.messages.attachments.get', expectView(V.attachment), async (g, st) => {
      const m = (await g.users.messages.get({ ...me, id: st.sent! })).data;
      const att = m.payload?.parts?.find((x) => x.body?.attachmentId)?.body?.attachmentId ?? 'none';
      return gaxios(g.users.messages.attachments.get({ ...me, messageId: st.sent!, id: att }));
    }),
    p('users.messages.insert', expectView(V.messageIds), async (g, st) => {
      const r = await gaxios(g.users.messages.insert({ ...me, requestBody: { raw: mail('bo@partner.example', principal, 'Inserted'), labelIds: ['INBOX', 'UNREAD'] } }));
      st.inserted = (r.data as { id: string }).id;
      return r;
    }),
    p('users.messages.import', expectView(V.messageIds), async (g, st) => {
      const r = await gaxios(g.users.messages.import({ ...me, requestBody: { raw: mail('cy@partner.example', principal, 'Imported') } }));
      st.imported = (r.data as { id: string }).id;
      return r;
    }),
    p('users.messages.modify', expectView(V.messageIds), (g, st) => gaxios(g.users.messages.modify({ ...me, id: st.inserted!, requestBody: { addLabelIds: ['STARRED'], removeLabelIds: ['UNREAD'] } }))),
    p('users.messages.batchModify', expectEmpty, (g, st) => gaxios(g.users.messages.batchModify({ ...me, requestBody: { ids: [st.inserted!, st.imported!], addLabelIds: ['IMPORTANT'] } }))),
    p('users.messages.trash', expectView(V.messageIds), (g, st) => gaxios(g.users.messages.trash({ ...me, id: st.inserted! }))),
    p('users.messages.untrash', expectView(V.messageIds), (g, st) => gaxios(g.users.messages.untrash({ ...me, id: st.inserted! }))),
    p('users.messages.delete', expectEmpty, (g, st) => gaxios(g.users.messages.delete({ ...me, id: st.inserted! }))),
    p('users.messages.batchDelete', expectEmpty, (g, st) => gaxios(g.users.messages.batchDelete({ ...me, requestBody: { ids: [st.imported!] } }))),
    p('users.threads.list', expectView(V.threadList), async (g, st) => {
      const r = await gaxios(g.users.threads.list({ ...me, maxResults: 3 }));
      st.thread = (r.data as gmail_v1.Schema$ListThreadsResponse).threads?.[0]?.id ?? '';
      return r;
    }),
    p('users.threads.get', expectView(V.thread), (g, st) => gaxios(g.users.threads.get({ ...me, id: st.thread!, format: 'metadata' }))),
    p('users.threads.get', expectError(400, 'invalidArgument'), (g) => gaxios(g.users.threads.get({ ...me, id: 'nosuchthread' })), 'malformed id'),
    p('users.threads.modify', expectView(V.threadIds), (g, st) => gaxios(g.users.threads.modify({ ...me, id: st.sent!, requestBody: { addLabelIds: ['STARRED'] } }))),
    p('users.threads.trash', expectView(V.threadIds), (g, st) => gaxios(g.users.threads.trash({ ...me, id: st.sent! }))),
    p('users.threads.untrash', expectView(V.threadIds), (g, st) => gaxios(g.users.threads.untrash({ ...me, id: st.sent! }))),
    p('users.threads.delete', expectEmpty, (g, st) => gaxios(g.users.threads.delete({ ...me, id: st.sent! }))),
    p('users.labels.list', expectView(V.labelList), (g) => gaxios(g.users.labels.list(me))),
    p('users.labels.get', expectView(V.labelCounts), (g) => gaxios(g.users.labels.get({ ...me, id: 'INBOX' }))),
    p('users.labels.create', expectView(V.label), async (g, st) => {
      const r = await gaxios(g.users.labels.create({ ...me, requestBody: { name: 'Shape probe' } }));
      st.label = (r.data as { id: string }).id;
      return r;
    }),
    p('users.labels.patch', expectView(V.label), (g, st) => gaxios(g.users.labels.patch({ ...me, id: st.label!, requestBody: { labelListVisibility: 'labelShowIfUnread' } }))),
    p('users.labels.update', expectView(V.label), (g, st) => gaxios(g.users.labels.update({ ...me, id: st.label!, requestBody: { name: 'Shape probe 2' } }))),
    p('users.labels.delete', expectEmpty, (g, st) => gaxios(g.users.labels.delete({ ...me, id: st.label! }))),
    p('users.labels.get', expectError(404, 'notFound'), (g, st) => gaxios(g.users.labels.get({ ...me, id: st.label! })), 'deleted label'),
    p('users.drafts.create', expectView(V.draft), async (g, st) => {
      const r = await gaxios(g.users.drafts.create({ ...me, requestBody: { message: { raw: mail(principal, 'dee@globex.example', 'Draft') } } }));
      st.draft = (r.data as { id: string }).id;
      return r;
    }),
    p('users.drafts.list', expectView(V.draftList), (g) => gaxios(g.users.drafts.list(me))),
    p('users.drafts.get', expectView({ ...V.draft, nested: { message: V.messageFull } }), (g, st) => gaxios(g.users.drafts.get({ ...me, id: st.draft! }))),
    p('users.drafts.update', expectView(V.draft), (g, st) => gaxios(g.users.drafts.update({ ...me, id: st.draft!, requestBody: { message: { raw: mail(principal, 'dee@globex.example', 'Draft v2') } } }))),
    p('users.drafts.send', expectView(V.messageIds), (g, st) => gaxios(g.users.drafts.send({ ...me, requestBody: { id: st.draft! } }))),
    p('users.drafts.create', expectView(V.draft), async (g, st) => {
      const r = await gaxios(g.users.drafts.create({ ...me, requestBody: { message: { raw: mail(principal, 'eve@globex.example', 'Throwaway') } } }));
      st.draft2 = (r.data as { id: string }).id;
      return r;
    }, 'second draft'),
    p('users.drafts.delete', expectEmpty, (g, st) => gaxios(g.users.drafts.delete({ ...me, id: st.draft2! }))),
    p('users.history.list', expectView(V.historyList), async (g) => {
      const h = (await g.users.getProfile(me)).data.historyId!;
      return gaxios(g.users.history.list({ ...me, startHistoryId: String(Number(h) - 5) }));
    }),
    p('users.settings.filters.create', expectView(V.filter), async (g, st) => {
      const r = await gaxios(s(g).filters.create({ ...me, requestBody: { criteria: { from: 'billing@ledgerly.example' }, action: { addLabelIds: ['STARRED'] } } }));
      st.filter = (r.data as { id: string }).id;
      return r;
    }),
    p('users.settings.filters.get', expectView(V.filter), (g, st) => gaxios(s(g).filters.get({ ...me, id: st.filter! }))),
    p('users.settings.filters.list', expectView(V.filterList), (g) => gaxios(s(g).filters.list(me))),
    p('users.settings.filters.delete', expectEmpty, (g, st) => gaxios(s(g).filters.delete({ ...me, id: st.filter! }))),
    p('users.settings.forwardingAddresses.list', expectView(V.forwardingList), (g) => gaxios(s(g).forwardingAddresses.list(me))),
    p('users.settings.forwardingAddresses.create', expectError(403, 'forbidden'), (g) => gaxios(s(g).forwardingAddresses.create({ ...me, requestBody: { forwardingEmail: 'x@partner.example' } })), 'user token'),
    p('users.settings.forwardingAddresses.get', expectError(404, 'notFound'), (g) => gaxios(s(g).forwardingAddresses.get({ ...me, forwardingEmail: 'x@partner.example' })), 'unknown address'),
    p('users.settings.forwardingAddresses.delete', expectError(403, 'forbidden'), (g) => gaxios(s(g).forwardingAddresses.delete({ ...me, forwardingEmail: 'x@partner.example' })), 'user token'),
    p('users.settings.getVacation', expectView(V.vacation), (g) => gaxios(s(g).getVacation(me))),
    p('users.settings.updateVacation', expectView(V.vacation), (g) => gaxios(s(g).updateVacation({ ...me, requestBody: { enableAutoReply: false, responseSubject: 'Away' } }))),
    p('users.settings.getAutoForwarding', expectView(V.autoForwarding), (g) => gaxios(s(g).getAutoForwarding(me))),
    p('users.settings.updateAutoForwarding', expectError(403, 'forbidden'), (g) => gaxios(s(g).updateAutoForwarding({ ...me, requestBody: { enabled: false } })), 'user token'),
    p('users.settings.getImap', expectView(V.imap), (g) => gaxios(s(g).getImap(me))),
    p('users.settings.updateImap', expectView(V.imap), (g) => gaxios(s(g).updateImap({ ...me, requestBody: { enabled: true } }))),
    p('users.settings.getPop', expectView(V.pop), (g) => gaxios(s(g).getPop(me))),
    p('users.settings.updatePop', expectView(V.pop), (g) => gaxios(s(g).updatePop({ ...me, requestBody: { accessWindow: 'disabled' } }))),
    p('users.settings.getLanguage', expectView(V.language), (g) => gaxios(s(g).getLanguage(me))),
    p('users.settings.updateLanguage', expectView(V.language), (g) => gaxios(s(g).updateLanguage({ ...me, requestBody: { displayLanguage: 'en-GB' } }))),
    p('users.settings.sendAs.list', expectView(V.sendAsList), (g) => gaxios(s(g).sendAs.list(me))),
    p('users.settings.sendAs.get', expectView(V.sendAs), (g) => gaxios(s(g).sendAs.get({ ...me, sendAsEmail: principal }))),
    p('users.settings.sendAs.patch', expectView(V.sendAs), (g) => gaxios(s(g).sendAs.patch({ ...me, sendAsEmail: principal, requestBody: { signature: 'Best' } }))),
    p('users.settings.sendAs.update', expectView(V.sendAs), (g) => gaxios(s(g).sendAs.update({ ...me, sendAsEmail: principal, requestBody: { signature: 'Regards', displayName: 'Owner' } }))),
    p('users.settings.sendAs.create', expectError(403, 'forbidden'), (g) => gaxios(s(g).sendAs.create({ ...me, requestBody: { sendAsEmail: 'me@personal.example' } })), 'user token'),
    p('users.settings.sendAs.verify', expectError(403, 'forbidden'), (g) => gaxios(s(g).sendAs.verify({ ...me, sendAsEmail: principal })), 'user token'),
    p('users.settings.sendAs.delete', expectError(403, 'forbidden'), (g) => gaxios(s(g).sendAs.delete({ ...me, sendAsEmail: 'me@personal.example' })), 'user token'),
    p('users.settings.delegates.list', expectError(403, 'forbidden'), (g) => gaxios(s(g).delegates.list(me)), 'user token'),
    p('users.settings.delegates.get', expectError(403, 'forbidden'), (g) => gaxios(s(g).delegates.get({ ...me, delegateEmail: 'ea@partner.example' })), 'user token'),
    p('users.settings.delegates.create', expectError(403, 'forbidden'), (g) => gaxios(s(g).delegates.create({ ...me, requestBody: { delegateEmail: 'ea@partner.example' } })), 'user token'),
    p('users.settings.delegates.delete', expectError(403, 'forbidden'), (g) => gaxios(s(g).delegates.delete({ ...me, delegateEmail: 'ea@partner.example' })), 'user token'),
    p('users.settings.sendAs.smimeInfo.insert', expectView(V.smime), async (g, st) => {
      const r = await gaxios(s(g).sendAs.smimeInfo.insert({ ...me, sendAsEmail: principal, requestBody: { pem: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----' } }));
      st.smime = (r.data as { id: string }).id;
      return r;
    }),
    p('users.settings.sendAs.smimeInfo.get', expectView(V.smime), (g, st) => gaxios(s(g).sendAs.smimeInfo.get({ ...me, sendAsEmail: principal, id: st.smime! }))),
    p('users.settings.sendAs.smimeInfo.list', expectView(V.smimeList), (g) => gaxios(s(g).sendAs.smimeInfo.list({ ...me, sendAsEmail: principal }))),
    p('users.settings.sendAs.smimeInfo.setDefault', expectEmpty, (g, st) => gaxios(s(g).sendAs.smimeInfo.setDefault({ ...me, sendAsEmail: principal, id: st.smime! }))),
    p('users.settings.sendAs.smimeInfo.delete', expectEmpty, (g, st) => gaxios(s(g).sendAs.smimeInfo.delete({ ...me, sendAsEmail: principal, id: st.smime! }))),
    p('users.settings.cse.keypairs.create', expectView(V.keyPair), async (g, st) => {
      const r = await gaxios(s(g).cse.keypairs.create({ ...me, requestBody: { pkcs7: '-----BEGIN PKCS7-----' } }));
      st.keyPair = (r.data as { keyPairId: string }).keyPairId;
      return r;
    }),
    p('users.settings.cse.keypairs.get', expectView(V.keyPair), (g, st) => gaxios(s(g).cse.keypairs.get({ ...me, keyPairId: st.keyPair! }))),
    p('users.settings.cse.keypairs.list', expectView(V.keyPairList), (g) => gaxios(s(g).cse.keypairs.list(me))),
    p('users.settings.cse.identities.create', expectView(V.identity), (g, st) => gaxios(s(g).cse.identities.create({ ...me, requestBody: { primaryKeyPairId: st.keyPair! } }))),
    p('users.settings.cse.identities.get', expectView(V.identity), (g) => gaxios(s(g).cse.identities.get({ ...me, cseEmailAddress: principal }))),
    p('users.settings.cse.identities.list', expectView(V.identityList), (g) => gaxios(s(g).cse.identities.list(me))),
    p('users.settings.cse.identities.patch', expectView(V.identity), (g, st) => gaxios(s(g).cse.identities.patch({ ...me, emailAddress: principal, requestBody: { primaryKeyPairId: st.keyPair! } }))),
    p('users.settings.cse.identities.delete', expectEmpty, (g) => gaxios(s(g).cse.identities.delete({ ...me, cseEmailAddress: principal }))),
    p('users.settings.cse.keypairs.disable', expectView(V.keyPair), (g, st) => gaxios(s(g).cse.keypairs.disable({ ...me, keyPairId: st.keyPair!, requestBody: {} }))),
    p('users.settings.cse.keypairs.enable', expectView(V.keyPair), (g, st) => gaxios(s(g).cse.keypairs.enable({ ...me, keyPairId: st.keyPair!, requestBody: {} }))),
    p('users.settings.cse.keypairs.obliterate', expectError(400), (g, st) => gaxios(s(g).cse.keypairs.obliterate({ ...me, keyPairId: st.keyPair!, requestBody: {} })), 'enabled key pair'),
  ];
}

/** The Gmail adapter of the shape runner. */
export function gmailAdapter(principal: string): ApiAdapter<G> {
  return { api: 'gmail', schemas: googleSchemas('gmail'), checkError: googleErrorCheck('gmail'), probes: gmailProbes(principal) };
}
