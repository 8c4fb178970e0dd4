/** Writes stored trials as ATIF files and imports ATIF files into a store (the logic behind `export` and `import`). */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DeskbenchError, hexId, isServiceId, parseConditionName, type ServiceId, type ToolSpec } from '../../core/index.ts';
import type { RunStore, TrialRecord } from '../../store/index.ts';
import { createEmptyWorkspace } from '../../services/workspace.ts';
import { HARNESS_VERSION } from '../../version.ts';
import { buildAgentTools, type ToolProfile } from '../tools/index.ts';
import { fromAtif, toAtif } from './convert.ts';
import { DEFAULT_ATIF_VERSION, type AtifWriteVersion } from './schema.ts';
import { validateAtif } from './validate.ts';

/** The run id that imported trajectories are stored under. */
export const IMPORTED_RUN_ID = 'imported';

/**
 * The tool specs a trial's agent saw: rebuilt from its services, condition, the run's tool
 * profile and whether the mail helpers were on (a harness label ending in `+mail`: `deskbench+mail`, `mcp+mail`).
 */
export function toolSpecsFor(trial: TrialRecord, profile: ToolProfile, mailHelpers = trial.harness.endsWith('+mail')): ToolSpec[] {
  const services = trial.services.filter(isServiceId) as ServiceId[];
  const condition = parseConditionName(trial.condition) ?? { skills: trial.skills, meta: trial.meta };
  const tools = buildAgentTools({ ws: createEmptyWorkspace(), services, profile, condition, auth: { principal: 'owner@example.com', tokenKind: 'user' }, mailHelpers });
  return [...tools.specs];
}

/** Largest trajectory file read (a long trial with big tool outputs stays far below it). */
export const MAX_ATIF_FILE_BYTES = 256 * 1024 * 1024;

/** The ids of the trials an export covers: one trial, one run, or every stored trial. */
export function selectTrialIds(store: RunStore, o: { runId?: string; trialId?: string }): string[] {
  return o.trialId
    ? [store.getTrial(o.trialId).trialId]
    : store.listTrials({ ...(o.runId ? { runIds: [store.getRun(o.runId).runId] } : {}), includeInfraErrors: true }).map((r) => r.trialId);
}

/** The tool profile a trial's run used (imported trials: the default). */
export function profileFor(store: RunStore, trial: TrialRecord, cache = new Map<string, ToolProfile>()): ToolProfile {
  let profile = cache.get(trial.runId);
  if (!profile) {
    const spec = trial.runId === IMPORTED_RUN_ID ? {} : store.getRun(trial.runId).spec;
    profile = spec.toolProfile === 'typed' ? 'typed' : 'discover';
    cache.set(trial.runId, profile);
  }
  return profile;
}

/** One trial as the ATIF document `export` writes, validated against the version's schema first. */
export function trialToAtifJson(store: RunStore, trial: TrialRecord, version: AtifWriteVersion, profiles?: Map<string, ToolProfile>): string {
  const atif = toAtif(trial, toolSpecsFor(trial, profileFor(store, trial, profiles)), version);
  try {
    validateAtif(JSON.parse(JSON.stringify(atif)), `trial ${trial.trialId}`);
  } catch (e) {
    throw new DeskbenchError('E_INTERNAL', `trial ${trial.trialId} exported to invalid ATIF-v${version}: ${(e as Error).message}`);
  }
  return `${JSON.stringify(atif, null, 2)}\n`;
}

/**
 * Exports trials (one run, one trial, or all) to `<outDir>/<trialId>.json` as ATIF of
 * `version` (default 1.7); each is validated against that version's schema first. Returns the paths.
 */
export function exportAtif(store: RunStore, o: { runId?: string; trialId?: string; outDir: string; version?: AtifWriteVersion }): string[] {
  const ids = selectTrialIds(store, o);
  mkdirSync(o.outDir, { recursive: true });
  const profiles = new Map<string, ToolProfile>();
  const paths: string[] = [];
  for (const id of ids) {
    const trial = store.getTrial(id);
    const path = join(resolve(o.outDir), `${trial.trialId}.json`);
    writeFileSync(path, trialToAtifJson(store, trial, o.version ?? DEFAULT_ATIF_VERSION, profiles));
    paths.push(path);
  }
  return paths;
}

