/**
 * Google resumable upload sessions (`uploadType=resumable`): the store of open sessions,
 * bounded per trial in number and bytes and expiring after a TTL, and the chunk protocol
 * (`Content-Range`, 308 Resume Incomplete) of Drive's "Upload file data" guide.
 *
 * The TTL runs on the server's wall clock, not a trial's workspace clock: sessions are
 * server memory, not trial state (nothing in a trial's diff, hash or replay depends on
 * them); a trial's clock only moves when it makes calls, so workspace time would never free
 * the sessions of a trial that stalled; and Google's own session URIs expire in real time
 * (after a week; here after an hour, ample for one agent step between opening a session and
 * sending its bytes, and short enough to bound what an abandoned run holds).
 */
import { randomBytes } from 'node:crypto';
import type { Operation } from '../../core/index.ts';
import type { ServedTrial } from './trials.ts';

/** Limits of resumable sessions. */
export const UPLOAD_LIMITS = {
  /** Open sessions one trial may hold; opening one more drops its oldest (which then answers 404, as an expired one). */
  maxSessionsPerTrial: 10,
  /** Bytes (metadata plus chunks received) one trial's sessions may hold together, 64 MiB (the largest request body). */
  maxBytesPerTrial: 64 * 1024 * 1024,
  /** Wall time after which an unfinished session is gone (404). */
  ttlMs: 60 * 60 * 1000,
} as const;

/** A resumable upload session opened by `uploadType=resumable`, waiting for its bytes. */
export interface UploadSession {
  readonly id: string;
  readonly trial: ServedTrial;
  readonly op: Operation;
  readonly args: Record<string, unknown>;
  /** `X-Upload-Content-Type` of the opening request, if given. */
  readonly mimeType: string | undefined;
  /** Size of the metadata kept with the session. */
  readonly metaBytes: number;
  /** Chunks received so far (Content-Range uploads), in order. */
  readonly chunks: Buffer[];
  received: number;
  /** Total size, once a chunk or the opening request (`X-Upload-Content-Length`) declared it. */
  total: number | undefined;
  /** Wall-clock ms when the session opened. */
  readonly openedAt: number;
}

/** Why a session cannot be used. */
export type SessionProblem = 'gone' | 'tooLarge';

/**
 * The open sessions of one server. Every access first drops what expired or belongs to a
 * trial the server no longer serves, so memory never holds more than the per-trial caps
 * allow for the trials being served.
 */
export class UploadSessions {
  private readonly sessions = new Map<string, UploadSession>();
  private readonly clock: () => number;

  constructor(clock: () => number = () => performance.now()) {
    this.clock = clock;
  }

  /** Opens a session; the trial's oldest sessions make room when it is at its caps. */
  open(trial: ServedTrial, op: Operation, args: Record<string, unknown>, mimeType: string | undefined, metaBytes: number, declaredTotal: number | undefined): UploadSession {
    this.sweep();
    const mine = this.ofTrial(trial.trialId);
    while (mine.length > 0 && (mine.length >= UPLOAD_LIMITS.maxSessionsPerTrial || bytesOf(mine) + metaBytes > UPLOAD_LIMITS.maxBytesPerTrial)) {
      this.sessions.delete(mine.shift()!.id);
    }
    const s: UploadSession = {
      id: randomBytes(16).toString('base64url'), trial, op, args, mimeType, metaBytes, chunks: [], received: 0,
      total: declaredTotal, openedAt: this.clock(),
    };
    this.sessions.set(s.id, s);
    return s;
  }

  /** A live session by id, or undefined when unknown, expired or its trial is gone. */
  get(id: string, isServed: (trialId: string) => boolean): UploadSession | undefined {
    this.sweep(isServed);
    return this.sessions.get(id);
  }

  /**
   * Adds a chunk; other sessions of the trial make room when the trial would pass its byte
   * cap. A session that alone would pass it is closed: 'tooLarge'.
   */
  append(s: UploadSession, chunk: Buffer): SessionProblem | undefined {
    if (s.metaBytes + s.received + chunk.length > UPLOAD_LIMITS.maxBytesPerTrial) {
      this.close(s.id);
      return 'tooLarge';
    }
    const others = this.ofTrial(s.trial.trialId).filter((x) => x.id !== s.id);
    while (others.length > 0 && bytesOf(others) + s.metaBytes + s.received + chunk.length > UPLOAD_LIMITS.maxBytesPerTrial) {
      this.sessions.delete(others.shift()!.id);
    }
    if (chunk.length > 0) s.chunks.push(chunk);
    s.received += chunk.length;
    return undefined;
  }

  /** Ends a session (finished, failed or abandoned). */
  close(id: string): void {
    this.sessions.delete(id);
  }

  /** Drops expired sessions and those of trials no longer served. */
  sweep(isServed?: (trialId: string) => boolean): void {
    const now = this.clock();
    for (const [id, s] of this.sessions) {
      if (now - s.openedAt > UPLOAD_LIMITS.ttlMs || (isServed && !isServed(s.trial.trialId))) this.sessions.delete(id);
    }
  }

  /** Open sessions and the bytes they hold, for one trial (tests, diagnostics). */
  usage(trialId: string): { sessions: number; bytes: number } {
    const mine = this.ofTrial(trialId);
    return { sessions: mine.length, bytes: bytesOf(mine) };
  }

  /** Sessions of a trial, oldest first. */
  private ofTrial(trialId: string): UploadSession[] {
    return [...this.sessions.values()].filter((s) => s.trial.trialId === trialId).sort((a, b) => a.openedAt - b.openedAt);
  }
}

function bytesOf(list: readonly UploadSession[]): number {
  return list.reduce((n, s) => n + s.metaBytes + s.received, 0);
}

/** A parsed `Content-Range` of a resumable PUT: `bytes a-b/T`, `bytes a-b/*`, `bytes *\/T`, `bytes *\/*`. */
export type ContentRange = { kind: 'chunk'; first: number; last: number; total: number | undefined } | { kind: 'status'; total: number | undefined };

/** Parses a Content-Range header; undefined when absent, 'invalid' when malformed. */
export function parseContentRange(header: string | undefined): ContentRange | 'invalid' | undefined {
  if (header === undefined || header === '') return undefined;
  const m = /^bytes (?:(\d{1,15})-(\d{1,15})|\*)\/(\d{1,15}|\*)$/.exec(header.trim());
  if (!m) return 'invalid';
  const total = m[3] === '*' ? undefined : Number(m[3]);
  if (m[1] === undefined) return { kind: 'status', total };
  const first = Number(m[1]);
  const last = Number(m[2]);
  if (last < first || (total !== undefined && last >= total)) return 'invalid';
  return { kind: 'chunk', first, last, total };
}
