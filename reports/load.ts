/** Loads the trial rows a report covers from a run store, with clear errors for empty stores and empty filters. */
import { DeskbenchError } from '../harness/core/index.ts';
import type { RunStore, TrialRow } from '../harness/store/index.ts';
import { describeFilter, matchesRest, storeFilter, type ReportFilter } from './filter.ts';

/** Reads the rows selected by run ids and filter (infra-error rows included; stats exclude them). */
export function loadRows(store: RunStore, runIds: readonly string[], filter: ReportFilter): TrialRow[] {
  for (const id of runIds) store.getRun(id); // names an unknown run id with a hint
  const rows = store.listTrials(storeFilter(filter, runIds)).filter((r) => matchesRest(filter, r));
  if (rows.length > 0) return rows;
  if (store.listRuns().length === 0 || store.listTrials({ includeInfraErrors: true }).length === 0) {
    throw new DeskbenchError('E_USAGE', `the run store ${store.path} has no trials yet`, {
      hint: 'run some trials first, e.g. `deskbench run --agent oracle`, or point --db at another store',
    });
  }
  throw new DeskbenchError('E_USAGE', `no stored trial matches ${runIds.length ? `--run ${runIds.join(' ')} ` : ''}--filter ${describeFilter(filter)}`, {
    hint: 'list what is stored with `deskbench runs`; filter values must match exactly (model, condition, task ids)',
  });
}