/** Outcome of importing one file. */
export interface ImportResult {
  readonly file: string;
  readonly trialId: string;
  readonly status: 'imported' | 'skipped';
  /** True when replaying its action log reproduced it (its score is the replay's); false: stored as unverified, never ranked. */
  readonly verified?: boolean;
  /** Why it could not be verified, or that its score was re-graded. */
  readonly note?: string;
}

/** A verifier's verdict on one imported trial (the runner's replay and re-grade; see harness/runner/verify-trial.ts). */
export type ImportVerdict =
  | { readonly verified: true; readonly score: TrialRecord['score']; readonly changed: boolean }
  | { readonly verified: false; readonly reason: string; readonly tampered?: true };

function ensureImportedRun(store: RunStore): void {
  try {
    store.getRun(IMPORTED_RUN_ID);
  } catch {
    store.createRun({
      runId: IMPORTED_RUN_ID, createdAt: new Date().toISOString(), spec: { imported: true }, harnessVersion: HARNESS_VERSION,
      suiteHash: 'imported', seed: 0, shard: null, plannedTrials: 0,
    });
  }
}

/** Reads and validates one ATIF file; DeskbenchError('E_IMPORT') names the file and the field. */
export function readAtifFile(file: string): TrialRecord {
  let json: unknown;
  try {
    const size = statSync(file).size;
    if (size > MAX_ATIF_FILE_BYTES) throw new Error(`${size} bytes is more than the ${MAX_ATIF_FILE_BYTES} a trajectory file may have`);
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new DeskbenchError('E_IMPORT', `${file}: cannot read JSON: ${(e as Error).message}`, { hint: 'give ATIF trajectory files (deskbench export --format atif writes them)' });
  }
  return fromAtif(json, file);
}

/**
 * Imports ATIF files as trials of the run `imported` (created on first use). Every file
 * is validated before anything is stored, so one bad file stores nothing. The trial key
 * is `<original run>|<original key>` (or the session id for foreign files); a key already
 * imported is skipped, so importing twice is harmless.
 */
export async function importAtif(
  store: RunStore, files: readonly string[], verify?: (rec: TrialRecord) => Promise<ImportVerdict>,
): Promise<ImportResult[]> {
  const records = files.map((f) => ({ file: f, rec: readAtifFile(f) }));
  // Every file is verified before anything is stored: one edited trajectory stops the whole import.
  const verdicts: ImportVerdict[] = [];
  for (const { file, rec } of records) {
    const v: ImportVerdict = verify ? await verify(rec) : { verified: false, reason: 'not verified' };
    if (!v.verified && v.tampered) {
      throw new DeskbenchError('E_IMPORT', `${file}: ${v.reason}; an edited trajectory is not imported`, { hint: 'import the file as deskbench exported it, or run the agent again' });
    }
    verdicts.push(v);
  }
  ensureImportedRun(store);
  const done = store.scoredTrialKeys(IMPORTED_RUN_ID);
  const out: ImportResult[] = [];
  records.forEach(({ file, rec }, i) => {
    const key = rec.runId === IMPORTED_RUN_ID ? rec.trialKey : `${rec.runId}|${rec.trialKey}`;
    const trialId = rec.runId === IMPORTED_RUN_ID ? rec.trialId : hexId(`${IMPORTED_RUN_ID}|${key}`, 0, 20);
    if (done.has(key)) {
      out.push({ file, trialId, status: 'skipped' });
      return;
    }
    const v = verdicts[i]!;
    const stored: TrialRecord = v.verified ? { ...rec, score: v.score, verified: true } : { ...rec, verified: false };
    store.saveTrial({ ...stored, runId: IMPORTED_RUN_ID, trialId, trialKey: key });
    if (rec.status === 'scored') done.add(key);
    out.push({
      file, trialId, status: 'imported', verified: v.verified,
      ...(v.verified ? (v.changed ? { note: 're-graded with the current graders' } : {}) : { note: v.reason }),
    });
  });
  return out;
}
