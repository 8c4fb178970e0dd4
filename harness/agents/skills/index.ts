/** Loads the per-service skills (SKILL.md plus sub-pages) and discloses them progressively. */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Operation } from '../../core/index.ts';

/** One page of a skill besides its main body (`search-syntax`, `q-language`). */
export interface SkillPage {
  readonly name: string;
  readonly description: string;
  readonly body: string;
}

/** A skill: name and one-line description are shown up front; the body and pages only on request. */
export interface Skill {
  readonly name: string;
  readonly description: string;
  /** The service the skill documents (its folder name). */
  readonly service: string;
  readonly body: string;
  readonly pages: readonly SkillPage[];
}

const ROOT = dirname(fileURLToPath(import.meta.url));
let cache: readonly Skill[] | undefined;

/** Splits `---\nkey: value\n---\nbody`; throws naming the file when the front matter is missing. */
export function parseFrontMatter(text: string, file: string): { meta: Record<string, string>; body: string } {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  if (!m) throw new Error(`${file}: missing front matter (--- name/description ---)`);
  const meta: Record<string, string> = {};
  for (const line of m[1]!.split(/\r?\n/)) {
    const kv = /^([A-Za-z_][\w-]*):\s*(.*)$/.exec(line);
    if (kv) meta[kv[1]!] = kv[2]!.trim().replace(/^["']|["']$/g, '');
  }
  if (!meta.name || !meta.description) throw new Error(`${file}: front matter needs name and description`);
  return { meta, body: m[2]!.trim() };
}

/** Every skill on disk (read once per process). */
export function loadSkills(root = ROOT): readonly Skill[] {
  if (root === ROOT && cache) return cache;
  const out: Skill[] = [];
  for (const dir of readdirSync(root, { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    const main = join(root, dir.name, 'SKILL.md');
    if (!existsSync(main)) continue;
    const { meta, body } = parseFrontMatter(readFileSync(main, 'utf8'), main);
    const pages: SkillPage[] = [];
    for (const f of readdirSync(join(root, dir.name)).sort()) {
      if (f === 'SKILL.md' || !f.endsWith('.md')) continue;
      const file = join(root, dir.name, f);
      const p = parseFrontMatter(readFileSync(file, 'utf8'), file);
      pages.push({ name: f.replace(/\.md$/, ''), description: p.meta.description!, body: p.body });
    }
    out.push({ name: meta.name!, description: meta.description!, service: dir.name, body, pages });
  }
  out.sort((a, b) => a.name.localeCompare(b.name));
  if (root === ROOT) cache = out;
  return out;
}

/** The skills of the given services, in the services' order. */
export function skillsFor(services: readonly string[], skills: readonly Skill[] = loadSkills()): Skill[] {
  return services.flatMap((s) => skills.filter((k) => k.service === s));
}

/** Outcome of read_skill: the text the model sees, or an error message. */
export type SkillRead = { ok: true; text: string } | { ok: false; error: string };

/** The tool face a skill is read on, so its closing lines say which tools to use. */
export interface SkillFace {
  readonly profile?: 'discover' | 'typed';
  readonly mailHelpers?: boolean;
}

/**
 * The text of a skill (or one of its pages). The main body is a short task-oriented guide;
 * it ends with the list of its pages and one line on how this trial's tools reach the
 * service (the operation list itself is list_operations' job, never repeated here).
 */
export function readSkill(skills: readonly Skill[], name: string, page: string | undefined, ops: readonly Operation[], face: SkillFace = {}): SkillRead {
  const skill = skills.find((s) => s.name === name);
  if (!skill) return { ok: false, error: `No skill named "${name}". Available: ${skills.map((s) => s.name).join(', ') || 'none'}.` };
  if (page) {
    const p = skill.pages.find((x) => x.name === page || `${x.name}.md` === page);
    if (!p) return { ok: false, error: `Skill ${name} has no page "${page}". Pages: ${skill.pages.map((x) => x.name).join(', ') || 'none'}.` };
    return { ok: true, text: `# ${skill.name} / ${p.name}\n\n${p.body}` };
  }
  const parts = [`# ${skill.name}\n\n${skill.body}`];
  if (skill.pages.length) {
    parts.push(`## Pages (read_skill with page)\n${skill.pages.map((p) => `- ${p.name}: ${p.description}`).join('\n')}`);
  }
  const mine = ops.filter((o) => o.service === skill.service);
  if (mine.length) {
    const how = face.profile === 'typed'
      ? `each of the ${mine.length} ${skill.service} operations is a tool named after its id with dots as underscores (e.g. ${mine[0]!.id.replace(/\./g, '_')}); operations without a tool of their own are reached with describe_operation / call_operation`
      : `list_operations with {"service": "${skill.service}"} lists its ${mine.length} operations; describe_operation shows an operation's parameters`;
    const helpers = face.mailHelpers && skill.service === 'gmail'
      ? ' The mail helpers gmail_search, gmail_read and gmail_send read and write messages as plain text: prefer them to building base64 `raw` by hand.'
      : '';
    parts.push(`## Tools in this task\nIn this task ${how}.${helpers}`);
  }
  return { ok: true, text: parts.join('\n\n') };
}
