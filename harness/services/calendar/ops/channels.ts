/** Push channels (`*.watch`, `channels.stop`): stored, and delivered by the HTTP face to loopback addresses (see push.ts). */
import { z } from 'zod';
import { defineOperation, hexId, type OperationContext } from '../../../core/index.ts';
import { notFound } from '../../wire-errors.ts';
import { COL, type StoredChannel } from '../model.ts';

/** The Channel body of a watch request. */
export const ChannelInput = z.looseObject({
  id: z.string().min(1).describe('Caller-chosen channel id (a UUID).'),
  type: z.string().optional().describe("Delivery type: 'web_hook'."),
  address: z.string().optional().describe('URL notifications are POSTed to (delivered when it is on this machine: 127.0.0.1, localhost or [::1]).'),
  token: z.string().optional().describe('Arbitrary string echoed with each notification.'),
  expiration: z.string().optional().describe('Expiry, epoch milliseconds as a string.'),
  params: z.record(z.string(), z.string()).optional().describe('Extra delivery parameters (ttl).'),
});
export type ChannelInput = z.infer<typeof ChannelInput>;

/** Stores a channel and returns the wire Channel. */
export function watchResponse(ctx: OperationContext, body: ChannelInput, resourceUri: string): Record<string, unknown> {
  const resourceId = hexId('calendar.channel', ctx.ws.nextCounter('calendar.channel'), 27);
  const expiration = body.expiration ?? String(ctx.ws.nowMs() + 7 * 86_400_000);
  const rec: StoredChannel = { id: body.id, resourceId, resourceUri, ...(body.address ? { address: body.address } : {}), ...(body.token ? { token: body.token } : {}), expiration, stopped: false };
  ctx.ws.collection<StoredChannel>(COL.channels).set(body.id, rec);
  return { kind: 'api#channel', id: body.id, resourceId, resourceUri, ...(body.token ? { token: body.token } : {}), expiration };
}

/** channels.stop */
export const channelsStop = defineOperation({
  id: 'calendar.channels.stop', service: 'calendar', style: 'google', kind: 'write',
  http: { method: 'POST', path: '/calendar/v3/channels/stop' },
  description: 'Stops a push-notification channel created by a watch call.',
  params: z.object({}).loose(),
  body: z.looseObject({ id: z.string().describe('Channel id.'), resourceId: z.string().optional().describe('resourceId returned by watch.') }),
  handler: (ctx, { body }) => {
    const col = ctx.ws.collection<StoredChannel>(COL.channels);
    const ch = col.get(body.id);
    if (!ch || ch.stopped || (body.resourceId !== undefined && body.resourceId !== ch.resourceId)) throw notFound(`Channel '${body.id}' not found for project`);
    col.set(ch.id, { ...ch, stopped: true });
    return undefined;
  },
});
