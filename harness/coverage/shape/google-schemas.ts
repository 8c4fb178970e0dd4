/**
 * The `Schema$…` interfaces of an installed `@googleapis/*` client, read from its type
 * definitions (build/v*.d.ts): every resource with its documented fields and their types.
 * A small reader for the subset of TypeScript the generator emits (named interfaces, inline
 * object types, unions with null, arrays and string-keyed maps), so the field lists follow
 * the pinned client and are never written by hand.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { JsonType, SchemaSource, SchemaSpec, TypeSpec } from './types.ts';

/** The Google client packages and the typings file each generated API lives in. */
export const GOOGLE_TYPINGS: Readonly<Record<string, { pkg: string; file: string }>> = {
  gmail: { pkg: '@googleapis/gmail', file: 'v1.d.ts' },
  calendar: { pkg: '@googleapis/calendar', file: 'v3.d.ts' },
  drive: { pkg: '@googleapis/drive', file: 'v3.d.ts' },
  docs: { pkg: '@googleapis/docs', file: 'v1.d.ts' },
};

/** Deepest inline type nesting read (the generator nests three or four levels). */
const MAX_DEPTH = 32;

type Token = { kind: 'id' | 'punct'; text: string; doc?: string };

/** Splits TypeScript declaration text into identifiers and punctuation, keeping each member's TSDoc. */
function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let doc: string | undefined;
  for (let i = 0; i < text.length;) {
    const c = text[i]!;
    if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const body = text.slice(i + 2, end < 0 ? text.length : end);
      doc = body.replace(/^\s*\*+ ?/gm, '').replace(/^\*/, '').trim();
      i = end < 0 ? text.length : end + 2;
    } else if (c === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (/\s/.test(c)) {
      i++;
    } else if (/[A-Za-z0-9_$]/.test(c)) {
      let j = i;
      while (j < text.length && /[A-Za-z0-9_$.]/.test(text[j]!)) j++;
      out.push({ kind: 'id', text: text.slice(i, j), ...(doc !== undefined ? { doc } : {}) });
      doc = undefined;
      i = j;
    } else if (c === "'" || c === '"') {
      const j = text.indexOf(c, i + 1);
      out.push({ kind: 'id', text: text.slice(i, j + 1) });
      i = j + 1;
    } else {
      out.push({ kind: 'punct', text: c });
      i++;
    }
  }
  return out;
}

class Reader {
  private i = 0;
  constructor(private readonly t: Token[]) {}
  peek(): Token | undefined { return this.t[this.i]; }
  next(): Token | undefined { return this.t[this.i++]; }
  eat(text: string): boolean {
    if (this.t[this.i]?.text === text) {
      this.i++;
      return true;
    }
    return false;
  }

  /** `{ name?: type; [key: string]: type; … }` after the opening brace. */
  members(depth: number): { fields: Record<string, TypeSpec>; docs: Record<string, string>; values?: TypeSpec } {
    const fields: Record<string, TypeSpec> = {};
    const docs: Record<string, string> = {};
    let values: TypeSpec | undefined;
    while (this.peek() && !this.eat('}')) {
      if (this.eat('[')) {
        while (this.peek() && !this.eat(']')) this.next();
        this.eat(':');
        values = this.type(depth + 1);
      } else {
        const name = this.next()!;
        this.eat('?');
        this.eat(':');
        const key = name.text.replace(/^['"]|['"]$/g, '');
        fields[key] = this.type(depth + 1);
        if (name.doc) docs[key] = name.doc;
      }
      this.eat(';');
      this.eat(',');
    }
    return { fields, docs, ...(values ? { values } : {}) };
  }

  type(depth: number): TypeSpec {
    if (depth > MAX_DEPTH) throw new Error('type nested too deep');
    const parts: TypeSpec[] = [];
    do parts.push(this.primary(depth));
    while (this.eat('|'));
    const real = parts.filter((p) => p.json !== 'any' || p.ref !== 'null');
    return real.length === 1 ? real[0]! : real.length === 0 ? { json: 'any' } : { json: 'any' };
  }

  primary(depth: number): TypeSpec {
    let t: TypeSpec;
    const tok = this.next();
    if (!tok) return { json: 'any' };
    if (tok.text === '{') {
      const m = this.members(depth);
      t = m.values && Object.keys(m.fields).length === 0 ? { json: 'object', values: m.values } : { json: 'object', fields: m.fields };
    } else if (tok.text === 'null' || tok.text === 'undefined') {
      t = { json: 'any', ref: 'null' };
    } else if (tok.text === 'string' || tok.text === 'number' || tok.text === 'boolean') {
      t = { json: tok.text };
    } else if (tok.text.startsWith('Schema$')) {
      t = { json: 'object', ref: tok.text.slice('Schema$'.length) };
    } else {
      t = { json: 'any' };
    }
    while (this.peek()?.text === '[' && this.t[this.i + 1]?.text === ']') {
      this.i += 2;
      t = { json: 'array', items: t };
    }
    return t;
  }
}

/** Reads every `export interface Schema$X { … }` of a typings text. */
export function readSchemas(text: string): Map<string, SchemaSpec> {
  const out = new Map<string, SchemaSpec>();
  const re = /export interface Schema\$([A-Za-z0-9_]+) \{/g;
  for (const m of text.matchAll(re)) {
    // The interface body ends at the first line that closes it at the interface's indent.
    const start = m.index + m[0].length;
    const indent = /\n([ \t]*)export interface/.exec(text.slice(Math.max(0, m.index - 200), m.index + 17))?.[1] ?? '    ';
    const end = text.indexOf(`\n${indent}}`, start);
    const body = text.slice(start, end < 0 ? text.length : end);
    const r = new Reader(tokenize(body));
    const { fields, docs } = r.members(0);
    out.set(m[1]!, { name: m[1]!, fields, docs });
  }
  return out;
}

const cache = new Map<string, Map<string, SchemaSpec>>();

/** The schemas of one installed Google client (`gmail`, `calendar`, `drive`, `docs`), read once per process. */
export function googleSchemas(api: string): SchemaSource {
  let schemas = cache.get(api);
  if (!schemas) {
    const where = GOOGLE_TYPINGS[api];
    if (!where) throw new Error(`no Google typings known for ${api}`);
    const require = createRequire(import.meta.url);
    const file = join(dirname(require.resolve(where.pkg)), where.file);
    schemas = readSchemas(readFileSync(file, 'utf8'));
    cache.set(api, schemas);
  }
  const found = schemas;
  return (name) => found.get(name);
}

/** The JSON type of a runtime value, as schemas name them. */
export function jsonTypeOf(v: unknown): JsonType | 'null' {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'array';
  const t = typeof v;
  return t === 'string' || t === 'number' || t === 'boolean' ? t : 'object';
}
