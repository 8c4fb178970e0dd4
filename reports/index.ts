/** Reports: leaderboard statistics with honest uncertainty, and renderers (table, markdown, CSV, JSON, static HTML). */
export { buildReport, REPORT_DEFAULTS, type ReportOptions } from './build-report.ts';
export { parseFilter, describeFilter, FILTER_KEYS, type ReportFilter } from './filter.ts';
export { loadAggregates, loadRows } from './load.ts';
export { pairsFromTasks, type PairMembership } from './stats/attack-pairs.ts';
export { Report, REPORT_SCHEMA_ID } from './report-schema.ts';
export { renderTable } from './render/table.ts';
export { renderMarkdown } from './render/markdown.ts';
export { renderCsv } from './render/csv.ts';
export { renderJson } from './render/json.ts';
export { writeSite } from './render/html/site.ts';
