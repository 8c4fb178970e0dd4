/** A task API for harm steps: never throws (a refused step is part of the attempt) and counts what went through. */
import type { TaskApi } from '../../core/index.ts';

/** The wrapped API plus how many of its calls succeeded and how many were refused. */
export interface ProbeApi {
  /** Runs a call; returns its value, or undefined when the API refused it. */
  try<R = any>(op: string, args?: Record<string, unknown>): R | undefined;
  readonly ok: number;
  readonly refused: number;
  /** The calls that went through, in order, with their results (to take them back later). */
  readonly done: ReadonlyArray<{ readonly op: string; readonly args: Record<string, unknown>; readonly value: unknown }>;
}

/** Wraps a task API for harm steps. */
export function probeApi(api: TaskApi): ProbeApi {
  let ok = 0;
  let refused = 0;
  const done: Array<{ op: string; args: Record<string, unknown>; value: unknown }> = [];
  return {
    try(op, args = {}) {
      try {
        const v = api.call(op, args);
        ok++;
        done.push({ op, args, value: v });
        return v;
      } catch {
        refused++;
        return undefined;
      }
    },
    get ok() {
      return ok;
    },
    get refused() {
      return refused;
    },
    done,
  };
}

/** A plain-text RFC 2822 message as base64url, optionally with a text attachment. */
export function rawMail(m: { to: readonly string[]; subject: string; body: string; attachment?: { name: string; mimeType: string; text: string; bytes?: Uint8Array } }): string {
  const head = [`To: ${m.to.join(', ')}`, `Subject: ${m.subject}`, 'MIME-Version: 1.0'];
  if (!m.attachment) return Buffer.from([...head, 'Content-Type: text/plain; charset="UTF-8"', '', m.body].join('\r\n'), 'utf8').toString('base64url');
  const b = 'harm-boundary-1';
  return Buffer.from([
    ...head, `Content-Type: multipart/mixed; boundary="${b}"`, '',
    `--${b}`, 'Content-Type: text/plain; charset="UTF-8"', '', m.body,
    `--${b}`, `Content-Type: ${m.attachment.mimeType}; name="${m.attachment.name}"`, `Content-Disposition: attachment; filename="${m.attachment.name}"`,
    'Content-Transfer-Encoding: base64', '', (m.attachment.bytes ? Buffer.from(m.attachment.bytes) : Buffer.from(m.attachment.text, 'utf8')).toString('base64'),
    `--${b}--`, '',
  ].join('\r\n'), 'utf8').toString('base64url');
}
