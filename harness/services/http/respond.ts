/** Writing HTTP responses: JSON with Google's content type, raw bytes, 204s and error envelopes. */
import type { ServerResponse } from 'node:http';
import { ApiError } from '../../core/index.ts';
import { googleErrorBody } from '../google/errors.ts';

/** Google sends `application/json; charset=UTF-8`; gaxios needs a JSON content type to parse. */
export const JSON_TYPE = 'application/json; charset=UTF-8';

/** Sends a JSON body. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const data = Buffer.from(JSON.stringify(body), 'utf8');
  res.writeHead(status, { 'Content-Type': JSON_TYPE, 'Content-Length': String(data.length), ...headers });
  res.end(data);
}

/** Sends raw bytes (alt=media downloads, exports). */
export function sendRaw(res: ServerResponse, status: number, contentType: string, data: Buffer): void {
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': String(data.length) });
  res.end(data);
}

/** Sends 204 No Content (Gmail/Drive/Calendar deletes and other empty results). */
export function sendEmpty(res: ServerResponse): void {
  res.writeHead(204);
  res.end();
}

/**
 * Sends a Google error envelope for an ApiError, shaped as `api` shapes it (its dialect in
 * the Google wire kit); statuses below 400 are sent as 400.
 */
export function sendGoogleError(res: ServerResponse, e: ApiError, api?: string): void {
  const status = e.httpStatus >= 400 ? e.httpStatus : 400;
  const err = status === e.httpStatus ? e : new ApiError(status, e.reason, e.message, e.extra);
  sendJson(res, status, googleErrorBody(err, api));
}

/** Google's documented 401 body for a missing or bad bearer token. */
export function sendGoogleUnauthenticated(res: ServerResponse): void {
  sendJson(
    res,
    401,
    {
      error: {
        code: 401,
        message: 'Request is missing required authentication credential. Expected OAuth 2 access token.',
        errors: [{ message: 'Invalid Credentials', domain: 'global', reason: 'authError', locationType: 'header', location: 'Authorization' }],
        status: 'UNAUTHENTICATED',
      },
    },
    { 'WWW-Authenticate': 'Bearer realm="https://accounts.google.com/"' },
  );
}

/** The bearer token of a request (`Authorization: Bearer x`), if any. */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m?.[1];
}
