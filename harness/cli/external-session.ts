/**
 * What `serve --task` and `mcp --task` share: the storing flags, the task's seeded trial and
 * its announcement, and how the trial ends (graded, the grade printed, then stored). One
 * code path, so a trial stored by either command is the same kind of record.
 */
import { DeskbenchError, isDeskbenchError, type Condition, type Task } from '../core/index.ts';
import type { WorkspaceAnnouncement } from '../runner/announcement.ts';
import type { ExternalFace, ExternalTrial } from '../runner/external-trial.ts';
import type { TrialAgentIdentity } from '../runner/trial-record.ts';
import type { RunStore } from '../store/index.ts';
import { exitCodeFor, EXIT } from './exit-codes.ts';

/** The flags that say whether and where the trial is stored, under which agent. */
export interface StoringFlags {
  readonly db?: string;
  readonly agentName?: string;
  readonly model?: string;
  readonly harness?: string;
}

/** Where and as whom a trial is stored. */
export interface Storing {
  readonly dbPath: string;
  readonly agent: TrialAgentIdentity;
}

/**
 * Reads the storing flags: the trial is stored when `--agent-name` is given (in `--db`,
 * else $DESKBENCH_DB, else ./deskbench.db). `--db`, `--model` or `--harness` without
 * `--agent-name` is a usage error: a stored trial must say whose it is.
 */
export async function storingFrom(f: StoringFlags, face: ExternalFace, mailHelpers: boolean): Promise<Storing | undefined> {
  if (f.agentName === undefined) {
    const stray = f.db !== undefined ? '--db' : f.model !== undefined ? '--model' : f.harness !== undefined ? '--harness' : undefined;
    if (stray) throw new DeskbenchError('E_USAGE', `${stray} is for storing the trial: name its agent with --agent-name`, { hint: 'e.g. --agent-name my-agent --db runs.db' });
    return undefined;
  }
  const [{ externalIdentity }, { resolveStorePath }] = await Promise.all([import('../runner/external-trial.ts'), import('../store/index.ts')]);
  return {
    agent: externalIdentity({ agentName: f.agentName, ...(f.model !== undefined ? { model: f.model } : {}), ...(f.harness !== undefined ? { harness: f.harness } : {}), face, mailHelpers }),
    dbPath: resolveStorePath(f.db),
  };
}

/** One external trial being served. */
export interface ExternalSession {
  readonly task: Task;
  readonly trial: ExternalTrial;
  readonly principal: string;
  readonly announcement: WorkspaceAnnouncement;
  /**
   * Ends the trial: grades it, writes the grade with `write` (one JSON line with `json`),
   * then stores it when storing was asked for. Returns the exit code: 0, or the store's
   * (3) when storing failed, after the grade was written. The store is closed.
   */
  finish(o: { write: (text: string) => void; json: boolean }): Promise<number>;
  /** Closes the store without storing (the command failed before the trial ran). */
  abandon(): void;
}

/**
 * Opens the store first (a store that cannot be written fails now, exit 3, before any agent
 * works), then seeds the task on the company's base workspace and creates its trial.
 */
export async function openExternalSession(o: {
  readonly taskId: string;
  readonly seed: number;
  /** Haystack size of the base workspace (`--scale`; 1 when absent). */
  readonly scale?: number;
  readonly condition: Condition;
  readonly face: ExternalFace;
  readonly toolProfile?: 'discover' | 'typed';
  readonly mailHelpers?: boolean;
  readonly storing: Storing | undefined;
}): Promise<ExternalSession> {
  // Loaded on use: the company data and the suite are this command's work, not the CLI's start-up.
  const [{ openRunStore }, { baseWorkspace, companyFor }, { TASKS }, { selectTasks }, { seedTask }, { ExternalTrial }, { announceWorkspace }] = await Promise.all([
    import('../store/index.ts'), import('../../datasets/base-workspace.ts'), import('../../tasks/index.ts'), import('./options.ts'),
    import('../runner/seeded-task.ts'), import('../runner/external-trial.ts'), import('../runner/announcement.ts'),
  ]);
  const [task] = selectTasks(TASKS, { ids: [o.taskId] });
  let store: RunStore | undefined = o.storing ? openRunStore(o.storing.dbPath) : undefined;
  try {
    const seeded = seedTask(task!, baseWorkspace(o.seed, o.scale ?? 1), o.seed);
    const principal = companyFor(o.seed).owner.email;
    const trial = new ExternalTrial({
      task: task!, seeded, seed: o.seed, ...(o.scale !== undefined ? { scale: o.scale } : {}), condition: o.condition, auth: { principal, tokenKind: 'user' }, face: o.face,
      ...(o.toolProfile ? { toolProfile: o.toolProfile } : {}), mailHelpers: o.mailHelpers ?? false,
    });
    const announcement = announceWorkspace(trial.ws, principal, task!.services);
    return {
      task: task!, trial, principal, announcement,
      abandon: () => store?.close(),
      finish: async ({ write, json }) => {
        const [{ makeGrader }, { storeExternalTrial }, { HARNESS_VERSION }] = await Promise.all([
          import('../runner/grader.ts'), import('../runner/external-trial.ts'), import('../version.ts'),
        ]);
        const exec = await trial.end({ grade: makeGrader() });
        const score = exec.score;
        if (json) {
          write(`${JSON.stringify({ task: task!.id, actions: exec.actions.length, termination: exec.termination, score, finalMessage: exec.finalMessage, ...(exec.error ? { error: exec.error } : {}) })}\n`);
        } else {
          const lines = [`${task!.id}: score ${score ? score.score : '-'} after ${exec.actions.length} call(s)${exec.error ? ` (${exec.error})` : ''}`];
          for (const c of score?.checks ?? []) lines.push(`  ${c.passed ? '✓' : '✗'} ${c.weight.toFixed(2)} ${c.description}`);
          for (const v of score?.violations ?? []) lines.push(`  ⚠ ${v.rule} [${v.category}]: ${v.detail}`);
          for (const p of score?.penalties ?? []) lines.push(`  − ${p.id} ${p.amount}: ${p.detail}`);
          lines.push(exec.finalMessage === null ? '  (no final message)' : `  final message: ${exec.finalMessage.slice(0, 300)}${exec.finalMessage.length > 300 ? '…' : ''}`);
          write(`\n${lines.join('\n')}\n`);
        }
        if (!store || !o.storing) return EXIT.OK;
        try {
          const stored = storeExternalTrial(store, trial, exec, { agent: o.storing.agent, harnessVersion: HARNESS_VERSION });
          write(json
            ? `${JSON.stringify({ stored: { runId: stored.runId, trialId: stored.trialId, db: store.path, agent: o.storing.agent.name } })}\n`
            : `stored trial ${stored.trialId} in run ${stored.runId} (store: ${store.path}); see it with: deskbench show ${stored.trialId}\n`);
          return EXIT.OK;
        } catch (e) {
          if (!isDeskbenchError(e)) throw e;
          process.stderr.write(`deskbench: the trial was graded (above) but not stored: ${e.message}${e.hint ? `\n  hint: ${e.hint}` : ''}\n`);
          return exitCodeFor(e.code);
        } finally {
          store.close();
          store = undefined;
        }
      },
    };
  } catch (e) {
    store?.close();
    throw e;
  }
}
