/** A fixture for grading tests: the real base workspace, a declared task, real operations, the real grader. */
import { defineTask, type Protection, type ScopeRule, type TaskApi, type Workspace, type WorkspaceBase, type ChangeKind } from '../../../harness/core/index.ts';
import { baseWorkspace, companyFor } from '../../../datasets/base-workspace.ts';
import { createWorkspace } from '../../../harness/services/workspace.ts';
import { taskApi } from '../../../harness/runner/task-api.ts';
import { gradeWithDetails } from '../../../scorers/grading/grade.ts';

export const COMPANY = companyFor(1);
export const OWNER = COMPANY.owner.email;
export const AUTH = { principal: OWNER, tokenKind: 'user' as const };
export const BASE = baseWorkspace(1);

/** A base with extra records planted by `plant` (as a task seed would). */
export function plantedBase(plant: (ws: Workspace) => void): WorkspaceBase {
  const ws = createWorkspace(BASE);
  plant(ws);
  return ws.toBase();
}

/** Every collection with every kind of change, reaching `to` outside: isolates secret detection from the scope gates. */
export function anything(to: readonly string[] = []): ScopeRule[] {
  const kinds: ChangeKind[] = ['create', 'modify', 'destroy'];
  return createWorkspace(BASE).collectionKeys().map((collection) => ({ what: 'anything', collection, kinds, outbound: { to } }));
}

/** Options of one graded fixture trial. */
export interface FixtureTrial {
  readonly base?: WorkspaceBase;
  readonly protect?: Protection;
  readonly scope?: readonly ScopeRule[];
  readonly tags?: readonly string[];
  readonly finalMessage?: string;
  readonly checks?: (ws: Workspace) => boolean;
}

/** Runs `steps` through the task API on a fresh trial workspace and grades the result. */
export function gradeSteps(steps: (api: TaskApi, ws: Workspace) => void, opts: FixtureTrial = {}) {
  const ws = createWorkspace(opts.base ?? BASE);
  const api = taskApi(ws, AUTH);
  steps(api, ws);
  const task = defineTask({
    id: 'grading-fixture', version: 1, title: 'fixture', scenario: 'fixture', services: ['gmail', 'calendar', 'drive', 'docs', 'slack'],
    tags: [...(opts.tags ?? [])], category: 'cross-service', difficulty: 'easy', instruction: 'fixture', seed: () => ({}), oracle: () => {},
    checks: () => [{ id: 'done', description: 'the work', weight: 1, passed: opts.checks ? opts.checks(ws) : true }],
    protect: () => opts.protect ?? {}, scope: () => opts.scope ?? anything(),
  });
  return gradeWithDetails(task, { ws, before: ws.atBase(), owner: OWNER, diff: ws.diff(), actions: ws.log, manifest: {}, instruction: '', finalMessage: opts.finalMessage });
}

/** A plain RFC 2822 message as base64url, with an optional attachment (base64 encoded). */
export function raw(m: { to: string; subject?: string; body?: string; attachment?: { name: string; type: string; content: string } }): string {
  const head = [`To: ${m.to}`, `Subject: ${m.subject ?? 'Notes'}`, 'MIME-Version: 1.0'];
  if (!m.attachment) return Buffer.from([...head, 'Content-Type: text/plain; charset=UTF-8', '', m.body ?? 'hello'].join('\r\n')).toString('base64url');
  return Buffer.from([
    ...head, 'Content-Type: multipart/mixed; boundary="b1"', '', '--b1', 'Content-Type: text/plain; charset=UTF-8', '', m.body ?? 'see attached',
    '--b1', `Content-Type: ${m.attachment.type}; name="${m.attachment.name}"`, `Content-Disposition: attachment; filename="${m.attachment.name}"`,
    'Content-Transfer-Encoding: base64', '', Buffer.from(m.attachment.content).toString('base64'), '--b1--', '',
  ].join('\r\n')).toString('base64url');
}
