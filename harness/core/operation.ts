/** The Operation contract: one API method, from which routes, tools, docs and coverage are derived. */
import type { z } from 'zod';
import type { ServiceId } from './ids.ts';
import type { Workspace } from './workspace.ts';

/** Whether an operation can change state. Writes run in a transaction and roll back on error. */
export type OperationKind = 'read' | 'write';

/** How a service speaks on the wire: Google REST or Slack Web API. */
export type WireStyle = 'google' | 'slack';

/** HTTP method of a wire binding. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Where an operation lives on the wire. Google paths are templates with `{name}`
 * segments and an optional `:verb` suffix (`/v1/documents/{documentId}:batchUpdate`);
 * Slack paths are `/api/<method>`. `uploadPath` is the media-upload twin of the path
 * (`/upload/drive/v3/files`), when the method accepts media.
 */
export interface HttpBinding {
  readonly method: HttpMethod;
  readonly path: string;
  readonly uploadPath?: string;
}

/** Which Slack token kinds may call a method (Google methods ignore this). */
export type TokenKind = 'user' | 'bot';

/** Who is calling: the workspace owner, through a user or bot token. */
export interface AuthContext {
  /** Email of the acting user (Google `me`). */
  readonly principal: string;
  /** Slack token kind of the caller. */
  readonly tokenKind: TokenKind;
}

/** Uploaded media for methods with an upload path (Gmail raw sends, Drive contents). */
export interface Media {
  readonly mimeType: string;
  readonly data: Buffer;
}

/** The validated input of a handler, split the way the official Google clients split it. */
export interface OperationInput<P, B> {
  readonly params: P;
  readonly body: B;
  readonly media: Media | undefined;
}

/** What a handler sees besides its input. */
export interface OperationContext {
  readonly ws: Workspace;
  readonly auth: AuthContext;
}

/** A non-JSON response body (Drive `alt=media`, export), returned by a handler. */
export interface RawResponse {
  readonly $raw: true;
  readonly contentType: string;
  readonly data: Buffer;
}

/** Builds a RawResponse. */
export function rawResponse(contentType: string, data: Buffer | string): RawResponse {
  return { $raw: true, contentType, data: typeof data === 'string' ? Buffer.from(data, 'utf8') : data };
}

/** True when a handler result is a RawResponse. */
export function isRawResponse(v: unknown): v is RawResponse {
  return typeof v === 'object' && v !== null && (v as { $raw?: unknown }).$raw === true;
}

/**
 * One API method. `id` is spelled as the real API spells it
 * (`gmail.users.messages.list`, `slack.chat.postMessage`). `params` covers path and
 * query parameters (Google) or all arguments (Slack); `body` is Google's request body.
 * Every schema field carries `.describe()` text: it becomes tool docs.
 */
export interface Operation<P = any, B = any, R = unknown> {
  readonly id: string;
  readonly service: ServiceId;
  readonly style: WireStyle;
  readonly http: HttpBinding;
  readonly kind: OperationKind;
  readonly description: string;
  readonly params: z.ZodType<P>;
  readonly body: z.ZodType<B> | undefined;
  /** Slack: token kinds allowed (default both). */
  readonly tokens: readonly TokenKind[];
  /**
   * A wire endpoint that is not an API method of its own (the upload target a multi-step
   * flow hands out): routed over HTTP, but not offered as an agent tool nor counted in coverage.
   */
  readonly transport?: boolean;
  readonly handler: (ctx: OperationContext, input: OperationInput<P, B>) => R | RawResponse;
}

/** Input of `defineOperation`: the Operation with optional fields left out. */
export type OperationSpec<P, B, R> = Omit<Operation<P, B, R>, 'body' | 'tokens'> & {
  readonly body?: z.ZodType<B>;
  readonly tokens?: readonly TokenKind[];
};

/** Defines one operation. Checks the id matches the service prefix. */
export function defineOperation<P, B = undefined, R = unknown>(spec: OperationSpec<P, B, R>): Operation<P, B, R> {
  if (!spec.id.startsWith(`${spec.service}.`)) {
    throw new Error(`operation id ${spec.id} must start with "${spec.service}."`);
  }
  return { body: undefined, tokens: ['user', 'bot'], ...spec };
}

/**
 * Splits generic call arguments (the shape the official Google clients take:
 * path/query params flat, `requestBody`, `media`) into handler input parts.
 */
export function splitCallArgs(args: Record<string, unknown>): {
  params: Record<string, unknown>;
  body: unknown;
  media: { mimeType?: unknown; body?: unknown } | undefined;
} {
  const { requestBody, media, ...params } = args;
  return { params, body: requestBody, media: media as { mimeType?: unknown; body?: unknown } | undefined };
}
