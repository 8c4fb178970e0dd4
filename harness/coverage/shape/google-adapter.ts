/**
 * Plumbing shared by the Google adapters: official clients pointed at a local server, a
 * probe result from a gaxios answer or error, and the error-envelope check with each API's
 * dialect (the Google wire kit's data).
 */
import { GOOGLE_DIALECTS, type GoogleApi } from '../../services/google/dialects.ts';
import { checkGoogleError } from './check.ts';
import type { Expectation, ProbeResponse, ViewSpec } from './types.ts';

/** Runs a client call and returns its status and body, errors included (never throws for an HTTP error). */
export async function gaxios(p: Promise<{ status: number; data: unknown }>): Promise<ProbeResponse> {
  try {
    const r = await p;
    return { status: r.status, data: r.data };
  } catch (e) {
    const err = e as { status?: number; response?: { status?: number; data?: unknown } };
    if (err.response?.status !== undefined) return { status: err.response.status, data: err.response.data };
    throw e;
  }
}

/** The error check of a Google API: the kit's envelope with the API's dialect. */
export function googleErrorCheck(api: GoogleApi): (status: number, body: unknown, want: { status: number; reason?: string; location?: string }) => string[] {
  const withStatus = GOOGLE_DIALECTS[api].errors.status;
  return (status, body, want) => checkGoogleError(body, status, want, withStatus).problems.map((p) => `${p.path}: ${p.problem}`);
}

/** Expectation helpers. */
export const expectView = (view: ViewSpec): Expectation => ({ kind: 'view', view });
export const expectEmpty: Expectation = { kind: 'empty' };
export const expectError = (status: number, reason?: string, location?: string): Expectation => ({
  kind: 'error', status, ...(reason ? { reason } : {}), ...(location ? { location } : {}),
});
