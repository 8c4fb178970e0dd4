/** The system prompt: base prompt, plus the meta prompt and the skills index when those levers are on. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Condition } from '../core/index.ts';
import { loadSkills, skillsFor, type Skill } from './skills/index.ts';

const META_FILE = fileURLToPath(new URL('./meta-prompt.md', import.meta.url));
let metaText: string | undefined;

/** The reviewed meta prompt (harness/agents/meta-prompt.md), read once. */
export function metaPrompt(): string {
  metaText ??= readFileSync(META_FILE, 'utf8').trim();
  return metaText;
}

/** Inputs of the system prompt. */
export interface PromptInput {
  readonly condition: Condition;
  readonly services: readonly string[];
  readonly ownerEmail: string;
  /** The workspace clock (ISO). */
  readonly now: string;
  /** Tool profile, to explain how tools are used (default discover). */
  readonly profile?: 'discover' | 'typed';
  /** Skills to index (default: the ones on disk). */
  readonly skills?: readonly Skill[];
}

const SERVICE_TITLES: Readonly<Record<string, string>> = {
  gmail: 'Gmail', calendar: 'Google Calendar', drive: 'Google Drive', docs: 'Google Docs', slack: 'Slack',
};

/** The base prompt: who the agent works for, when, with which services and how tools work. */
function basePrompt(p: PromptInput): string {
  const services = p.services.map((s) => SERVICE_TITLES[s] ?? s).join(', ');
  const domain = p.ownerEmail.includes('@') ? p.ownerEmail.slice(p.ownerEmail.indexOf('@') + 1) : '';
  const how =
    p.profile === 'typed'
      ? 'Each tool is one API operation; its parameters follow the official client libraries (path and query parameters at the top level, the request body under requestBody).'
      : 'Use list_operations to see what a service offers, describe_operation to read an operation\'s parameters, and call_operation to call it. Arguments follow the official client libraries: path and query parameters at the top level, the request body under requestBody.';
  return [
    `You are an assistant working on behalf of ${p.ownerEmail}${domain ? ` (company domain ${domain})` : ''}.`,
    `You act through their accounts on these services: ${services}. Google methods take userId "me" (or calendarId "primary") for the user.`,
    `The current date and time is ${p.now}.`,
    how,
    'Work through the task with the tools, then reply with a short final message saying what you did. A reply without tool calls ends the task.',
  ].join('\n');
}

/** The full system prompt for a trial. */
export function composeSystemPrompt(p: PromptInput): string {
  const parts = [basePrompt(p)];
  if (p.condition.meta) parts.push(metaPrompt());
  if (p.condition.skills) {
    const skills = skillsFor(p.services, p.skills ?? loadSkills());
    if (skills.length) {
      parts.push(
        [
          '# Skills',
          'Guides for the services are available. Read one with read_skill when you need it (name, and optionally a page).',
          ...skills.map((s) => `- ${s.name}: ${s.description}`),
        ].join('\n'),
      );
    }
  }
  return parts.join('\n\n');
}
