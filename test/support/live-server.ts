/**
 * A live deskbench server on 127.0.0.1 with official clients wired to it, for
 * conformance tests.
 *
 * ```ts
 * import { startLiveServer, type LiveServer } from '../support/live-server.ts';
 * let live: LiveServer;
 * beforeAll(async () => { live = await startLiveServer(); });   // or { base: baseWorkspace() }
 * afterAll(() => live.close());
 * it('lists labels', async () => {
 *   const { data } = await live.gmail.users.labels.list({ userId: 'me' });
 *   expect(live.ws.log.at(-1)?.op).toBe('gmail.users.labels.list');
 * });
 * ```
 *
 * API (kept stable; every conformance test depends on it):
 * - `startLiveServer(opts?)`: `opts.ws` (a Workspace to serve), else `opts.base` (a
 *   WorkspaceBase → createWorkspace(base)), else createEmptyWorkspace(). `opts.principal`
 *   is the acting user's email (default: the base company's owner, i.e.
 *   companyFor(DEFAULT_SEED).owner.email, also exported as `ownerEmail()`). `opts.operations` overrides the routed
 *   operations (default: the workspace's own operations). `opts.onInternalError`
 *   receives harness bugs (a handler threw a non-ApiError) instead of stderr.
 * - Returns `LiveServer`: `url` (origin, no trailing slash), `ws`, `trialId`,
 *   `userToken` (Google bearer + Slack xoxp), `botToken` (Slack xoxb), `adminToken`,
 *   `principal`, official clients `gmail`, `calendar`, `drive`, `docs` (@googleapis/*,
 *   uploads redirected to the mock, retries off), `slack` (WebClient, user token),
 *   `slackBot` (WebClient, bot token), `fetch(path, init?)` (raw HTTP with the user
 *   token unless `init.headers.authorization` is given), `admin(path, init?)` (raw HTTP
 *   with the admin token; `?trial=` added), `server` (the WorkplaceServer, to add more
 *   trials), and `close()`.
 * - Media uploads: just pass `media` to the client call (`drive.files.create({requestBody,
 *   media:{mimeType, body}})`); the redirect adapter sends it to the mock.
 * - Errors: Google calls reject with GaxiosError (`err.status`, `err.response.data.error`);
 *   Slack calls reject with `code: 'slack_webapi_platform_error'` and `err.data.error`.
 */
import type { WebClient } from '@slack/web-api';
import type { Operation, Workspace, WorkspaceBase } from '../../harness/core/index.ts';
import { startWorkplaceServer, type WorkplaceServer } from '../../harness/services/http/index.ts';
import { createEmptyWorkspace, createWorkspace } from '../../harness/services/workspace.ts';
import { generateCompany } from '../../datasets/company/company.ts';
import { googleClients, slackClient, type GoogleClients } from './official-clients.ts';

/** Options of `startLiveServer`. */
export interface LiveServerOptions {
  readonly ws?: Workspace;
  readonly base?: WorkspaceBase;
  readonly principal?: string;
  readonly operations?: Iterable<Operation>;
  /** Told about harness bugs (handler threw a non-ApiError); default prints to stderr. */
  readonly onInternalError?: (error: unknown, where: string) => void;
}

/** A running server with one trial and official clients pointed at it. */
export interface LiveServer extends GoogleClients {
  readonly url: string;
  readonly ws: Workspace;
  readonly trialId: string;
  readonly userToken: string;
  readonly botToken: string;
  readonly adminToken: string;
  readonly principal: string;
  readonly slack: WebClient;
  readonly slackBot: WebClient;
  readonly server: WorkplaceServer;
  /** Raw request with the user token (override with an `authorization` header). */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** Raw admin request for this trial (`/_admin/state`, `/_admin/diff`, …). */
  admin(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

let defaultPrincipal: string | undefined;

/**
 * The base company's owner email for the default seed (1, datasets/base-workspace.ts
 * DEFAULT_SEED). Imports only the company module, so tests do not depend on every
 * service's data generator loading.
 */
export function ownerEmail(): string {
  defaultPrincipal ??= generateCompany(1).owner.email;
  return defaultPrincipal;
}

/** Starts a server on 127.0.0.1:0 serving one trial; see the module header. */
export async function startLiveServer(opts: LiveServerOptions = {}): Promise<LiveServer> {
  const ws = opts.ws ?? (opts.base ? createWorkspace(opts.base) : createEmptyWorkspace());
  const principal = opts.principal ?? ownerEmail();
  const server = await startWorkplaceServer({
    operations: opts.operations ?? ws.operations(),
    ...(opts.onInternalError ? { onInternalError: opts.onInternalError } : {}),
  });
  const { trialId, userToken, botToken } = server.addTrial(ws, { principal });
  const url = server.url;
  const withAuth = (token: string, init: RequestInit = {}): RequestInit => {
    const headers = new Headers(init.headers);
    if (!headers.has('authorization')) headers.set('authorization', `Bearer ${token}`);
    return { ...init, headers };
  };
  return {
    url, ws, trialId, userToken, botToken, principal, server,
    adminToken: server.adminToken,
    ...googleClients(url, userToken),
    slack: slackClient(url, userToken),
    slackBot: slackClient(url, botToken),
    fetch: (path, init) => fetch(`${url}${path}`, withAuth(userToken, init)),
    admin: (path, init) => {
      const sep = path.includes('?') ? '&' : '?';
      return fetch(`${url}${path}${sep}trial=${encodeURIComponent(trialId)}`, withAuth(server.adminToken, init));
    },
    close: () => server.close(),
  };
}
