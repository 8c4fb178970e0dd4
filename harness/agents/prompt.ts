/** The system prompt: base prompt, plus the meta prompt and the skills index when those levers are on. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { remember, type Condition } from '../core/index.ts';
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
  /** The user's display name (omitted when unknown). */
  readonly ownerName?: string;
  /** The user's IANA time zone (default UTC). */
  readonly timeZone?: string;
  /** Whether the Gmail helpers are offered. */
  readonly mailHelpers?: boolean;
  /** Operations of the typed profile folded behind call_operation. */
  readonly foldedOperations?: number;
  /** Skills to index (default: the ones on disk). */
  readonly skills?: readonly Skill[];
}

const SERVICE_TITLES: Readonly<Record<string, string>> = {
  gmail: 'Gmail', calendar: 'Google Calendar', drive: 'Google Drive', docs: 'Google Docs', slack: 'Slack',
};

// Building an Intl.DateTimeFormat costs far more than formatting with one (tens of microseconds,
// five per prompt, one prompt per trial), so each zone's formatters are built once. Bounded: a
// run sees a handful of zones; past the bound the cache starts over.
const FORMATTERS = new Map<string, Intl.DateTimeFormat>();
const MAX_FORMATTERS = 512;

function formatter(zone: string, o: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return remember(FORMATTERS, `${zone}|${JSON.stringify(o)}`, MAX_FORMATTERS, () => new Intl.DateTimeFormat('en-US', { timeZone: zone, ...o }));
}

/** The wall-clock reading of an instant in a time zone: weekday, date, time and UTC offset. */
export function localTime(nowIso: string, timeZone: string): { weekday: string; date: string; time: string; offset: string; isoDate: string } {
  const at = new Date(nowIso);
  const zone = (() => {
    try {
      formatter(timeZone, {});
      return timeZone;
    } catch {
      return 'UTC';
    }
  })();
  const part = (o: Intl.DateTimeFormatOptions) => formatter(zone, o).format(at);
  const parts = formatter(zone, { year: 'numeric', month: '2-digit', day: '2-digit', timeZoneName: 'longOffset' }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  const offset = get('timeZoneName').replace(/^GMT$/, 'UTC+00:00').replace(/^GMT/, 'UTC');
  return {
    weekday: part({ weekday: 'long' }),
    date: part({ day: 'numeric', month: 'long', year: 'numeric' }),
    time: part({ hour: '2-digit', minute: '2-digit', hour12: false }),
    offset,
    isoDate: `${get('year')}-${get('month')}-${get('day')}`,
  };
}

/** The base prompt: who the agent works for, when and where, with which services and how tools work. */
function basePrompt(p: PromptInput): string {
  const services = p.services.map((s) => SERVICE_TITLES[s] ?? s).join(', ');
  const domain = p.ownerEmail.includes('@') ? p.ownerEmail.slice(p.ownerEmail.indexOf('@') + 1) : '';
  const zone = p.timeZone || 'UTC';
  const t = localTime(p.now, zone);
  const who = p.ownerName ? `${p.ownerName} (${p.ownerEmail})` : p.ownerEmail;
  const how =
    p.profile === 'typed'
      ? 'Each tool is one API operation; its parameters follow the official client libraries (path and query parameters at the top level, the request body under requestBody).' +
        (p.foldedOperations ? ` ${p.foldedOperations} rarely used operations have no tool of their own: reach them with describe_operation and call_operation.` : '')
      : 'Use list_operations to see what a service offers, describe_operation to read an operation\'s parameters, and call_operation to call it. Arguments follow the official client libraries: path and query parameters at the top level, the request body under requestBody.';
  const helpers = p.mailHelpers
    ? 'For mail, gmail_search, gmail_read and gmail_send work in plain text (decoded bodies, messages built for you, replies threaded); the raw Gmail operations stay available.'
    : '';
  return [
    `You are an assistant working on behalf of ${who}${domain ? ` (company domain ${domain})` : ''}.`,
    `You act through their accounts on these services: ${services}. Google methods take userId "me" (or calendarId "primary") for the user.`,
    `Their time zone is ${zone}. It is now ${t.weekday}, ${t.date}, ${t.time} their time (${t.offset}; ${t.isoDate} local date); in UTC the current date and time is ${p.now}. Dates and times the user mentions are in their time zone.`,
    how,
    ...(helpers ? [helpers] : []),
    'Arguments are checked: a parameter an operation does not have is an error, not ignored.',
    'Work through the task with the tools, then reply with a short final message saying what you did. A reply without tool calls ends the task.',
  ].join('\n');
}

// Every trial of a task and condition gets the same prompt, so it is composed once (bounded like
// the formatters; a prompt given its own skills is composed afresh).
const PROMPTS = new Map<string, string>();
const MAX_PROMPTS = 512;

/** The full system prompt for a trial. */
export function composeSystemPrompt(p: PromptInput): string {
  if (p.skills) return composePrompt(p);
  const key = JSON.stringify([p.condition.skills, p.condition.meta, p.services, p.ownerEmail, p.now, p.profile, p.ownerName, p.timeZone, p.mailHelpers, p.foldedOperations]);
  return remember(PROMPTS, key, MAX_PROMPTS, () => composePrompt(p));
}

function composePrompt(p: PromptInput): string {
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
