/** Agent definitions: the shipped ones load; a bad file is refused naming the file, the field and what is allowed. */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isDeskbenchError } from '../../../harness/core/index.ts';
import { parseDefinition, shippedDefinitionNames } from '../../../harness/agents/command/load-definition.ts';
import { resolveCommandSpec } from '../../../harness/agents/command/resolve-spec.ts';
import { tempDir } from '../../support/temp-dir.ts';
import { cliAgentFile } from './trial.ts';

const MINIMAL = `
name = "mini"
model = "m1"
command = ["mini-cli", "{instruction}"]
[instruction]
via = "argument"
[final_message]
channel = "stdout"
`;

function refusal(text: string, file = '/defs/bad.toml'): string {
  try {
    parseDefinition(text, file);
  } catch (e) {
    if (!isDeskbenchError(e, 'E_CONFIG')) throw e;
    return e.message;
  }
  throw new Error('the definition was accepted');
}

describe('agent definitions', () => {
  it('ships claude-code, codex, gemini-cli and script-agent, each valid, with the model and the hosts it needs', () => {
    expect(shippedDefinitionNames()).toEqual(['claude-code', 'codex', 'gemini-cli', 'script-agent']);
    const claude = resolveCommandSpec('claude-code', {});
    expect(claude.definition.command.slice(0, 3)).toEqual(['claude', '-p', '{instruction}']);
    expect(claude.definition.transcript?.format).toBe('claude-stream-json');
    expect(claude.allowHosts).toEqual([{ host: 'api.anthropic.com', port: 443 }]);
    expect(resolveCommandSpec('codex', {}).definition.final_message).toEqual({ channel: 'file', file: 'final-message.txt' });
    expect(resolveCommandSpec('gemini-cli', {}).definition.faces.mcp?.config).toBe('gemini');
    expect(resolveCommandSpec('claude-code?model=claude-opus-4-1', {}).vars.model).toBe('claude-opus-4-1');
  });

  it('parses JSON as well as TOML', () => {
    const d = parseDefinition(JSON.stringify({ name: 'mini', model: 'm1', command: ['x', '{instruction}'], instruction: { via: 'argument' }, final_message: { channel: 'stdout' } }), '/d/mini.json');
    expect(d.limits.grace_seconds).toBe(10);
    expect(d.env).toEqual({ pass: [], set: {} });
  });

  it('names the file, the field and what is allowed', () => {
    expect(refusal(`colour = "blue"\n${MINIMAL}`)).toMatch(/^agent definition \/defs\/bad\.toml: \(top level\): unknown field "colour"; allowed: name, description, model, command, instruction, vars, env, faces/);
    expect(refusal(`${MINIMAL}\ncolour = "blue"`)).toMatch(/bad\.toml: final_message: unknown field "colour"; allowed: channel, file$/);
    expect(refusal(MINIMAL.replace('via = "argument"', 'via = "pigeon"'))).toMatch(/bad\.toml: instruction\.via: .*"argument".*"stdin".*"file"/);
    expect(refusal(`${MINIMAL}\n[faces]\nmcp = { transport = "carrier", config = "claude" }`)).toMatch(/faces\.mcp\.transport: .*"stdio".*"http"/);
    expect(refusal(`${MINIMAL}\n[faces.mcp]\ntransport = "http"\nconfig = "claude"\nfile = "../../etc/passwd"`)).toMatch(/faces\.mcp\.file: a relative path inside the working folder/);
    expect(refusal(`${MINIMAL}\n[env]\npass = ["1BAD"]`)).toMatch(/env\.pass\.0: an environment variable name/);
    expect(refusal('name = "x"\nmodel = ')).toMatch(/bad\.toml: not valid TOML/);
    expect(refusal('{"name": 1}', '/defs/bad.json')).toMatch(/bad\.json: name: /);
    expect(refusal(MINIMAL, '/defs/bad.yaml')).toMatch(/a definition file is \.toml or \.json/);
  });

  it('checks placeholders against the settings that fill them', () => {
    expect(refusal(MINIMAL.replace('"{instruction}"', '"{instrution}"'))).toMatch(/command\[1\]: unknown placeholder \{instrution\}; known: \{instruction\}/);
    expect(refusal(MINIMAL.replace('"{instruction}"', '"--mcp", "{mcp_config}"'))).toMatch(/command\[2\]: \{mcp_config\} needs faces\.mcp/);
    expect(refusal(MINIMAL.replace('"{instruction}"', '"go"'))).toMatch(/command: instruction\.via = "argument" but no argument holds \{instruction\}/);
    expect(refusal(MINIMAL.replace('channel = "stdout"', 'channel = "file"'))).toMatch(/final_message\.file: required/);
    expect(refusal(MINIMAL.replace('channel = "stdout"', 'channel = "mcp-finish"'))).toMatch(/"mcp-finish" needs faces\.mcp/);
    expect(refusal(`${MINIMAL}\n[vars]\nmodel = "x"`.replace('[vars]\nmodel', '[vars]\nworkdir'))).toMatch(/vars\.workdir: "workdir" is a built-in placeholder/);
    expect(parseDefinition(MINIMAL.replace('"{instruction}"', '"{{literal}}", "{instruction}"'), '/d/ok.toml').command).toContain('{{literal}}');
  });

  it('sets variables from the spec, then the environment, then the default; refuses unknown and missing ones', () => {
    const script = cliAgentFile('solve-labels.mjs');
    const viaEnv = resolveCommandSpec('script-agent', { DESKBENCH_AGENT_SCRIPT: script });
    expect(viaEnv.vars).toMatchObject({ script, interpreter: 'node', model: 'script' });
    // The script's folder and deskbench's packages are what the sandbox shows of the checkout.
    expect(viaEnv.readOnly).toEqual([join(script, '..'), expect.stringMatching(/\/node_modules$/)]);
    const viaSpec = resolveCommandSpec(`script-agent?script=${encodeURIComponent(script)}&interpreter=python3&model=gpt-x`, { DESKBENCH_AGENT_SCRIPT: '/nowhere' });
    expect(viaSpec.vars).toMatchObject({ script, interpreter: 'python3', model: 'gpt-x' });
    expect(() => resolveCommandSpec('script-agent', {})).toThrow(/needs script \(the script to run\)/);
    expect(() => resolveCommandSpec('script-agent?script=/no/such/file.mjs', {})).toThrow(/is not a readable file/);
    expect(() => resolveCommandSpec('claude-code?temperature=2', {})).toThrow(/"temperature" is not a variable of claude-code; it has: model/);
    expect(() => resolveCommandSpec('claude-code?model=a&model=b', {})).toThrow(/model is given twice/);
    expect(() => resolveCommandSpec('no-such-agent', {})).toThrow(/no shipped agent definition named "no-such-agent"/);
  });

  it('never shows the benchmark to the sandbox, not even through a symlink', () => {
    const dir = tempDir('deskbench-defs-');
    const tasks = new URL('../../../tasks', import.meta.url).pathname;
    const project = new URL('../../..', import.meta.url).pathname.replace(/\/$/, '');
    for (const [name, path] of [['tasks', tasks], ['root', project], ['graders', join(project, 'scorers', 'grading')]] as const) {
      writeFileSync(join(dir, `${name}.toml`), `${MINIMAL}\n[sandbox]\nread_only = ["${path}"]`);
      expect(() => resolveCommandSpec(join(dir, `${name}.toml`), {})).toThrow(/the sandbox would show .* \(the benchmark's tasks, graders or harness\)/);
    }
    mkdirSync(join(dir, 'innocent'));
    symlinkSync(tasks, join(dir, 'innocent', 'link'));
    writeFileSync(join(dir, 'link.toml'), `${MINIMAL}\n[sandbox]\nread_only = ["{definition_dir}/innocent/link"]`);
    expect(() => resolveCommandSpec(join(dir, 'link.toml'), {})).toThrow(/would show .*\/tasks/);
  });
});
