/** The trials one server serves: each trial's workspace, tokens, principal and named snapshots. */
import { randomBytes } from 'node:crypto';
import type { ApiError, Operation, TokenKind, Workspace, WorkspaceSnapshot } from '../../core/index.ts';
import { googleError, slackError } from '../wire-errors.ts';

/** Options of one trial on the server. */
export interface TrialOptions {
  /** Email of the acting user (Google `me`, the Slack user behind both tokens). */
  readonly principal?: string;
  /** Fixed trial id (default: `t1`, `t2`, … in order of addition). */
  readonly trialId?: string;
  /**
   * The services the trial's task offers. Calls to an operation of any other service are
   * refused without running and logged, as the in-process tool face refuses them
   * (default: every service is served).
   */
  readonly services?: readonly string[];
  /** Receives the final message the agent hands in with `POST /_deskbench/finish` (the route answers 404 without it). */
  readonly onFinish?: (message: string) => void;
  /** What `GET /_deskbench/trial` tells the agent about its trial (the clock, the time zone, the services). */
  readonly announcement?: unknown;
}

/** Tokens handed out for one trial. `userToken` works for Google and as the Slack user token. */
export interface TrialTokens {
  readonly trialId: string;
  /** `xoxp-…`: Google `Authorization: Bearer` and Slack user token. */
  readonly userToken: string;
  /** `xoxb-…`: Slack bot token. */
  readonly botToken: string;
}

/** One served trial. */
export interface ServedTrial extends TrialTokens {
  readonly ws: Workspace;
  readonly principal: string;
  readonly snapshots: Map<string, WorkspaceSnapshot>;
  /** The services offered (undefined: all). */
  readonly services: ReadonlySet<string> | undefined;
  readonly onFinish: ((message: string) => void) | undefined;
  readonly announcement: unknown;
}

/** Who a bearer token belongs to. */
export interface TokenOwner {
  readonly trial: ServedTrial;
  readonly kind: TokenKind;
}

/** Principal used when a trial gives none. */
export const DEFAULT_PRINCIPAL = 'owner@corvidlabs.com';

/** Registry of trials and their tokens. Tokens are random: they are secrets, not state. */
export class TrialRegistry {
  private readonly trials = new Map<string, ServedTrial>();
  private readonly tokens = new Map<string, TokenOwner>();
  private counter = 0;

  add(ws: Workspace, opts: TrialOptions = {}): ServedTrial {
    const trialId = opts.trialId ?? `t${++this.counter}`;
    if (this.trials.has(trialId)) throw new Error(`trial ${trialId} is already served`);
    const secret = () => randomBytes(18).toString('base64url');
    const trial: ServedTrial = {
      trialId,
      userToken: `xoxp-${trialId}-${secret()}`,
      botToken: `xoxb-${trialId}-${secret()}`,
      ws,
      principal: opts.principal ?? DEFAULT_PRINCIPAL,
      snapshots: new Map(),
      services: opts.services ? new Set(opts.services) : undefined,
      onFinish: opts.onFinish,
      announcement: opts.announcement,
    };
    this.trials.set(trialId, trial);
    this.tokens.set(trial.userToken, { trial, kind: 'user' });
    this.tokens.set(trial.botToken, { trial, kind: 'bot' });
    return trial;
  }

  remove(trialId: string): boolean {
    const t = this.trials.get(trialId);
    if (!t) return false;
    this.trials.delete(trialId);
    this.tokens.delete(t.userToken);
    this.tokens.delete(t.botToken);
    return true;
  }

  get(trialId: string): ServedTrial | undefined {
    return this.trials.get(trialId);
  }

  byToken(token: string | undefined): TokenOwner | undefined {
    return token ? this.tokens.get(token) : undefined;
  }

  list(): ServedTrial[] {
    return [...this.trials.values()];
  }

  get size(): number {
    return this.trials.size;
  }
}

/**
 * The rule of the in-process tool face, on the wire: a call to an operation of a service the
 * trial's task does not offer is refused before anything runs, and logged with its arguments
 * and write flag (a refused leak still counts as an attempt). Google answers 403
 * `accessNotConfigured` (what its APIs answer for an API the project has not enabled),
 * Slack `access_denied`. Undefined when the call may go ahead.
 */
export function refuseOutsideServices(trial: ServedTrial, op: Operation, args: unknown): ApiError | undefined {
  if (!trial.services || trial.services.has(op.service)) return undefined;
  const offered = [...trial.services].join(', ');
  trial.ws.logRejected(op.id, 'http', `${op.service} is not offered in this task`, { args, write: op.kind === 'write' });
  return op.style === 'slack'
    ? slackError('access_denied')
    : googleError(403, 'accessNotConfigured', `The ${op.service} API is not enabled for this workspace: this task offers ${offered}.`);
}
