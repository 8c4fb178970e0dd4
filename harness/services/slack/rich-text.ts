/**
 * mrkdwn → the `rich_text` block Slack attaches to every message it stores: sections of
 * text, links, mentions, channels, broadcasts, user groups and emoji, with bold, italic,
 * strike and code styles; bulleted and numbered lists, quotes and preformatted blocks.
 * Linear in the text's length (each style's closing marks are found once per line).
 */

/** One inline element of a rich-text section. */
export type RichTextElement = Record<string, unknown> & { type: string };

/** The `rich_text` block of a message. */
export interface RichTextBlock {
  readonly type: 'rich_text';
  readonly block_id: string;
  readonly elements: ReadonlyArray<Record<string, unknown>>;
}

type Style = 'bold' | 'italic' | 'strike';
const STYLE_OF: Readonly<Record<string, Style>> = { '*': 'bold', _: 'italic', '~': 'strike' };
const BROADCASTS = new Set(['here', 'channel', 'everyone']);
/** Longest `<…>` token looked for (a URL with a label); longer angle brackets stay text. */
const MAX_ANGLE = 2_000;
const PUNCT = /[\s.,;:!?()[\]{}'"\-/*_~]/;

/** Slack's HTML escapes in message text, undone for rich-text element text. */
function unescape(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Elements of one run of inline text (a line group, a list item, a quote). */
export function inlineElements(text: string): RichTextElement[] {
  const out: RichTextElement[] = [];
  const active = new Set<Style>();
  let buf = '';
  const styleObj = (extra?: Partial<Record<Style | 'code', boolean>>) => {
    const s: Record<string, boolean> = {};
    for (const k of active) s[k] = true;
    Object.assign(s, extra);
    return Object.keys(s).length ? { style: s } : {};
  };
  const flush = () => {
    if (buf) out.push({ type: 'text', text: unescape(buf), ...styleObj() });
    buf = '';
  };
  // Closing marks per style: the positions where a mark ends a styled run.
  const closers = new Map<string, number[]>();
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (STYLE_OF[c] && i > 0 && !/\s/.test(text[i - 1]!) && (i + 1 === text.length || PUNCT.test(text[i + 1]!))) {
      const arr = closers.get(c) ?? [];
      arr.push(i);
      closers.set(c, arr);
    }
  }
  const cursor = new Map<string, number>();
  /** The next closing mark of `c` after `from`, or -1. */
  const nextCloser = (c: string, from: number): number => {
    const arr = closers.get(c);
    if (!arr) return -1;
    let k = cursor.get(c) ?? 0;
    while (k < arr.length && arr[k]! <= from) k++;
    cursor.set(c, k);
    return k < arr.length ? arr[k]! : -1;
  };
  const open = new Map<Style, number>();
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    const prev = i === 0 ? ' ' : text[i - 1]!;
    const style = STYLE_OF[c];
    if (style && active.has(style) && open.get(style) === i) {
      flush();
      active.delete(style);
      open.delete(style);
      i++;
      continue;
    }
    if (style && !active.has(style) && PUNCT.test(prev) && i + 1 < text.length && !/\s/.test(text[i + 1]!)) {
      const end = nextCloser(c, i + 1);
      if (end > i + 1) {
        flush();
        active.add(style);
        open.set(style, end);
        i++;
        continue;
      }
    }
    if (c === '`') {
      const end = text.indexOf('`', i + 1);
      if (end > i + 1) {
        flush();
        out.push({ type: 'text', text: unescape(text.slice(i + 1, end)), ...styleObj({ code: true }) });
        i = end + 1;
        continue;
      }
    }
    if (c === '<') {
      // Bounded look-ahead: text full of unclosed `<` stays linear.
      const rel = text.slice(i + 1, i + MAX_ANGLE).indexOf('>');
      const end = rel < 0 ? -1 : i + 1 + rel;
      if (end > i) {
        const el = angleElement(text.slice(i + 1, end));
        if (el) {
          flush();
          out.push({ ...el, ...(el.type === 'link' || el.type === 'user' || el.type === 'channel' ? styleObj() : {}) });
          i = end + 1;
          continue;
        }
      }
    }
    if (c === ':' && PUNCT.test(prev)) {
      const m = /^:([a-z0-9_+'-]{1,100}(?:::skin-tone-[2-6])?):/.exec(text.slice(i, i + 130));
      if (m) {
        flush();
        out.push({ type: 'emoji', name: m[1]!, ...styleObj() });
        i += m[0].length;
        continue;
      }
    }
    if ((c === 'h' || c === 'H') && PUNCT.test(prev)) {
      const m = /^https?:\/\/[^\s<>]+/i.exec(text.slice(i, i + MAX_ANGLE));
      if (m) {
        const url = m[0].replace(/[.,;:!?)]+$/, '');
        flush();
        out.push({ type: 'link', url: unescape(url), ...styleObj() });
        i += url.length;
        continue;
      }
    }
    buf += c;
    i++;
  }
  flush();
  return out;
}

/** The element of a `<…>` token: mention, channel, broadcast, user group, date or link. */
function angleElement(inner: string): RichTextElement | undefined {
  const bar = inner.indexOf('|');
  const head = bar < 0 ? inner : inner.slice(0, bar);
  const label = bar < 0 ? undefined : inner.slice(bar + 1);
  if (/^@[UWB][A-Z0-9]+$/.test(head)) return { type: 'user', user_id: head.slice(1) };
  if (/^#[CGD][A-Z0-9]+$/.test(head)) return { type: 'channel', channel_id: head.slice(1) };
  if (head.startsWith('!subteam^')) return { type: 'usergroup', usergroup_id: head.slice('!subteam^'.length) };
  if (head.startsWith('!date^')) {
    const [, ts = '0', format = '{date}'] = head.split('^');
    return { type: 'date', timestamp: Number(ts) || 0, format, ...(label ? { fallback: unescape(label) } : {}) };
  }
  if (head.startsWith('!')) {
    const range = head.slice(1);
    return BROADCASTS.has(range) ? { type: 'broadcast', range } : undefined;
  }
  if (/^(https?:\/\/|mailto:|tel:)/i.test(head)) return { type: 'link', url: unescape(head), ...(label ? { text: unescape(label) } : {}) };
  return undefined;
}

/** A line's list marker: style, nesting level and the item text; undefined for a plain line. */
function listItem(line: string): { style: 'bullet' | 'ordered'; indent: number; text: string } | undefined {
  const m = /^( *)(?:([•◦▪*-])|(\d{1,4})[.)]) +(.*)$/.exec(line);
  if (!m) return undefined;
  return { style: m[2] ? 'bullet' : 'ordered', indent: Math.min(8, Math.floor(m[1]!.length / 2)), text: m[4]! };
}

function quoteLine(line: string): string | undefined {
  const m = /^(?:&gt;|>) ?(.*)$/.exec(line);
  return m ? m[1] : undefined;
}

/** The rich-text elements (sections, lists, quotes, preformatted) of a whole message text. */
export function richTextElements(text: string): Array<Record<string, unknown>> {
  const lines = text.split('\n');
  const out: Array<Record<string, unknown>> = [];
  let para: string[] = [];
  const flushPara = () => {
    if (para.length === 0) return;
    const body = para.join('\n');
    para = [];
    const elements = inlineElements(body);
    if (elements.length) out.push({ type: 'rich_text_section', elements });
  };
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.trimStart().startsWith('```')) {
      flushPara();
      const first = line.trimStart().slice(3);
      const code: string[] = [];
      let j = i;
      let closed = false;
      if (first.endsWith('```') && first.length >= 3) {
        code.push(first.slice(0, -3));
        closed = true;
      } else {
        if (first) code.push(first);
        for (j = i + 1; j < lines.length; j++) {
          const l = lines[j]!;
          if (l.trimEnd().endsWith('```')) {
            code.push(l.trimEnd().slice(0, -3));
            closed = true;
            break;
          }
          code.push(l);
        }
      }
      if (closed) {
        const body = code.join('\n').replace(/\n$/, '');
        out.push({ type: 'rich_text_preformatted', elements: body ? [{ type: 'text', text: unescape(body) }] : [], border: 0 });
        i = j + 1;
        continue;
      }
    }
    const q = quoteLine(line);
    if (q !== undefined) {
      flushPara();
      const quoted: string[] = [q];
      while (i + 1 < lines.length && quoteLine(lines[i + 1]!) !== undefined) quoted.push(quoteLine(lines[++i]!)!);
      out.push({ type: 'rich_text_quote', elements: inlineElements(quoted.join('\n')) });
      i++;
      continue;
    }
    const item = listItem(line);
    if (item) {
      flushPara();
      let j = i;
      while (j < lines.length) {
        const first = listItem(lines[j]!)!;
        const items: Array<Record<string, unknown>> = [];
        for (; j < lines.length; j++) {
          const it = listItem(lines[j]!);
          if (!it || it.style !== first.style || it.indent !== first.indent) break;
          items.push({ type: 'rich_text_section', elements: inlineElements(it.text) });
        }
        out.push({ type: 'rich_text_list', style: first.style, indent: first.indent, border: 0, elements: items });
        if (j >= lines.length || !listItem(lines[j]!)) break;
      }
      i = j;
      continue;
    }
    para.push(line);
    i++;
  }
  flushPara();
  return out;
}

/** FNV-1a over a string: a fast deterministic hash for block ids. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

const ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A short block id shaped like Slack's (`fE6Qa`), stable for the same seed. */
export function blockId(seed: string): string {
  let h = fnv1a(seed);
  let out = '';
  for (let i = 0; i < 5; i++) {
    out += ID_CHARS[h % ID_CHARS.length];
    h = (Math.floor(h / ID_CHARS.length) ^ fnv1a(`${seed}:${i}`)) >>> 0;
  }
  return out;
}

/** The blocks Slack stores for a text-only message: one `rich_text` block, or none for empty text. */
export function richTextBlocks(text: string, seed: string): RichTextBlock[] {
  if (!text.trim()) return [];
  const elements = richTextElements(text);
  return elements.length ? [{ type: 'rich_text', block_id: blockId(seed), elements }] : [];
}
