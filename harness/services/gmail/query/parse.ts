/** Gmail search syntax: tokenizer and recursive-descent parser from a `q` string to an AST. */

/** A node of a parsed query. `field` is the operator (`from`, `label`, …); absent for free text. */
export type QueryNode =
  | { readonly t: 'and'; readonly items: readonly QueryNode[] }
  | { readonly t: 'or'; readonly items: readonly QueryNode[] }
  | { readonly t: 'not'; readonly item: QueryNode }
  | { readonly t: 'term'; readonly field: string | undefined; readonly value: string; readonly quoted: boolean };

/** A query that cannot be parsed; the handler turns it into a 400. */
export class QuerySyntaxError extends Error {}

/**
 * Limits a query meets before it is parsed or evaluated. Gmail documents none for `q`
 * (a GET query string is bounded by the URL itself: Google's front end answers 414 past
 * a few kilobytes), so these sit far above any query a person writes and far below what
 * would stall a call: a real search is a few dozen terms, rarely nested past 3 levels.
 */
export const QUERY_LIMITS = {
  /** Characters of `q` (16 KiB: larger than any URL Google accepts). */
  maxLength: 16_384,
  /** Terms (words, phrases, `op:value`), the unit of evaluation work. */
  maxTerms: 1_000,
  /** Nesting of brackets, `op:(...)` groups and `-` negations. */
  maxDepth: 50,
} as const;

/** Operators Gmail understands; `word:value` with any other word is free text. */
export const OPERATORS: ReadonlySet<string> = new Set([
  'from', 'to', 'cc', 'bcc', 'subject', 'label', 'is', 'in', 'has', 'filename', 'after', 'before', 'older',
  'newer', 'older_than', 'newer_than', 'larger', 'smaller', 'size', 'category', 'rfc822msgid', 'deliveredto', 'list',
]);

type Token =
  | { k: '(' | ')' | '{' | '}' | 'OR' | 'NOT' }
  | { k: 'field'; field: string }
  | { k: 'term'; field: string | undefined; value: string; quoted: boolean };

