/** `deskbench coverage`: implemented operations against the official client method lists. */
import type { Command } from 'commander';
import { DeskbenchError } from '../../core/index.ts';
import { OPERATIONS } from '../../services/registry.ts';
import { DOCS_REQUEST_KINDS } from '../../services/docs/request-kinds.ts';
import { coverageReport, renderCoverage } from '../../coverage/report.ts';
import { renderShapeResults } from '../../coverage/shape/run.ts';
import type { ShapeResult } from '../../coverage/shape/types.ts';
import { createWorkspace } from '../../services/workspace.ts';
import { action } from '../action.ts';

async function coverage(opts: { json?: boolean; shapes?: boolean }): Promise<number> {
  // The official clients are dev dependencies: load them only when this command runs.
  let clients: typeof import('../../coverage/client-methods.ts');
  try {
    clients = await import('../../coverage/client-methods.ts');
  } catch (e) {
    throw new DeskbenchError('E_CONFIG', 'the official clients (@googleapis/*, @slack/web-api) are not installed.', {
      hint: 'run `npm install` including dev dependencies in the deskbench checkout',
      cause: e,
    });
  }
  const report = coverageReport({
    operations: OPERATIONS.values(),
    official: clients.officialMethods(),
    docsKindsTotal: clients.docsRequestKinds(),
    docsKindsImplemented: DOCS_REQUEST_KINDS,
    versions: clients.clientVersions(),
  });
  // Shape conformance calls every probed method through the official clients against a
  // local server on the base workspace (a few seconds); --no-shapes skips it.
  let shapes: ShapeResult[] | undefined;
  if (opts.shapes !== false) {
    const [{ checkShapes }, data] = await Promise.all([import('../../coverage/shape/live.ts'), import('../../../datasets/base-workspace.ts')]);
    shapes = await checkShapes(createWorkspace(data.baseWorkspace(data.DEFAULT_SEED)), data.companyFor(data.DEFAULT_SEED).owner.email);
  }
  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ ...report, ...(shapes ? { shapes } : {}) }, null, 2)}\n`);
  } else {
    process.stdout.write(`${renderCoverage(report)}\n`);
    if (shapes) {
      process.stdout.write(`\nResponse shapes (every field the real resource carries, with its JSON type; errors in the API's envelope):\n${renderShapeResults(shapes)}\n`);
      for (const r of shapes) for (const d of r.divergences.slice(0, 20)) process.stdout.write(`  ${r.api} ${d.method} ${d.path}: ${d.problem}\n`);
    }
  }
  return 0;
}

/** Registers `deskbench coverage`. */
export function register(program: Command): void {
  program
    .command('coverage')
    .description('Count implemented API methods against the official Google and Slack clients')
    .option('--json', 'print the full report (with the lists of missing methods and shape divergences) as JSON')
    .option('--no-shapes', 'skip the response-shape check (methods only; no server is started)')
    .addHelpText(
      'after',
      `
Examples:
  $ deskbench coverage                  # implemented / total per API, then response-shape conformance
  $ deskbench coverage --no-shapes      # method counts only
  $ deskbench coverage --json | jq '.apis[] | {service, missing}'
  $ deskbench coverage --json | jq '.shapes[] | {api, fieldsChecked, fieldsConforming, divergences}'

Totals come from walking the installed @googleapis/* and @slack/web-api clients; Slack's
headline leaves out admin.* (Enterprise Grid) methods; Docs also counts batchUpdate request kinds.
Shapes: each probed method is called through the official client against a local server on
the base workspace; field types come from the clients' Schema$ typings (Slack: the
@slack/web-api response types), which fields a view always returns from the API reference
(harness/coverage/shape/<api>.ts, Slack's in harness/coverage/shape/slack/). Slack probes
every implemented method, so its count is of implemented methods, not of the whole API.`,
    )
    .action(action((opts: { json?: boolean; shapes?: boolean }) => coverage(opts)));
}
