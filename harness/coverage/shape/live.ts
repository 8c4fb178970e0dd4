/**
 * Runs the shape adapters against a live workplace server on 127.0.0.1 serving one trial
 * workspace, with the official Google clients pointed at it (retries off, no token refresh,
 * any `*.googleapis.com` URL redirected to the server, so nothing leaves the machine).
 */
import { gmail, auth as googleAuth, type gmail_v1 } from '@googleapis/gmail';
import { calendar, type calendar_v3 } from '@googleapis/calendar';
import { drive, type drive_v3 } from '@googleapis/drive';
import { docs, type docs_v1 } from '@googleapis/docs';
import { LogLevel, WebClient, type Logger } from '@slack/web-api';
import type { Workspace } from '../../core/index.ts';
import { startWorkplaceServer } from '../../services/http/index.ts';
import { calendarAdapter } from './calendar.ts';
import { docsAdapter } from './docs.ts';
import { driveAdapter } from './drive.ts';
import { gmailAdapter } from './gmail.ts';
import { runShapes } from './run.ts';
import { runSlackShapes } from './slack/run.ts';
import type { ShapeResult } from './types.ts';

type Adapter = (options: { url: URL | string }, next: (options: never) => Promise<unknown>) => Promise<unknown>;

/** Sends any Google URL to `origin` (media uploads ignore the per-API rootUrl). */
function redirect(origin: string): Adapter {
  const target = new URL(origin);
  return (options, next) => {
    const u = new URL(String(options.url));
    if (u.hostname === 'googleapis.com' || u.hostname.endsWith('.googleapis.com')) {
      u.protocol = target.protocol;
      u.host = target.host;
      options.url = typeof options.url === 'string' ? u.href : u;
    }
    return next(options as never);
  };
}

/** The WebClient logs every error answer; error probes expect them, so nothing is printed. */
const QUIET: Logger = { debug() {}, info() {}, warn() {}, error() {}, setLevel() {}, getLevel: () => LogLevel.ERROR, setName() {} };

/** The APIs whose shapes this module checks, in the order they run. */
export const SHAPE_APIS = ['gmail', 'calendar', 'drive', 'docs', 'slack'] as const;

/** Checks the response shapes of every adapter against `ws`, served for `principal`. */
export async function checkShapes(ws: Workspace, principal: string): Promise<ShapeResult[]> {
  const server = await startWorkplaceServer({ onInternalError: () => undefined });
  try {
    const { userToken, botToken } = server.addTrial(ws, { principal });
    const oauth = new googleAuth.OAuth2();
    oauth.setCredentials({ access_token: userToken });
    const common = { rootUrl: `${server.url}/`, auth: oauth, retry: false, adapter: redirect(server.url) } as const;
    const g = gmail({ version: 'v1', ...common } as gmail_v1.Options);
    const c = calendar({ version: 'v3', ...common } as calendar_v3.Options);
    const d = drive({ version: 'v3', ...common } as drive_v3.Options);
    const dc = docs({ version: 'v1', ...common } as docs_v1.Options);
    const google = [await runShapes(gmailAdapter(principal), g), await runShapes(calendarAdapter(principal), c), await runShapes(driveAdapter(principal, ws), d), await runShapes(docsAdapter(principal), dc)];
    // Slack: the official WebClient with the user and the bot token (no retries; rate limits reject at once).
    const slack = (token: string) => new WebClient(token, { slackApiUrl: `${server.url}/api/`, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, logger: QUIET });
    return [...google, await runSlackShapes({ slack: slack(userToken), slackBot: slack(botToken), ws, userToken })];
  } finally {
    await server.close();
  }
}
