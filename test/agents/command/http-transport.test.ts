/**
 * The scripted CLI agent over streamable HTTP with the official MCP client: it solves the task,
 * and the tools it is offered are exactly the built-in loop's tools (plus `finish`) for both tool
 * profiles, with the skills as resources and prompts only when the skills lever is on.
 */
import { describe, expect, it } from 'vitest';
import { buildAgentTools } from '../../../harness/agents/tools/index.ts';
import { createEmptyWorkspace } from '../../../harness/services/workspace.ts';
import { commandTrial, cliAgentFile } from './trial.ts';

const rootOnly = process.getuid?.() === 0 ? describe : describe.skip;

interface Seen { transport: string; labelled: number; tools: string[]; prompts: string[]; resources: string[]; instructions: string }

function seen(finalMessage: string | null): Seen {
  expect(finalMessage).toBeTruthy();
  return JSON.parse(finalMessage!.slice(finalMessage!.indexOf('\n') + 1)) as Seen;
}

function builtInTools(profile: 'discover' | 'typed', skills: boolean): string[] {
  return buildAgentTools({
    ws: createEmptyWorkspace(), services: ['gmail'], profile, condition: { skills, meta: true }, auth: { principal: 'owner@example.com', tokenKind: 'user' }, mailHelpers: true,
  }).specs.map((s) => s.name);
}

rootOnly('a command agent over streamable HTTP (sandboxed)', () => {
  for (const profile of ['discover', 'typed'] as const) {
    for (const skills of [true, false]) {
      it(`solves the task and sees the built-in tools: ${profile} profile, skills ${skills ? 'on' : 'off'}`, async () => {
        const ex = await commandTrial(`cmd:${cliAgentFile('http-agent.toml')}`, 'label-stackwise-invoices', { profile, condition: { skills, meta: true } });
        expect(ex.error).toBeNull();
        expect(ex.termination).toBe('completed');
        expect(ex.score?.score).toBe(1);
        const s = seen(ex.finalMessage);
        expect(s.transport).toBe('http');
        expect(s.tools).toEqual([...builtInTools(profile, skills), 'finish']);
        if (skills) {
          expect(s.resources).toContain('skill://gmail');
          expect(s.prompts).toEqual(['meta', 'skill-gmail']);
        } else {
          expect(s.resources).toEqual([]);
          expect(s.prompts).toEqual(['meta']);
        }
        // The workplace announcement: the workspace clock and the task's services.
        expect(s.instructions).toContain('Services of this task: gmail.');
        expect(s.instructions).toContain('2026-03-16');
        const typedCalls = ex.steps.flatMap((st) => st.toolCalls ?? []).map((c) => c.name);
        expect(typedCalls[0]).toBe(profile === 'typed' ? 'gmail_users_labels_create' : 'call_operation');
      }, 60_000);
    }
  }
});
