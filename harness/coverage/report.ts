/** The coverage report: implemented operations against the official client method lists. */
import { SERVICE_IDS, type Operation, type ServiceId } from '../core/index.ts';

/** Coverage of one method list. */
export interface CoverageCount {
  readonly implemented: number;
  readonly total: number;
  /** Official methods with no operation. */
  readonly missing: readonly string[];
}

/** Coverage of one API. */
export interface ApiCoverage extends CoverageCount {
  readonly service: ServiceId;
  /** Operation ids that match no official method (typos, or client helpers): should be empty. */
  readonly unknown: readonly string[];
}

/** The whole report. */
export interface CoverageReport {
  readonly versions: Readonly<Record<string, string>>;
  readonly apis: readonly ApiCoverage[];
  /** Slack without the 96-odd `admin.*` (Enterprise Grid) methods: the Slack headline. */
  readonly slackNonAdmin: CoverageCount;
  /** Docs `batchUpdate` request kinds (fields of `Schema$Request`). */
  readonly docsRequestKinds: CoverageCount & { readonly unknown: readonly string[] };
}

/** Inputs of the report, gathered by the caller (so the comparison is testable without the clients). */
export interface CoverageInputs {
  readonly operations: Iterable<Operation>;
  readonly official: Readonly<Record<ServiceId, readonly string[]>>;
  readonly docsKindsTotal: readonly string[];
  readonly docsKindsImplemented: readonly string[];
  readonly versions?: Readonly<Record<string, string>>;
}

function count(all: readonly string[], have: ReadonlySet<string>): CoverageCount {
  const missing = all.filter((m) => !have.has(m));
  return { implemented: all.length - missing.length, total: all.length, missing };
}

/** Compares operation ids (service prefix stripped) with the official method paths. */
export function coverageReport(inputs: CoverageInputs): CoverageReport {
  const byService = new Map<ServiceId, Set<string>>(SERVICE_IDS.map((s) => [s, new Set<string>()]));
  for (const op of inputs.operations) if (!op.transport) byService.get(op.service)?.add(op.id.slice(op.service.length + 1));
  const apis = SERVICE_IDS.map((service): ApiCoverage => {
    const have = byService.get(service)!;
    const official = inputs.official[service];
    const known = new Set(official);
    return { service, ...count(official, have), unknown: [...have].filter((m) => !known.has(m)).sort() };
  });
  const slack = inputs.official.slack.filter((m) => !m.startsWith('admin.'));
  const kindsHave = new Set(inputs.docsKindsImplemented);
  const kindsKnown = new Set(inputs.docsKindsTotal);
  return {
    versions: inputs.versions ?? {},
    apis,
    slackNonAdmin: count(slack, byService.get('slack')!),
    docsRequestKinds: {
      ...count(inputs.docsKindsTotal, kindsHave),
      unknown: [...kindsHave].filter((k) => !kindsKnown.has(k)).sort(),
    },
  };
}

function pct(c: CoverageCount): string {
  return c.total === 0 ? '  -' : `${Math.round((100 * c.implemented) / c.total)}%`.padStart(4);
}

/** Human-readable table. */
export function renderCoverage(r: CoverageReport): string {
  const lines = ['API            implemented / total'];
  for (const a of r.apis) {
    if (a.service === 'slack') {
      const s = r.slackNonAdmin;
      lines.push(`${'slack'.padEnd(14)} ${String(s.implemented).padStart(5)} / ${String(s.total).padEnd(5)} ${pct(s)}   (admin.* excluded; ${a.implemented} / ${a.total} with them)`);
    } else {
      lines.push(`${a.service.padEnd(14)} ${String(a.implemented).padStart(5)} / ${String(a.total).padEnd(5)} ${pct(a)}`);
    }
  }
  const k = r.docsRequestKinds;
  lines.push(`${'docs requests'.padEnd(14)} ${String(k.implemented).padStart(5)} / ${String(k.total).padEnd(5)} ${pct(k)}   (batchUpdate request kinds)`);
  const unknown = r.apis.flatMap((a) => a.unknown.map((m) => `${a.service}.${m}`)).concat(k.unknown.map((m) => `docs request ${m}`));
  if (unknown.length > 0) lines.push('', `Not in the official clients (check the spelling): ${unknown.join(', ')}`);
  const versions = Object.entries(r.versions).map(([n, v]) => `${n}@${v}`).join(', ');
  if (versions) lines.push('', `Counted against ${versions}.`);
  lines.push('Run with --json for the lists of missing methods.');
  return lines.join('\n');
}
