/** Parser of Drive's `q` language into a small AST (and/or/not over typed terms). */
import { Q_LIMITS, QuerySyntaxError, tokenize, type Token } from './tokenize.ts';

/** Comparison operators. */
export type CmpOp = '=' | '!=' | '<' | '<=' | '>' | '>=';

/** A parsed query. */
export type QueryNode =
  | { readonly t: 'and' | 'or'; readonly l: QueryNode; readonly r: QueryNode }
  | { readonly t: 'not'; readonly e: QueryNode }
  | { readonly t: 'text'; readonly field: TextField; readonly op: '=' | '!=' | 'contains'; readonly value: string }
  | { readonly t: 'time'; readonly field: TimeField; readonly op: CmpOp; readonly value: number }
  | { readonly t: 'bool'; readonly field: BoolField; readonly op: '=' | '!='; readonly value: boolean }
  | { readonly t: 'in'; readonly field: InField; readonly value: string }
  | { readonly t: 'sharedWithMe' }
  | { readonly t: 'has'; readonly field: 'properties' | 'appProperties'; readonly key: string; readonly value: string };

const TEXT_FIELDS = ['name', 'fullText', 'mimeType', 'visibility'] as const;
const TIME_FIELDS = ['modifiedTime', 'createdTime', 'viewedByMeTime', 'modifiedByMeTime', 'sharedWithMeTime'] as const;
const BOOL_FIELDS = ['trashed', 'starred', 'hidden'] as const;
const IN_FIELDS = ['parents', 'owners', 'writers', 'readers'] as const;
type TextField = (typeof TEXT_FIELDS)[number];
type TimeField = (typeof TIME_FIELDS)[number];
type BoolField = (typeof BOOL_FIELDS)[number];
type InField = (typeof IN_FIELDS)[number];

const has = <T extends string>(list: readonly T[], s: string): s is T => (list as readonly string[]).includes(s);

/**
 * Parses a `q` string; throws QuerySyntaxError on bad syntax, unknown fields and queries past
 * Q_LIMITS. Recursive descent, bounded: nesting (parentheses, `not`) by Q_LIMITS.maxDepth and
 * and/or chains by Q_LIMITS.maxTerms, so every walk of the tree is bounded too.
 */
export function parseQuery(q: string): QueryNode {
  const toks = tokenize(q);
  let i = 0;
  let depth = 0;
  let terms = 0;
  const peek = (): Token | undefined => toks[i];
  const fail = (msg: string, tok = peek()): never => {
    throw new QuerySyntaxError(msg, tok?.pos ?? q.length);
  };
  const isWord = (t: Token | undefined, w: string) => t?.kind === 'word' && t.value.toLowerCase() === w;
  const expect = (pred: boolean, msg: string) => {
    if (!pred) fail(msg);
  };

  const parseOr = (): QueryNode => {
    let l = parseAnd();
    while (isWord(peek(), 'or')) {
      i++;
      l = { t: 'or', l, r: parseAnd() };
    }
    return l;
  };
  const parseAnd = (): QueryNode => {
    let l = parseUnary();
    while (isWord(peek(), 'and')) {
      i++;
      l = { t: 'and', l, r: parseUnary() };
    }
    return l;
  };
  const enter = () => {
    if (++depth > Q_LIMITS.maxDepth) fail(`query nested more than ${Q_LIMITS.maxDepth} levels deep`);
  };
  const parseUnary = (): QueryNode => {
    if (isWord(peek(), 'not')) {
      i++;
      enter();
      const e: QueryNode = { t: 'not', e: parseUnary() };
      depth--;
      return e;
    }
    const t = peek();
    if (t?.kind === 'punct' && t.value === '(') {
      i++;
      enter();
      const e = parseOr();
      const close = peek();
      expect(close?.kind === 'punct' && close.value === ')', "expected ')'");
      i++;
      depth--;
      return e;
    }
    return parseTerm();
  };
  const parseTerm = (): QueryNode => {
    const t = peek();
    if (!t) return fail('unexpected end of query');
    if (++terms > Q_LIMITS.maxTerms) fail(`query has more than ${Q_LIMITS.maxTerms} terms`);
    if (t.kind === 'string') {
      i++;
      expect(isWord(peek(), 'in'), "expected 'in' after a quoted value");
      i++;
      const f = peek();
      if (f?.kind !== 'word' || !has(IN_FIELDS, f.value)) return fail("expected parents, owners, writers or readers after 'in'");
      i++;
      return { t: 'in', field: f.value as InField, value: t.value };
    }
    if (t.kind !== 'word') return fail('expected a field name');
    i++;
    const field = t.value;
    if (field === 'sharedWithMe') return { t: 'sharedWithMe' };
    if (field === 'properties' || field === 'appProperties') return parseHas(field);
    const opTok = peek();
    let op: string;
    if (opTok?.kind === 'op') op = opTok.value;
    else if (isWord(opTok, 'contains')) op = 'contains';
    else return fail(`expected an operator after ${field}`);
    i++;
    const v = peek();
    if (!v) return fail('expected a value');
    i++;
    if (has(TEXT_FIELDS, field)) {
      if (v.kind !== 'string') return fail(`${field} needs a quoted value`, v);
      const allowed = field === 'fullText' ? ['contains'] : field === 'visibility' ? ['=', '!='] : ['=', '!=', 'contains'];
      if (!allowed.includes(op)) return fail(`operator ${op} is not supported for ${field}`, opTok);
      return { t: 'text', field, op: op as '=' | '!=' | 'contains', value: v.value };
    }
    if (has(TIME_FIELDS, field)) {
      if (v.kind !== 'string') return fail(`${field} needs a quoted RFC 3339 time`, v);
      const ms = Date.parse(v.value);
      if (op === 'contains' || Number.isNaN(ms) || !/^\d{4}-\d{2}-\d{2}/.test(v.value)) return fail(`bad ${field} comparison`, v);
      return { t: 'time', field, op: op as CmpOp, value: ms };
    }
    if (has(BOOL_FIELDS, field)) {
      const b = v.kind === 'word' ? v.value.toLowerCase() : '';
      if ((op !== '=' && op !== '!=') || (b !== 'true' && b !== 'false')) return fail(`${field} needs = true or = false`, v);
      return { t: 'bool', field, op, value: b === 'true' };
    }
    return fail(`unknown field ${field}`, t);
  };
  const parseHas = (field: 'properties' | 'appProperties'): QueryNode => {
    expect(isWord(peek(), 'has'), `expected 'has' after ${field}`);
    i++;
    const open = peek();
    expect(open?.kind === 'punct' && open.value === '{', "expected '{'");
    i++;
    const pair: Record<string, string> = {};
    for (let n = 0; n < 2; n++) {
      const k = peek();
      if (k?.kind !== 'word' || (k.value !== 'key' && k.value !== 'value')) return fail("expected key= or value=");
      i++;
      const eq = peek();
      expect(eq?.kind === 'op' && eq.value === '=', "expected '='");
      i++;
      const v = peek();
      if (v?.kind !== 'string') return fail('expected a quoted value');
      i++;
      pair[k.value] = v.value;
      if (n === 0) {
        expect(isWord(peek(), 'and'), "expected 'and' inside {}");
        i++;
      }
    }
    const close = peek();
    expect(close?.kind === 'punct' && close.value === '}', "expected '}'");
    i++;
    if (pair.key === undefined || pair.value === undefined) return fail('properties has needs key and value');
    return { t: 'has', field, key: pair.key, value: pair.value };
  };

  if (toks.length === 0) fail('empty query');
  const node = parseOr();
  if (i < toks.length) fail('unexpected trailing input');
  return node;
}
