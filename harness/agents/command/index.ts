/**
 * Command agents (`cmd:<name-or-path>[?var=value]`): an agent CLI run once per trial from its
 * definition. Resolving one reads and checks the definition only; the process machinery loads
 * when the first trial runs.
 */
import { DeskbenchError, type Agent } from '../../core/index.ts';
import { sandboxSupport } from '../sandbox/probe.ts';
import { fill, placeholdersIn } from './placeholders.ts';
import { resolveCommandSpec, type ResolvedCommand } from './resolve-spec.ts';
import { DEFAULT_PATH, whichOn } from './agent-path.ts';

export { shippedDefinitionNames } from './load-definition.ts';
export { withWorkplace, workplaceOf, type TrialWorkplace } from './workplace.ts';

/** How command agents run: the run's flags. */
export interface CommandAgentOptions {
  /** Sandbox the agent (default true). `--no-sandbox` sets false; the harness label then says `+unsandboxed`. */
  readonly sandbox?: boolean;
  /** Whether the trial's tools carry the Gmail helpers (the harness label says `+mail`, as for the built-in loop). */
  readonly mailHelpers?: boolean;
  /** Environment to read `env.pass` variables and variable defaults from (default process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** The harness label stored on every trial: the definition's name, `+unsandboxed` without the sandbox, `+mail` with the Gmail helpers. */
export function commandHarnessLabel(name: string, o: CommandAgentOptions): string {
  return `${name}${o.sandbox === false ? '+unsandboxed' : ''}${o.mailHelpers ? '+mail' : ''}`;
}

/**
 * Checks a command agent before any trial: its definition, its variables, that its program is
 * installed, and that the sandbox can run here (or was switched off). E_CONFIG names the fix.
 */
export function checkCommandAgent(arg: string, o: CommandAgentOptions = {}): ResolvedCommand {
  const cmd = resolveCommandSpec(arg, o.env ?? process.env);
  const first = cmd.definition.command[0]!;
  const vars = placeholdersIn(first);
  if (vars.every((v) => v in cmd.vars)) {
    const program = fill(first, cmd.vars);
    const path = cmd.definition.env.set.PATH ?? DEFAULT_PATH;
    if (!whichOn(program, path)) {
      throw new DeskbenchError('E_CONFIG', `agent ${cmd.spec}: the command "${program}" is not installed (looked on ${path})`, {
        hint: `${cmd.definition.description || 'install the agent CLI'} — install it system-wide (for example under /usr/local) so the sandboxed user can run it`,
      });
    }
  }
  if (o.sandbox !== false) {
    const support = sandboxSupport();
    if (!support.ok) {
      throw new DeskbenchError('E_CONFIG', `agent ${cmd.spec} cannot be sandboxed: ${support.reason}`, {
        hint: 'run deskbench as root on Linux, or pass --no-sandbox to run the agent as yourself with only its environment restricted (recorded: the harness label says +unsandboxed)',
      });
    }
  }
  return cmd;
}

/** The agent for a `cmd:` spec's argument (checked as `checkCommandAgent` does). */
export function commandAgent(arg: string, o: CommandAgentOptions = {}): Agent {
  const cmd = checkCommandAgent(arg, o);
  const sandbox = o.sandbox !== false;
  return {
    name: cmd.spec, kind: 'external', model: cmd.vars.model!, harness: commandHarnessLabel(cmd.definition.name, o),
    run: async (ctx) => {
      const { runCommandTrial } = await import('./run-command.ts');
      return runCommandTrial(cmd, { sandbox, ...(o.env ? { env: o.env } : {}) }, ctx);
    },
  };
}