const STOP = /[\s(){}"]/;

/** Splits a query into tokens. `field:(` and `field:{` become a field token opening a group. */
export function tokenize(q: string): Token[] {
  if (q.length > QUERY_LIMITS.maxLength) throw new QuerySyntaxError(`Query too long (more than ${QUERY_LIMITS.maxLength} characters)`);
  const out: Token[] = [];
  let terms = 0;
  const countTerm = () => {
    if (++terms > QUERY_LIMITS.maxTerms) throw new QuerySyntaxError(`Query too complex (more than ${QUERY_LIMITS.maxTerms} terms)`);
  };
  let i = 0;
  const readQuoted = (): string => {
    const end = q.indexOf('"', i + 1);
    if (end < 0) throw new QuerySyntaxError('Unterminated quoted phrase');
    const v = q.slice(i + 1, end);
    i = end + 1;
    return v;
  };
  while (i < q.length) {
    const ch = q[i]!;
    if (/\s/.test(ch)) { i++; continue; }
    if (ch === '(' || ch === ')' || ch === '{' || ch === '}') { out.push({ k: ch }); i++; continue; }
    if (ch === '"') { countTerm(); out.push({ k: 'term', field: undefined, value: readQuoted(), quoted: true }); continue; }
    if (ch === '-' && i + 1 < q.length && !/\s/.test(q[i + 1]!)) { out.push({ k: 'NOT' }); i++; continue; }
    let j = i;
    while (j < q.length && !STOP.test(q[j]!)) j++;
    const word = q.slice(i, j);
    i = j;
    if (word === 'OR' || word === '|') { out.push({ k: 'OR' }); continue; }
    if (word === 'AND') continue;
    const colon = word.indexOf(':');
    const op = colon > 0 ? word.slice(0, colon).toLowerCase() : '';
    if (colon > 0 && OPERATORS.has(op)) {
      countTerm();
      const rest = word.slice(colon + 1);
      if (rest !== '') { out.push({ k: 'term', field: op, value: rest, quoted: false }); continue; }
      const next = q[i];
      if (next === '"') { out.push({ k: 'term', field: op, value: readQuoted(), quoted: true }); continue; }
      if (next === '(' || next === '{') { out.push({ k: 'field', field: op }); continue; }
      throw new QuerySyntaxError(`Missing value after "${op}:"`);
    }
    if (word !== '') { countTerm(); out.push({ k: 'term', field: undefined, value: word, quoted: false }); }
  }
  return out;
}

/**
 * Parses a query string into an AST (an empty query is an empty AND, which matches everything).
 * Recursive descent with an explicit depth bound (QUERY_LIMITS.maxDepth), so no query can
 * overflow the stack; every later walk of the AST inherits that bound.
 */
export function parseQuery(q: string): QueryNode {
  const toks = tokenize(q);
  let pos = 0;
  let depth = 0;
  const peek = () => toks[pos];
  const enter = () => {
    if (++depth > QUERY_LIMITS.maxDepth) throw new QuerySyntaxError(`Query nested too deeply (more than ${QUERY_LIMITS.maxDepth} levels)`);
  };

  // seq := or* (implicit AND) until a closing bracket or the end
  const seq = (field: string | undefined, close: ')' | '}' | undefined): QueryNode => {
    const items: QueryNode[] = [];
    for (;;) {
      const t = peek();
      if (t === undefined) {
        if (close) throw new QuerySyntaxError(`Missing "${close}"`);
        break;
      }
      if (t.k === ')' || t.k === '}') {
        if (t.k !== close) throw new QuerySyntaxError(`Unexpected "${t.k}"`);
        break;
      }
      items.push(or(field));
    }
    // `{a b}` means any of them; `(a b)` means all of them.
    if (close === '}') return { t: 'or', items };
    return items.length === 1 ? items[0]! : { t: 'and', items };
  };

  const or = (field: string | undefined): QueryNode => {
    const items = [unary(field)];
    while (peek()?.k === 'OR') {
      pos++;
      const t = peek();
      if (t === undefined || t.k === ')' || t.k === '}' || t.k === 'OR') throw new QuerySyntaxError('OR needs a term on both sides');
      items.push(unary(field));
    }
    return items.length === 1 ? items[0]! : { t: 'or', items };
  };

  const unary = (field: string | undefined): QueryNode => {
    const t = toks[pos++];
    if (t === undefined) throw new QuerySyntaxError('Unexpected end of query');
    switch (t.k) {
      case 'NOT': { enter(); const n: QueryNode = { t: 'not', item: unary(field) }; depth--; return n; }
      case '(': { enter(); const n = seq(field, ')'); pos++; depth--; return n; }
      case '{': { enter(); const n = seq(field, '}'); pos++; depth--; return n; }
      case 'field': {
        const open = toks[pos++];
        if (!open || (open.k !== '(' && open.k !== '{')) throw new QuerySyntaxError(`Missing value after "${t.field}:"`);
        enter();
        const n = seq(t.field, open.k === '(' ? ')' : '}');
        pos++;
        depth--;
        return n;
      }
      case 'term': return { t: 'term', field: t.field ?? field, value: t.value, quoted: t.quoted };
      case 'OR': throw new QuerySyntaxError('OR needs a term on both sides');
      default: throw new QuerySyntaxError(`Unexpected "${t.k}"`);
    }
  };

  const ast = seq(undefined, undefined);
  if (pos < toks.length) throw new QuerySyntaxError(`Unexpected "${toks[pos]!.k}"`);
  return ast;
}

/** True when a query names the trash or spam (then the default exclusion of those is off). */
export function mentionsTrashOrSpam(node: QueryNode): boolean {
  switch (node.t) {
    case 'and':
    case 'or': return node.items.some(mentionsTrashOrSpam);
    case 'not': return mentionsTrashOrSpam(node.item);
    case 'term': {
      const v = node.value.toLowerCase();
      return (node.field === 'in' && (v === 'trash' || v === 'spam' || v === 'anywhere')) ||
        (node.field === 'label' && (v === 'trash' || v === 'spam'));
    }
  }
}
