/**
 * Canvas content as Slack's canvas APIs take it: `document_content` markdown split into
 * sections (a heading, a paragraph, a list item, a quote, a code block), each with a section
 * id that canvases.edit and canvases.sections.lookup address.
 */
import type { Workspace } from '../../core/index.ts';
import { hexId } from '../../core/index.ts';
import { invalidArguments } from './errors.ts';
import type { CanvasSection } from './model.ts';

/** Largest markdown one call may write (Slack documents none; this bounds a call). */
export const MAX_CANVAS_MARKDOWN = 200_000;
/** Most sections a canvas holds here. */
export const MAX_SECTIONS = 2_000;

/** A fresh section id of Slack's shape (`temp:C:…`), from a workspace counter. */
function sectionId(ws: Workspace): string {
  return `temp:C:${hexId('slack.canvas.section', ws.nextCounter('slack.canvas.section'), 28).toUpperCase()}`;
}

/** The `document_content` argument: `{type: "markdown", markdown}`; anything else is refused. */
export function documentMarkdown(raw: unknown): string {
  let v = raw;
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v) as unknown;
    } catch {
      throw invalidArguments('document_content must be a JSON object {"type":"markdown","markdown":"…"}', 'document_content');
    }
  }
  const doc = v as { type?: unknown; markdown?: unknown } | null;
  if (!doc || typeof doc !== 'object' || doc.type !== 'markdown' || typeof doc.markdown !== 'string') {
    throw invalidArguments('document_content must be {"type":"markdown","markdown":"…"}', 'document_content');
  }
  if (doc.markdown.length > MAX_CANVAS_MARKDOWN) throw invalidArguments(`document_content.markdown must be at most ${MAX_CANVAS_MARKDOWN} characters`, 'document_content');
  return doc.markdown;
}

/** Splits markdown into sections: headings, paragraphs, list items, quotes and fenced code each on their own. */
export function toSections(ws: Workspace, markdown: string): CanvasSection[] {
  const out: CanvasSection[] = [];
  const lines = markdown.replace(/\r\n/g, '\n').split('\n');
  let para: string[] = [];
  const push = (type: CanvasSection['type'], text: string) => {
    if (out.length >= MAX_SECTIONS) throw invalidArguments(`a canvas holds at most ${MAX_SECTIONS} sections`, 'document_content');
    out.push({ id: sectionId(ws), type, markdown: text });
  };
  const flush = () => {
    if (para.length) push('any', para.join('\n'));
    para = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const h = /^(#{1,3}) +(.*)$/.exec(line);
    if (h) {
      flush();
      push(`h${h[1]!.length}` as 'h1' | 'h2' | 'h3', line);
    } else if (line.startsWith('```')) {
      flush();
      const code = [line];
      while (i + 1 < lines.length && !lines[i + 1]!.startsWith('```')) code.push(lines[++i]!);
      if (i + 1 < lines.length) code.push(lines[++i]!);
      push('any', code.join('\n'));
    } else if (/^\s*([-*+]|\d+[.)]|\[[ x]\]|>)\s/.test(line)) {
      flush();
      push('any', line);
    } else if (line.trim() === '') flush();
    else para.push(line);
  }
  flush();
  return out;
}

/** The whole canvas as markdown (title first), for reading and grading. */
export function canvasText(title: string, sections: readonly CanvasSection[]): string {
  return [title, ...sections.map((s) => s.markdown)].join('\n');
}
