/** `slackOp`: defineOperation with the Slack wire binding (POST /api/<method>) filled in. */
import type { z } from 'zod';
import { slackError } from '../wire-errors.ts';
import { defineOperation, type Media, type Operation, type OperationContext, type OperationKind, type TokenKind } from '../../core/index.ts';

/** What a Slack operation spec needs: the method name, schema, kind, docs and handler. */
export interface SlackOpSpec<P> {
  /** The Web API method name exactly as Slack spells it (`chat.postMessage`). */
  readonly method: string;
  readonly kind: OperationKind;
  readonly description: string;
  readonly params: z.ZodType<P>;
  /** Token kinds allowed; default both. A bot token on a user-only method is `not_allowed_token_type`. */
  readonly tokens?: readonly TokenKind[];
  /** See Operation.transport. */
  readonly transport?: boolean;
  /** Returns the payload without `ok` (the HTTP face adds `ok: true`). */
  readonly handler: (ctx: OperationContext, params: P, media: Media | undefined) => unknown;
}

/** Defines one Slack Web API method. */
export function slackOp<P>(spec: SlackOpSpec<P>): Operation<P, undefined> {
  return defineOperation<P, undefined>({
    id: `slack.${spec.method}`,
    service: 'slack',
    style: 'slack',
    http: { method: 'POST', path: `/api/${spec.method}` },
    kind: spec.kind,
    description: spec.description,
    params: spec.params,
    ...(spec.tokens ? { tokens: spec.tokens } : {}),
    ...(spec.transport ? { transport: true } : {}),
    handler: (ctx, input) => {
      // The HTTP face checks this too; the tool face reaches handlers directly.
      if (spec.tokens && !spec.tokens.includes(ctx.auth.tokenKind)) throw slackError('not_allowed_token_type');
      return spec.handler(ctx, input.params, input.media);
    },
  });
}
