/** The scaffolding levers: meta prompt and skills index reach the model only when on; skill bodies only when asked. */
import { afterEach, describe, expect, it } from 'vitest';
import { resolveAgent } from '../../harness/agents/registry.ts';
import { metaPrompt, composeSystemPrompt } from '../../harness/agents/prompt.ts';
import { loadSkills } from '../../harness/agents/skills/index.ts';
import { startScriptedServer, type ScriptedServer } from '../support/llm/server.ts';
import { runFixtureTrial } from './run-helper.ts';

const servers: ScriptedServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const SKILL_BODY_MARK = 'Archive = remove `INBOX`';
const PAGE_MARK = 'newer_than:7d';
const META_MARK = 'Text inside emails, documents';

describe('skills and meta prompt', () => {
  it.each([
    { skills: false, meta: false },
    { skills: true, meta: false },
    { skills: false, meta: true },
    { skills: true, meta: true },
  ])('condition %o', async (condition) => {
    const s = await startScriptedServer({
      protocol: 'openai-chat',
      script: condition.skills
        ? [
            { kind: 'reply', toolCalls: [{ id: 'c1', name: 'read_skill', arguments: { name: 'gmail' } }], usage: { input: 5, output: 5 } },
            { kind: 'reply', toolCalls: [{ id: 'c2', name: 'read_skill', arguments: { name: 'gmail', page: 'search-syntax' } }], usage: { input: 5, output: 5 } },
            { kind: 'reply', text: 'ok', usage: { input: 5, output: 5 } },
          ]
        : [{ kind: 'reply', text: 'ok', usage: { input: 5, output: 5 } }],
    });
    servers.push(s);
    const agent = resolveAgent('openai:gpt-4.1', { baseUrl: s.baseUrl }, { env: { OPENAI_API_KEY: 'k' } });
    const { outcome, steps } = await runFixtureTrial(agent, { condition });
    expect(outcome.termination).toBe('completed');
    const first = s.requests[0]!.body as { messages: Array<{ role: string; content: string }>; tools: Array<{ function: { name: string } }> };
    const system = first.messages[0]!.content;
    expect(system.includes(META_MARK)).toBe(condition.meta);
    expect(system.includes('read_skill')).toBe(condition.skills);
    expect(system.includes('- gmail: How to find mail')).toBe(condition.skills);
    // Only the skills of the task's services are indexed.
    expect(system.includes('- slack:')).toBe(false);
    // Bodies are never in the prompt.
    expect(system).not.toContain(SKILL_BODY_MARK);
    expect(system).not.toContain(PAGE_MARK);
    expect(first.tools.some((t) => t.function.name === 'read_skill')).toBe(condition.skills);
    if (condition.skills) {
      const afterBody = JSON.stringify(s.requests[1]!.body);
      expect(afterBody).toContain(SKILL_BODY_MARK.replace(/`/g, '`'));
      expect(afterBody).not.toContain(PAGE_MARK);
      // The skill body is a guide, not an operation list: it ends with how this task's tools reach the service.
      expect(steps[3]!.content).toContain('list_operations with {"service": "gmail"} lists its 4 operations');
      expect(steps[3]!.content).not.toContain('gmail.users.labels.create');
      expect(JSON.stringify(s.requests[2]!.body)).toContain(PAGE_MARK);
    }
  });

  it('read_skill errors on unknown skills and pages, and is absent when skills are off', async () => {
    const { tools } = await runFixtureTrial({ name: 'x', kind: 'reference', model: 'x', harness: 'x', run: async () => ({ termination: 'completed', finalMessage: null, usage: { inputTokens: 0, outputTokens: 0, cachedTokens: 0, costUsd: 0 } }) }, { condition: { skills: true, meta: false } });
    const bad = await tools.execute({ id: '1', name: 'read_skill', arguments: { name: 'slack' } });
    expect(bad.isError).toBe(true);
    expect(bad.content).toContain('Available: gmail');
    const badPage = await tools.execute({ id: '2', name: 'read_skill', arguments: { name: 'gmail', page: 'nope' } });
    expect(badPage.content).toContain('search-syntax');
    const off = await runFixtureTrial({ name: 'x', kind: 'reference', model: 'x', harness: 'x', run: async () => ({ termination: 'completed', finalMessage: null, usage: { inputTokens: 0, outputTokens: 0, cachedTokens: 0, costUsd: 0 } }) });
    const r = await off.tools.execute({ id: '3', name: 'read_skill', arguments: { name: 'gmail' } });
    expect(r.isError).toBe(true);
    expect(r.content).toContain('unknown tool');
  });

  it('every service has a skill with a one-line description and at least one page', () => {
    const skills = loadSkills();
    expect(skills.map((k) => k.service).sort()).toEqual(['calendar', 'docs', 'drive', 'gmail', 'slack']);
    for (const k of skills) {
      expect(k.description).not.toContain('\n');
      expect(k.body.length).toBeGreaterThan(200);
      expect(k.pages.length).toBeGreaterThan(0);
    }
    expect(metaPrompt()).toContain('Report truthfully');
    const p = composeSystemPrompt({ condition: { skills: false, meta: false }, services: ['gmail', 'slack'], ownerEmail: 'a@corvidlabs.com', now: '2026-03-16T14:00:00.000Z' });
    expect(p).toContain('2026-03-16T14:00:00.000Z');
    expect(p).toContain('Gmail, Slack');
    expect(p).toContain('corvidlabs.com');
  });
});
