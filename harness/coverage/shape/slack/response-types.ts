/**
 * The response shapes of `@slack/web-api`, read from the type declarations it ships
 * (`dist/types/response/<Method>Response.d.ts`). The SDK generates those files from
 * responses captured from the real API, so every field they name is one the real API sends
 * in some response; which fields are always sent is kept as data in always-present.ts.
 *
 * The declarations are machine-generated and regular: `export type X = WebAPICallResult & {…}`,
 * `export interface Y {…}` and `export declare enum Z {…}`, fields one per line. This reads
 * exactly that form; a line it does not understand fails loudly, so an SDK upgrade that
 * changes the form cannot pass silently.
 */
import { readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** A JSON type as the declarations describe it. */
export type TypeNode =
  | { readonly kind: 'string' | 'number' | 'boolean' | 'any' | 'null' }
  | { readonly kind: 'array'; readonly of: TypeNode }
  | { readonly kind: 'map'; readonly of: TypeNode }
  | { readonly kind: 'union'; readonly of: readonly TypeNode[] }
  | { readonly kind: 'ref'; readonly name: string };

/** One object type: its fields, each with its type and whether the declaration marks it optional. */
export interface ObjectType {
  readonly name: string;
  readonly fields: ReadonlyMap<string, { readonly type: TypeNode; readonly optional: boolean }>;
  /** Declared as `{}`: the samples never showed its fields, so any field is accepted. */
  readonly open?: boolean;
}

/** The declarations of one response file: the root object and every type it names. */
export interface ResponseTypes {
  readonly method: string;
  readonly file: string;
  readonly root: string;
  readonly objects: ReadonlyMap<string, ObjectType>;
  /** Enums: their member values (strings or numbers). */
  readonly enums: ReadonlyMap<string, readonly (string | number)[]>;
}

const require = createRequire(import.meta.url);

/** Folder of the installed SDK's response declarations. */
export function responseTypesDir(): string {
  const pkg = require.resolve('@slack/web-api/package.json');
  return join(dirname(pkg), 'dist', 'types', 'response');
}

/** `chat.scheduledMessages.list` → `ChatScheduledMessagesListResponse`. */
export function responseTypeName(method: string): string {
  return `${method.split('.').map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('')}Response`;
}

/** Splits a type expression on `|` at the top level (outside parentheses, brackets and braces). */
function splitTop(expr: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const c of expr) {
    if (c === '(' || c === '<' || c === '{' || c === '[') depth++;
    if (c === ')' || c === '>' || c === '}' || c === ']') depth--;
    if (c === sep && depth === 0) {
      out.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  out.push(cur.trim());
  return out;
}

/** Parses one type expression of the generated declarations. */
export function parseType(expr: string): TypeNode {
  const t = expr.trim();
  const parts = splitTop(t, '|');
  if (parts.length > 1) return { kind: 'union', of: parts.map(parseType) };
  if (t.endsWith('[]')) return { kind: 'array', of: parseType(t.slice(0, -2)) };
  if (t.startsWith('(') && t.endsWith(')')) return parseType(t.slice(1, -1));
  const arr = /^Array<(.+)>$/.exec(t);
  if (arr) return { kind: 'array', of: parseType(arr[1]!) };
  const map = /^\{\s*\[key: string\]:\s*(.+?);?\s*\}$/s.exec(t);
  if (map) return { kind: 'map', of: parseType(map[1]!) };
  if (t === 'string' || t === 'number' || t === 'boolean' || t === 'any' || t === 'null') return { kind: t };
  if (t === 'unknown') return { kind: 'any' };
  if (/^[A-Za-z_$][\w$]*$/.test(t)) return { kind: 'ref', name: t };
  throw new Error(`unrecognised type expression in @slack/web-api declarations: ${t}`);
}

/** Reads and parses the response declarations of one method; undefined when the SDK has none. */
export function loadResponseTypes(method: string, dir = responseTypesDir()): ResponseTypes | undefined {
  const root = responseTypeName(method);
  const file = join(dir, `${root}.d.ts`);
  if (!existsSync(file)) return undefined;
  const lines = readFileSync(file, 'utf8').split('\n');
  const objects = new Map<string, ObjectType>();
  const enums = new Map<string, (string | number)[]>();
  let i = 0;
  /** Reads field lines up to the closing brace of the current block; returns the fields. */
  const readFields = (name: string): ObjectType => {
    const fields = new Map<string, { type: TypeNode; optional: boolean }>();
    for (i++; i < lines.length; i++) {
      const line = lines[i]!;
      if (line.startsWith('}')) return { name, fields };
      const m = /^ {4}("?[^"?:]+"?)(\?)?: (.*)$/.exec(line);
      if (!m) throw new Error(`${file}:${i + 1}: unrecognised field line: ${line}`);
      let typeText = m[3]!;
      // A multi-line inline type (`{ [key: string]: T; }`) runs to the line closing it.
      while (!typeText.trimEnd().endsWith(';') || (typeText.split('{').length > typeText.split('}').length)) {
        i++;
        if (i >= lines.length) throw new Error(`${file}: unterminated field ${m[1]}`);
        typeText += ` ${lines[i]!.trim()}`;
      }
      fields.set(m[1]!.replace(/"/g, ''), { type: parseType(typeText.trimEnd().replace(/;$/, '')), optional: m[2] === '?' });
    }
    throw new Error(`${file}: unterminated ${name}`);
  };
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    let m: RegExpExecArray | null;
    if ((m = /^export type (\w+) = WebAPICallResult & \{$/.exec(line))) objects.set(m[1]!, readFields(m[1]!));
    else if ((m = /^export interface (\w+) \{$/.exec(line))) objects.set(m[1]!, readFields(m[1]!));
    // `{}`: a type only ever seen empty in the captured responses; any object fits it.
    else if ((m = /^export type (\w+) = \{\};$/.exec(line))) objects.set(m[1]!, { name: m[1]!, fields: new Map(), open: true });
    else if ((m = /^export declare enum (\w+) \{$/.exec(line))) {
      const values: (string | number)[] = [];
      for (i++; i < lines.length && !lines[i]!.startsWith('}'); i++) {
        const v = /=\s*(?:"([^"]*)"|(-?\d+(?:\.\d+)?))/.exec(lines[i]!);
        if (v) values.push(v[1] !== undefined ? v[1] : Number(v[2]));
      }
      enums.set(m[1]!, values);
    } else if (line.startsWith('export ')) throw new Error(`${file}:${i + 1}: unrecognised declaration: ${line}`);
  }
  if (!objects.has(root)) throw new Error(`${file}: no ${root}`);
  return { method, file, root, objects, enums };
}
