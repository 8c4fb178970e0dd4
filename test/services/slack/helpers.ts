/** Test helpers for the slack service: a trial over the base workspace and a one-line invoke. */
import { expect } from 'vitest';
import type { TokenKind, Workspace } from '../../../harness/core/index.ts';
import { createWorkspace } from '../../../harness/services/workspace.ts';
import { baseWorkspace, companyFor } from '../../../datasets/base-workspace.ts';
import { COL, type SlackChannel } from '../../../harness/services/slack/model.ts';

/** The base company's owner (the acting user). */
export const company = companyFor();
export const owner = company.owner;

/** A fresh trial workspace over the shared base. */
export function trial(): Workspace {
  return createWorkspace(baseWorkspace());
}

/** Calls a Slack method as the owner (user token) or the bot; returns the invoke result. */
export function call(ws: Workspace, method: string, args: Record<string, unknown> = {}, token: TokenKind = 'user') {
  return ws.invoke(`slack.${method}`, args, { face: 'tool', auth: { principal: owner.email, tokenKind: token } });
}

/** Calls and expects success; returns the payload. */
export function ok(ws: Workspace, method: string, args: Record<string, unknown> = {}, token: TokenKind = 'user'): any {
  const r = call(ws, method, args, token);
  if (!r.ok) throw new Error(`${method} failed: ${r.error.reason} ${JSON.stringify(r.error.extra ?? {})}`);
  return r.value;
}

/** Calls and expects a Slack error; returns the error string. */
export function err(ws: Workspace, method: string, args: Record<string, unknown> = {}, token: TokenKind = 'user'): string {
  const r = call(ws, method, args, token);
  expect(r.ok, `${method} should fail`).toBe(false);
  return r.ok ? '' : r.error.reason;
}

/** A channel of the base workspace by name. */
export function channel(ws: Workspace, name: string): SlackChannel {
  const ch = [...ws.collection<SlackChannel>(COL.channels).values()].find((c) => c.name === name);
  if (!ch) throw new Error(`no channel ${name}`);
  return ch;
}
