/** The MCP server's instructions for a trial: the workplace announcement, how to finish, the meta prompt and the skills index as the levers say. */
import type { AgentTools, Condition } from '../core/index.ts';
import type { Skill } from '../agents/skills/index.ts';
import { metaPrompt } from '../agents/prompt.ts';
import type { DeskbenchTools } from '../agents/tools/index.ts';
import { announcementFrom, announcementLines } from '../runner/announcement.ts';
import { FINISH_TOOL_NAME } from './finish-tool.ts';

/**
 * What the built-in loop's system prompt says besides the instruction, for an agent that
 * gets its instruction from its own launcher: who the user is, the workspace clock and
 * time zone, the services (when the tools carry that context), that `finish` hands in the
 * final message; then the meta prompt when the meta lever is on and the skills index
 * (names and one-line descriptions; bodies are resources and `read_skill`) when skills are on.
 */
export function trialInstructions(tools: AgentTools, condition: Condition, skills: readonly Skill[]): string {
  const ctx = (tools as Partial<DeskbenchTools>).context;
  const parts: string[] = [];
  const base = ctx ? announcementLines(announcementFrom(ctx)) : [];
  base.push(`Arguments are checked: a parameter an operation does not have is an error, not ignored. When you are done, call ${FINISH_TOOL_NAME} with your final message to the user.`);
  parts.push(base.join('\n'));
  if (condition.meta) parts.push(metaPrompt());
  if (condition.skills && skills.length) {
    parts.push([
      '# Skills',
      'Guides for the services are available as resources (skill://<name>) and with the read_skill tool (name, and optionally a page).',
      ...skills.map((s) => `- ${s.name}: ${s.description}`),
    ].join('\n'));
  }
  return parts.join('\n\n');
}
