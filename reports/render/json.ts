/** JSON output: the Report object as documented in docs/report-json.md (validated by reports/report-schema.ts). */
import type { Report } from '../report-schema.ts';

/** Renders the report as pretty-printed JSON. */
export function renderJson(r: Report): string {
  return `${JSON.stringify(r, null, 2)}\n`;
}
