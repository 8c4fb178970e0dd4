/**
 * The shipped definitions of Claude Code, Codex CLI and Gemini CLI, run as written — flags, MCP
 * config files, system prompt, final-message channel, transcript format — with only the program
 * replaced by a stand-in that speaks each CLI's documented interface (the real CLIs need their
 * vendors' services). Each trial solves the task over MCP in the sandbox; its steps, usage and
 * final message come from the CLI's own transcript.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHIPPED_DIR } from '../../../harness/agents/command/load-definition.ts';
import { tempDir } from '../../support/temp-dir.ts';
import { cliAgentFile, commandTrial } from './trial.ts';

const rootOnly = process.getuid?.() === 0 ? describe : describe.skip;

/** The shipped definition with its program replaced by the stand-in, and the stand-in's folder shown to the sandbox. */
function standIn(dir: string, name: string, program: string): string {
  const text = readFileSync(join(SHIPPED_DIR, `${name}.toml`), 'utf8');
  const replaced = text
    .replace(`"${program}", `, `"node", "${cliAgentFile('fake-cli.mjs')}", "${program}", `)
    .replace('[sandbox]\n', `[sandbox]\nread_only = ["${cliAgentFile('')}", "{project}/node_modules"]\n`);
  expect(replaced).not.toBe(text);
  const file = join(dir, `${name}.toml`);
  writeFileSync(file, replaced);
  return file;
}

const CASES = [
  {
    name: 'claude-code', program: 'claude', model: 'claude-sonnet-4-5', tool: 'mcp__deskbench__call_operation',
    usage: { inputTokens: 4200, outputTokens: 180, cachedTokens: 0, costUsd: 0.0042 },
  },
  { name: 'codex', program: 'codex', model: 'gpt-5-codex', tool: 'deskbench.call_operation', usage: { inputTokens: 4200, outputTokens: 180, cachedTokens: 1000 } },
  { name: 'gemini-cli', program: 'gemini', model: 'gemini-2.5-pro', tool: 'call_operation', usage: { inputTokens: 4200, outputTokens: 180 } },
] as const;

rootOnly('the shipped agent CLI definitions, with a stand-in program', () => {
  const dir = tempDir('deskbench-shipped-');
  for (const c of CASES) {
    it(`${c.name}: solves the task, its transcript becomes the steps, usage and final message`, async () => {
      const ex = await commandTrial(`cmd:${standIn(dir, c.name, c.program)}`, 'label-stackwise-invoices', { condition: { skills: true, meta: true } });
      expect(ex.error).toBeNull();
      expect(ex.termination).toBe('completed');
      expect(ex.score?.score).toBe(1);
      expect(ex.finalMessage).toMatch(new RegExp(`^${c.program} put \\d+ invoices under "Vendors/Stackwise"\\.$`));
      expect(ex.usage).toMatchObject(c.usage);
      const calls = ex.steps.flatMap((s) => s.toolCalls ?? []);
      expect(calls.map((k) => k.name)).toEqual([c.tool, c.tool, c.tool]);
      // Each tool result of the transcript carries the action-log entry the harness saw for it.
      const results = ex.steps.filter((s) => s.role === 'tool');
      expect(results.map((s) => s.actionSeqs)).toEqual(ex.actions.map((a) => [a.seq]));
      expect(ex.steps.at(-1)).toMatchObject({ role: 'assistant', content: ex.finalMessage });
    }, 60_000);
  }
});
