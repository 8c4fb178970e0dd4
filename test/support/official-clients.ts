/** Official Google and Slack clients wired to a local deskbench server (no network, no retries, no token refresh). */
import { gmail, auth as googleAuth, type gmail_v1 } from '@googleapis/gmail';
import { calendar, type calendar_v3 } from '@googleapis/calendar';
import { drive, type drive_v3 } from '@googleapis/drive';
import { docs, type docs_v1 } from '@googleapis/docs';
import { WebClient } from '@slack/web-api';

/** The four official Google API clients. */
export interface GoogleClients {
  readonly gmail: gmail_v1.Gmail;
  readonly calendar: calendar_v3.Calendar;
  readonly drive: drive_v3.Drive;
  readonly docs: docs_v1.Docs;
}

type Adapter = (options: { url: URL | string }, defaultAdapter: (options: never) => Promise<unknown>) => Promise<unknown>;

/**
 * A gaxios adapter that sends any `*.googleapis.com` URL to the local server. It fixes
 * media uploads, whose `mediaUrl` ignores the per-API `rootUrl` (wire-apis.md §0 item 2),
 * and guarantees nothing escapes to the real Google.
 */
export function googleRedirectAdapter(origin: string): Adapter {
  const target = new URL(origin);
  return (options, defaultAdapter) => {
    const u = new URL(String(options.url));
    if (u.hostname === 'googleapis.com' || u.hostname.endsWith('.googleapis.com')) {
      u.protocol = target.protocol;
      u.host = target.host;
      options.url = typeof options.url === 'string' ? u.href : u;
    }
    return defaultAdapter(options as never);
  };
}

/**
 * Google clients for `origin` (`http://127.0.0.1:PORT`), authenticated with a bare
 * access token (no refresh token, so a 401 never triggers a refresh against Google).
 * Retries are off so a server bug fails a test at once instead of after 2 s of backoff.
 */
export function googleClients(origin: string, accessToken: string): GoogleClients {
  const oauth = new googleAuth.OAuth2();
  oauth.setCredentials({ access_token: accessToken });
  const common = { rootUrl: `${origin}/`, auth: oauth, retry: false, adapter: googleRedirectAdapter(origin) } as const;
  return {
    gmail: gmail({ version: 'v1', ...common } as gmail_v1.Options),
    calendar: calendar({ version: 'v3', ...common } as calendar_v3.Options),
    drive: drive({ version: 'v3', ...common } as drive_v3.Options),
    docs: docs({ version: 'v1', ...common } as docs_v1.Options),
  };
}

/** A Slack WebClient for `origin` with no retries and rate-limited calls rejected at once. */
export function slackClient(origin: string, token: string): WebClient {
  return new WebClient(token, {
    slackApiUrl: `${origin}/api/`,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  });
}
