/** `deskbench verify`: re-execute and re-grade every trial of a submission (a file or a published Hub dataset). */
import type { Command } from 'commander';
import { DeskbenchError } from '../../core/index.ts';
import { TASKS } from '../../../tasks/index.ts';
import { openRunStore, resolveStorePath } from '../../store/index.ts';
import { readSubmissionFile } from '../../submit/read.ts';
import { storeVerifiedSubmission, type StoredSubmission } from '../../submit/store-verified.ts';
import { verifySubmission, type SubmissionReport } from '../../submit/verify.ts';
import type { SubmissionManifest } from '../../submit/manifest.ts';
import { hubOptions, type HubFlags } from '../../publish/hub-config.ts';
import { fetchSubmissions } from '../../publish/pull.ts';
import { EXIT } from '../exit-codes.ts';
import { action } from '../action.ts';

interface VerifyFlags extends HubFlags {
  repo?: string;
  into?: string;
  json?: boolean;
}

/** The per-trial table a person reads. */
export function verdictTable(r: SubmissionReport): string {
  const rows = r.trials.map((t) => [t.status, t.taskId, t.agent, t.claimedScore === null ? '–' : String(t.claimedScore), t.score ? String(t.score.score) : '–', t.detail]);
  const head = ['status', 'task', 'agent', 'claimed', 'replayed', 'detail'];
  const widths = head.map((h, i) => Math.min(48, Math.max(h.length, ...rows.map((row) => row[i]!.length))));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.slice(0, widths[i]).padEnd(widths[i]!))).join('  ');
  const counts = Object.entries(r.counts).filter(([, n]) => n > 0).map(([k, n]) => `${n} ${k.replace(/_/g, ' ')}`).join(', ');
  return [
    `submission ${r.runId} (${r.contentHash})${r.sealIntact ? '' : '  CONTENT HASH MISMATCH: edited after submit'}`,
    line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line), '', `${r.trials.length} trials: ${counts || 'none'}`,
  ].join('\n');
}

/** Registers `verify`. */
export function register(program: Command): void {
  program
    .command('verify')
    .description('re-execute every trial of a submission in a fresh workspace, re-grade it with the current graders, and report mismatches per trial')
    .argument('[submission]', 'a manifest file written by `deskbench submit`')
    .option('--repo <owner/name>', 'verify the submissions of a published Hub dataset instead of a file')
    .option('--into <db>', 'store the trials: verified ones marked verified (ranked), the rest marked unverified (shown, never ranked)')
    .option('--hub-url <url>', 'Hub endpoint (default $HF_ENDPOINT or https://huggingface.co)')
    .option('--revision <rev>', 'dataset revision to read (default main)')
    .option('--json', 'print the verdicts as JSON')
    .addHelpText('after', `
Each trial's action log is replayed on its task's seeded workspace: every call must give
the recorded outcome, the final state must hash to the recorded final-state hash, and the
score comes from re-grading with this build's graders. Verdicts per trial:
  verified              the replay reproduces it (its score: the replay's)
  score mismatch        the claimed score is not what the log scores with the same grader
  state mismatch        the log does not produce the recorded final state
  action mismatch       a replayed call did not give the recorded outcome (an edited action)
  unknown task version  the task or its version is not in this suite
  foreign               not a trial of the submitted run (another run's id, key or seed)
  unverifiable          nothing to replay (an infrastructure error)
A manifest edited after \`submit\` fails its content hash; --into then stores nothing.

Exit codes: 0 every trial verified, 1 some trial did not, 2 bad input, 3 store error,
4 the Hub failed.

Examples:
  deskbench verify model-a.submission.json
  deskbench verify model-a.submission.json --into leaderboard.db --json
  deskbench verify --repo acme/deskbench-results --into leaderboard.db
  deskbench report --db leaderboard.db          (ranks verified entries only)`)
    .action(action(async (file: string | undefined, f: VerifyFlags) => {
      if (!file === !f.repo) throw new DeskbenchError('E_USAGE', 'give a submission file or --repo <owner/name>, not both and not neither');
      const manifests: Array<{ source: string; m: SubmissionManifest }> = file
        ? [{ source: file, m: readSubmissionFile(file) }]
        : await fetchSubmissions(f.repo!, hubOptions(f, { needToken: false }), (line) => process.stderr.write(`${line}\n`));
      if (manifests.length === 0) throw new DeskbenchError('E_USAGE', `${f.repo} holds no submissions (submissions/*.json)`, { hint: 'publish one with `deskbench publish --repo ...`' });
      const reports: Array<{ source: string; report: SubmissionReport; stored?: StoredSubmission }> = [];
      const store = f.into ? openRunStore(resolveStorePath(f.into)) : undefined;
      try {
        for (const { source, m } of manifests) {
          const report = await verifySubmission(m, TASKS, f.json ? undefined : (v, i, n) => {
            if (process.stderr.isTTY) process.stderr.write(`\rverifying ${m.run.runId}: ${i}/${n}`);
          });
          if (!f.json && process.stderr.isTTY) process.stderr.write('\n');
          const stored = store ? storeVerifiedSubmission(store, m, report, TASKS) : undefined;
          reports.push({ source, report, ...(stored ? { stored } : {}) });
        }
      } finally {
        store?.close();
      }
      if (f.json) process.stdout.write(`${JSON.stringify(reports.map(({ source, report, stored }) => ({ source, ...report, ...(stored ? { stored } : {}) })), null, 2)}\n`);
      else {
        for (const { source, report, stored } of reports) {
          process.stdout.write(`${source}\n${verdictTable(report)}\n`);
          if (stored) process.stdout.write(`stored into ${f.into} as run ${stored.runId}: ${stored.verified} verified, ${stored.unverified} unverified, ${stored.skipped} already there\n`);
        }
      }
      const clean = reports.every(({ report }) => report.sealIntact && report.counts.verified === report.trials.length);
      return clean ? EXIT.OK : EXIT.FAILURES;
    }));
}
