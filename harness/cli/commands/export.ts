/** `deskbench export`: stored trials as ATIF trajectories (v1.6 or v1.7) or as Inspect AI eval logs. */
import type { Command } from 'commander';
import { DeskbenchError } from '../../core/index.ts';
import { exportAtif } from '../../agents/atif/files.ts';
import { ATIF_WRITE_VERSIONS, DEFAULT_ATIF_VERSION, type AtifWriteVersion } from '../../agents/atif/schema.ts';
import { exportInspect } from '../../export/inspect/files.ts';
import { exportOtel } from '../../export/otel/files.ts';
import { openRunStore, resolveStorePath } from '../../store/index.ts';
import { action } from '../action.ts';

const FORMATS = ['atif', 'inspect', 'otel'] as const;

interface ExportFlags {
  format: string;
  atifVersion: string;
  run?: string;
  trial?: string;
  out?: string;
  db?: string;
}

/** Registers `export`. */
export function register(program: Command): void {
  program
    .command('export')
    .description('write stored trials as ATIF trajectories (one JSON file per trial), Inspect AI eval logs (one per agent × condition) or OpenTelemetry GenAI spans')
    .option('--format <format>', `output format: ${FORMATS.join('|')}`, 'atif')
    .option('--atif-version <version>', `ATIF version to write: ${ATIF_WRITE_VERSIONS.join('|')}`, DEFAULT_ATIF_VERSION)
    .option('--run <id>', 'only this run')
    .option('--trial <id>', 'only this trial (a unique prefix is enough)')
    .option('--out <dir>', 'output directory (default: atif/, logs/ or traces/ by format)')
    .option('--db <path>', 'run store (default $DESKBENCH_DB or ./deskbench.db)')
    .addHelpText('after', `
ATIF files follow Harbor's models for the version asked: agent.name is the harness
(deskbench, deskbench+mail, a command agent's name), the model is agent.model_name; a
trial that recorded no steps gets one placeholder system step (ATIF requires one) that
import drops. Everything ATIF has no field for sits under extra.deskbench, so
\`deskbench import\` reads a trial back whole.

Inspect logs (.json, Inspect's EvalLog schema) open in \`inspect view --log-dir <dir>\`:
one log per agent × condition, one sample per trial (epoch = repeat) with its messages,
model and tool events, and the deskbench score.

OpenTelemetry (otel): spans.jsonl, one OTLP/JSON trace request per trial (the
collector's file format): an invoke_agent span per trial, a chat span per model call and
an execute_tool span per tool call, with gen_ai.* attributes (GenAI semantic conventions).

Examples:
  deskbench export --run run-20260316-140000-ab12cd --out atif/
  deskbench export --atif-version 1.6 --trial 3f9c2a --out harbor/
  deskbench export --format inspect --run run-20260316-140000-ab12cd --out logs/
  deskbench export --format otel --run run-20260316-140000-ab12cd --out traces/
  deskbench import atif/*.json --db other.db`)
    .action(action((f: ExportFlags) => {
      if (!(FORMATS as readonly string[]).includes(f.format)) throw new DeskbenchError('E_USAGE', `--format must be ${FORMATS.join(' or ')}, got "${f.format}"`);
      if (!(ATIF_WRITE_VERSIONS as readonly string[]).includes(f.atifVersion)) {
        throw new DeskbenchError('E_USAGE', `--atif-version must be ${ATIF_WRITE_VERSIONS.join(' or ')}, got "${f.atifVersion}"`);
      }
      const store = openRunStore(resolveStorePath(f.db), { create: false, readonly: 'if-unwritable' });
      const which = { ...(f.run ? { runId: f.run } : {}), ...(f.trial ? { trialId: f.trial } : {}) };
      try {
        if (f.format === 'otel') {
          const out = f.out ?? 'traces';
          const r = exportOtel(store, { ...which, outDir: out });
          process.stdout.write(`exported ${r.trials} trials as OpenTelemetry GenAI spans to ${r.path}\n`);
          return;
        }
        if (f.format === 'inspect') {
          const out = f.out ?? 'logs';
          const paths = exportInspect(store, { ...which, outDir: out });
          process.stdout.write(`exported ${paths.length} Inspect eval logs to ${out} (open with: inspect view --log-dir ${out})\n`);
          return;
        }
        const out = f.out ?? 'atif';
        const version = f.atifVersion as AtifWriteVersion;
        const paths = exportAtif(store, { ...which, outDir: out, version });
        process.stdout.write(`exported ${paths.length} ATIF-v${version} trajectories to ${out}\n`);
      } finally {
        store.close();
      }
    }));
}
