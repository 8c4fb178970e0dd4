/** The skills of a trial as MCP resources and prompts, when the skills lever is on: the same texts `read_skill` gives. */
import type { AgentTools } from '../core/index.ts';
import { loadSkills, skillsFor, type Skill } from '../agents/skills/index.ts';
import type { DeskbenchTools } from '../agents/tools/index.ts';

/** URI scheme of skill resources: `skill://gmail`, `skill://gmail/search-syntax`. */
export const SKILL_SCHEME = 'skill:';

/** One readable skill text: a skill's main body or one of its pages. */
export interface SkillEntry {
  readonly uri: string;
  readonly name: string;
  readonly page: string | undefined;
  readonly title: string;
  readonly description: string;
}

/**
 * The skills a trial offers: those of its services, only when the tools carry `read_skill`
 * (the built-in face adds it exactly when the skills lever is on and the services have skills).
 */
export function trialSkills(tools: AgentTools, all: readonly Skill[] = loadSkills()): Skill[] {
  if (!tools.specs.some((s) => s.name === 'read_skill')) return [];
  const services = (tools as Partial<DeskbenchTools>).context?.services;
  return services ? skillsFor(services, all) : [];
}

/** Every skill text of the trial as a resource entry (main bodies, then pages). */
export function skillEntries(skills: readonly Skill[]): SkillEntry[] {
  return skills.flatMap((s) => [
    { uri: `${SKILL_SCHEME}//${s.name}`, name: s.name, page: undefined, title: `${s.name} skill`, description: s.description },
    ...s.pages.map((p) => ({ uri: `${SKILL_SCHEME}//${s.name}/${p.name}`, name: s.name, page: p.name, title: `${s.name} / ${p.name}`, description: p.description })),
  ]);
}

/**
 * The text of a skill, read through the trial's own `read_skill` tool so it is exactly what
 * the built-in loop reads (including the closing line on this trial's tools). Reading a
 * skill calls no operation, so nothing lands in the action log.
 */
export async function readSkillText(tools: AgentTools, name: string, page: string | undefined): Promise<{ ok: boolean; text: string }> {
  const r = await tools.execute({ id: 'mcp-skill', name: 'read_skill', arguments: { name, ...(page ? { page } : {}) } });
  return { ok: !r.isError, text: r.content };
}
