/** `deskbench show`: a readable transcript of one trial with its actions and score. */
import type { Command } from 'commander';
import type { TrialRecord } from '../../store/index.ts';
import { openRunStore, resolveStorePath } from '../../store/index.ts';
import { action } from '../action.ts';
import { formatScore } from '../summary-table.ts';

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}… (${s.length - n} more chars)` : s);

/** Renders a trial as text: header, steps, actions, rubric. */
export function renderTranscript(t: TrialRecord, opts: { full?: boolean } = {}): string {
  const max = opts.full ? Infinity : 600;
  const out: string[] = [];
  const s = t.score;
  out.push(`trial ${t.trialId}  (run ${t.runId})`);
  out.push(`task ${t.taskId} v${t.taskVersion}  agent ${t.agent}  model ${t.model}  condition ${t.condition}  repeat ${t.repeat}`);
  out.push(`status ${t.status}  termination ${t.termination}  score ${s ? formatScore(s.score) : '-'}  duration ${t.durationMs} ms  attempts ${t.attempts}`);
  out.push(`tokens in ${t.usage.inputTokens} out ${t.usage.outputTokens} cached ${t.usage.cachedTokens}  cost ${t.usage.costUsd === null ? 'unknown' : `$${t.usage.costUsd.toFixed(4)}`}`);
  if (t.error) out.push(`error: ${t.error}`);
  out.push('', '── transcript ──');
  for (const st of t.steps) {
    const who = st.role === 'tool' ? `tool${st.isError ? ' (error)' : ''}` : st.role;
    if (st.content) out.push(`[${st.index}] ${who}: ${clip(st.content, max)}`);
    for (const c of st.toolCalls ?? []) out.push(`[${st.index}] ${who} calls ${c.name} ${clip(JSON.stringify(c.arguments), max)}`);
  }
  out.push('', '── actions ──');
  if (t.actions.length === 0) out.push('(none)');
  for (const a of t.actions) {
    const mark = a.kind === 'escalation' ? '!' : a.write ? 'W' : 'R';
    out.push(`#${a.seq} ${mark} ${a.op} → ${a.outcome}${a.changes ? `  (${a.changes.map((c) => c.ref).join(', ')})` : ''}`);
  }
  if (s) {
    out.push('', '── rubric ──');
    for (const c of s.checks) out.push(`${c.passed ? '✓' : '✗'} ${c.weight.toFixed(2)}  ${c.description}${c.detail ? ` — ${c.detail}` : ''}`);
    for (const v of s.violations) out.push(`⚠ violation ${v.rule} [${v.category}]: ${v.detail}${v.actionSeq ? ` (action #${v.actionSeq})` : ''}`);
    for (const p of s.penalties) out.push(`− penalty ${p.id} −${formatScore(p.amount)}: ${p.detail}`);
    for (const f of s.flags) out.push(`• flag ${f.detector} [${f.category}]: ${f.detail}`);
    out.push(`score ${formatScore(s.score)}${s.noAction ? ' (no state-changing action)' : ''}`);
  }
  if (t.finalMessage) out.push('', '── final message ──', clip(t.finalMessage, max));
  return out.join('\n');
}

/** Registers `deskbench show`. */
export function register(program: Command): void {
  program
    .command('show <trial-id>')
    .description('print a readable transcript of one trial (a unique id prefix is enough)')
    .option('--db <path>', 'run store file (default ./deskbench.db or $DESKBENCH_DB)')
    .option('--full', 'do not shorten long messages')
    .option('--json', 'print the whole stored trial as JSON')
    .addHelpText('after', `
Examples:
  deskbench runs --trials <run-id>     find trial ids
  deskbench show 3f2a9c                one trial's transcript
  deskbench show 3f2a9c --json | jq '.score.checks'`)
    .action(
      action((id: string, f: { db?: string; full?: boolean; json?: boolean }) => {
        const store = openRunStore(resolveStorePath(f.db), { create: false, readonly: 'if-unwritable' });
        try {
          const t = store.getTrial(id);
          process.stdout.write(f.json ? `${JSON.stringify(t, null, 2)}\n` : `${renderTranscript(t, f)}\n`);
        } finally {
          store.close();
        }
      }),
    );
}
