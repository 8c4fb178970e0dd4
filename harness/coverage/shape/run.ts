/**
 * The one shape runner: calls every probe of an API adapter, in order (probes share a
 * `state` of ids they created), and checks each answer against its expectation. Adapters
 * (gmail.ts, calendar.ts, drive.ts; Docs and Slack plug in the same way) say what to call and
 * what the real API returns; the runner counts methods, field checks and divergences.
 */
import { checkView } from './check.ts';
import type { ApiAdapter, Divergence, ProbeResponse, ShapeResult } from './types.ts';

/** Runs an adapter's probes against clients pointed at a live server. */
export async function runShapes<C>(adapter: ApiAdapter<C>, clients: C): Promise<ShapeResult> {
  const state: Record<string, string> = {};
  const divergences: Divergence[] = [];
  let checked = 0;
  let conforming = 0;
  const methods = new Set<string>();
  for (const probe of adapter.probes) {
    methods.add(probe.method);
    const label = probe.what ? `${probe.method} (${probe.what})` : probe.method;
    let res: ProbeResponse;
    try {
      res = await probe.call(clients, state);
    } catch (e) {
      checked++;
      divergences.push({ method: label, path: '(call)', problem: `the call threw: ${e instanceof Error ? e.message : String(e)}` });
      continue;
    }
    const want = probe.expect;
    let outcome: { checked: number; conforming: number; problems: Array<{ path: string; problem: string }> };
    if (want.kind === 'error') {
      outcome = { checked: 0, conforming: 0, problems: [] };
      const problems = adapter.checkError(res.status, res.data, want);
      // Each envelope element is one check; checkError reports how many failed.
      const total = Math.max(problems.length, ERROR_CHECKS + (want.location !== undefined ? LOCATION_CHECKS : 0));
      outcome.checked = total;
      outcome.conforming = total - problems.length;
      outcome.problems = problems.map((p) => ({ path: '$.error', problem: p }));
    } else if (res.status >= 400) {
      outcome = { checked: 1, conforming: 0, problems: [{ path: 'HTTP status', problem: `expected success, got ${res.status}: ${JSON.stringify(res.data).slice(0, 300)}` }] };
    } else if (want.kind === 'empty') {
      const empty = res.data === '' || res.data === undefined || res.data === null;
      outcome = empty ? { checked: 1, conforming: 1, problems: [] } : { checked: 1, conforming: 0, problems: [{ path: '$', problem: 'expected an empty body (204)' }] };
    } else if (want.kind === 'bytes') {
      outcome = { checked: 1, conforming: 1, problems: [] };
    } else {
      outcome = checkView(res.data, want.view, adapter.schemas);
    }
    checked += outcome.checked;
    conforming += outcome.conforming;
    for (const p of outcome.problems) divergences.push({ method: label, path: p.path, problem: p.problem });
  }
  return { api: adapter.api, methods: methods.size, probes: adapter.probes.length, fieldsChecked: checked, fieldsConforming: conforming, divergences };
}

/** Field checks an error envelope counts for (status, code, message, errors[].message/domain/reason, status presence). */
const ERROR_CHECKS = 7;
/** Extra checks when a probe names the parameter the error points at (location, locationType). */
const LOCATION_CHECKS = 2;

/** One line per API: methods, field checks and conformance. */
export function renderShapeResults(results: readonly ShapeResult[]): string {
  const lines = ['API        methods  probes  fields checked  conforming'];
  for (const r of results) {
    const pct = r.fieldsChecked === 0 ? '-' : `${((100 * r.fieldsConforming) / r.fieldsChecked).toFixed(1)}%`;
    lines.push(`${r.api.padEnd(10)} ${String(r.methods).padStart(7)} ${String(r.probes).padStart(7)} ${String(r.fieldsChecked).padStart(15)}  ${pct.padStart(10)}`);
  }
  return lines.join('\n');
}
