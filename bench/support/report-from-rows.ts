/** The report built the way it was before aggregates: every trial row read into memory, then summed (bench/report-scale.ts compares the two). */
import { openRunStore } from '../../harness/store/index.ts';
import { buildReport, loadRows, renderJson } from '../../reports/index.ts';

const db = process.argv[2];
if (!db) throw new Error('usage: report-from-rows.ts <store>');
const store = openRunStore(db, { create: false });
const rows = loadRows(store, [], {});
store.close();
process.stdout.write(`${renderJson(buildReport(rows, { db: 'bench', runs: [], filter: {}, resamples: 10_000, seed: 1 })).length} bytes\n`);
