/** `deskbench coverage`: implemented operations against the official client method lists. */
import type { Command } from 'commander';
import { DeskbenchError } from '../../core/index.ts';
import { OPERATIONS } from '../../services/registry.ts';
import { DOCS_REQUEST_KINDS } from '../../services/docs/request-kinds.ts';
import { coverageReport, renderCoverage } from '../../coverage/report.ts';
import { action } from '../action.ts';

async function coverage(opts: { json?: boolean }): Promise<number> {
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
  process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : `${renderCoverage(report)}\n`);
  return 0;
}

/** Registers `deskbench coverage`. */
export function register(program: Command): void {
  program
    .command('coverage')
    .description('Count implemented API methods against the official Google and Slack clients')
    .option('--json', 'print the full report (with the lists of missing methods) as JSON')
    .addHelpText(
      'after',
      `
Examples:
  $ deskbench coverage                  # implemented / total per API
  $ deskbench coverage --json | jq '.apis[] | {service, missing}'

Totals come from walking the installed @googleapis/* and @slack/web-api clients; Slack's
headline leaves out admin.* (Enterprise Grid) methods; Docs also counts batchUpdate request kinds.`,
    )
    .action(action((opts: { json?: boolean }) => coverage(opts)));
}
