/** A fixture workspace with a few Gmail-like and Slack-like operations, for agent tests that must not depend on service progress. */
import { z } from 'zod';
import { defineOperation, emptyBase, Workspace, type AuthContext, type Operation } from '../../harness/core/index.ts';
import { notFound, slackError, validationError, googleError } from '../../harness/services/wire-errors.ts';
import { qInt } from '../../harness/services/wire-schema.ts';

/** The acting user of fixture trials. */
export const FIXTURE_AUTH: AuthContext = { principal: 'kim.chief@corvidlabs.com', tokenKind: 'user' };

interface Label { id: string; name: string }

const labelsCreate = defineOperation({
  id: 'gmail.users.labels.create', service: 'gmail', style: 'google', kind: 'write',
  http: { method: 'POST', path: '/gmail/v1/users/{userId}/labels' },
  description: 'Creates a new label. The name must be unique.',
  params: z.object({ userId: z.string().describe('The user, "me".') }),
  body: z.object({ name: z.string().min(1).describe('Display name of the label.') }),
  handler: ({ ws }, { body }) => {
    const col = ws.collection<Label>('gmail.labels');
    if ([...col.values()].some((l) => l.name === body.name)) throw googleError(409, 'alreadyExists', 'Label name exists or conflicts');
    const id = `Label_${ws.nextCounter('label')}`;
    col.set(id, { id, name: body.name });
    return { id, name: body.name, type: 'user' };
  },
});

const labelsList = defineOperation({
  id: 'gmail.users.labels.list', service: 'gmail', style: 'google', kind: 'read',
  http: { method: 'GET', path: '/gmail/v1/users/{userId}/labels' },
  description: 'Lists all labels in the user\'s mailbox. System labels included.',
  params: z.object({ userId: z.string().describe('The user, "me".'), maxResults: qInt('Maximum number of labels.') }),
  handler: ({ ws }) => ({ labels: [...ws.collection<Label>('gmail.labels').values()] }),
});

const labelsGet = defineOperation({
  id: 'gmail.users.labels.get', service: 'gmail', style: 'google', kind: 'read',
  http: { method: 'GET', path: '/gmail/v1/users/{userId}/labels/{id}' },
  description: 'Gets the specified label.',
  params: z.object({ userId: z.string().describe('The user.'), id: z.string().describe('Label id.') }),
  handler: ({ ws }, { params }) => {
    const l = ws.collection<Label>('gmail.labels').get(params.id);
    if (!l) throw notFound();
    return l;
  },
});

const bigRead = defineOperation({
  id: 'gmail.users.messages.list', service: 'gmail', style: 'google', kind: 'read',
  http: { method: 'GET', path: '/gmail/v1/users/{userId}/messages' },
  description: 'Lists the messages in the user\'s mailbox (fixture: returns a very long page).',
  params: z.object({ userId: z.string().describe('The user.') }),
  handler: () => ({ messages: Array.from({ length: 2000 }, (_, i) => ({ id: `m${i.toString(16).padStart(12, '0')}`, threadId: `t${i}` })) }),
});

const postMessage = defineOperation({
  id: 'slack.chat.postMessage', service: 'slack', style: 'slack', kind: 'write',
  http: { method: 'POST', path: '/api/chat.postMessage' },
  description: 'Sends a message to a channel.',
  params: z.object({ channel: z.string().describe('Channel id.'), text: z.string().describe('Message text.') }),
  handler: ({ ws }, { params }) => {
    if (!params.channel.startsWith('C')) throw slackError('channel_not_found');
    const ts = `1760000000.${String(ws.nextCounter('ts')).padStart(6, '0')}`;
    ws.collection('slack.messages').set(ts, { ts, channel: params.channel, text: params.text });
    return { ok: true, channel: params.channel, ts };
  },
});

/** The fixture operations. */
export const FIXTURE_OPS: readonly Operation[] = [labelsCreate, labelsList, labelsGet, bigRead, postMessage];

/** A fresh fixture workspace. */
export function fixtureWorkspace(ops: readonly Operation[] = FIXTURE_OPS): Workspace {
  const base = emptyBase(['gmail.labels', 'slack.messages'], '2026-03-16T14:00:00.000Z');
  return new Workspace(base, new Map(ops.map((o) => [o.id, o])), validationError);
}
