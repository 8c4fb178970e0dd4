/** Loads the trial rows a report covers from a run store, with clear errors for empty stores and empty filters. */
import { DeskbenchError } from '../harness/core/index.ts';
import type { RunStore, TrialAggregates, TrialRow } from '../harness/store/index.ts';
import { describeFilter, storeFilter, type ReportFilter } from './filter.ts';

/** Reads the rows selected by run ids and filter (infra-error rows included; stats exclude them). For the HTML site's trajectory picks. */
export function loadRows(store: RunStore, runIds: readonly string[], filter: ReportFilter): TrialRow[] {
  for (const id of runIds) store.getRun(id); // names an unknown run id with a hint
  const rows = store.listTrials(storeFilter(filter, runIds));
  if (rows.length > 0) return rows;
  return nothingMatches(store, runIds, filter);
}

/** Sums the selected trials in SQL (what `buildReport` reads): memory flat in the number of trials. */
export function loadAggregates(store: RunStore, runIds: readonly string[], filter: ReportFilter): TrialAggregates {
  for (const id of runIds) store.getRun(id);
  const agg = store.aggregateTrials(storeFilter(filter, runIds));
  if (agg.groups.length > 0) return agg;
  return nothingMatches(store, runIds, filter);
}

/** The error for an empty selection: an empty store, or a filter nothing matches. */
function nothingMatches(store: RunStore, runIds: readonly string[], filter: ReportFilter): never {
  if (!store.hasTrials()) {
    throw new DeskbenchError('E_USAGE', `the run store ${store.path} has no trials yet`, {
      hint: 'run some trials first, e.g. `deskbench run --agent oracle`, or point --db at another store',
    });
  }
  throw new DeskbenchError('E_USAGE', `no stored trial matches ${runIds.length ? `--run ${runIds.join(' ')} ` : ''}--filter ${describeFilter(filter)}`, {
    hint: 'list what is stored with `deskbench runs`; filter values must match exactly (model, condition, task ids)',
  });
}
