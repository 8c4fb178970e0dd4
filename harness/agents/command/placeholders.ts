/** `{name}` placeholders in agent definitions: found for validation, filled per trial. `{{` and `}}` are literal braces. */

const TOKEN = /\{\{|\}\}|\{([a-z][a-z0-9_]*)\}/g;

/** Placeholders the harness fills, with what each becomes (docs and error messages list them). */
export const BUILT_IN_PLACEHOLDERS: Readonly<Record<string, string>> = {
  instruction: 'the task instruction (instruction.via = "argument")',
  instruction_file: 'path of the instruction file (instruction.via = "file")',
  workdir: 'the agent\'s working folder (also HOME)',
  model: 'the model (the definition\'s, or cmd:<name>?model=<id>)',
  mcp_config: 'path of the MCP config file (faces.mcp)',
  mcp_url: 'the trial\'s MCP URL, streamable HTTP (faces.mcp)',
  api_url: 'base URL of the wire APIs (faces.http)',
  system_prompt: 'the trial\'s system prompt as text',
  system_prompt_file: 'path of a file holding the system prompt',
  final_message_file: 'path of the final-message file (final_message.channel = "file")',
  skills_dir: 'the skills folder (faces.skills)',
  definition_dir: 'folder of the definition file',
  project: 'the deskbench checkout (only in sandbox.read_only)',
};

/** The placeholder names a template uses, in order (duplicates kept out). */
export function placeholdersIn(template: string): string[] {
  const out: string[] = [];
  for (const m of template.matchAll(TOKEN)) if (m[1] && !out.includes(m[1])) out.push(m[1]);
  return out;
}

/** Fills a template; a name without a value throws (callers validate names first, so this is a bug guard). */
export function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(TOKEN, (all, name: string | undefined) => {
    if (all === '{{') return '{';
    if (all === '}}') return '}';
    const v = values[name!];
    if (v === undefined) throw new Error(`placeholder {${name}} has no value`);
    return v;
  });
}
