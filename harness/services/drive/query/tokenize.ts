/** Tokenizer of Drive's `q` search language: quoted strings, words, comparison operators, brackets. */

/** One token of a `q` string. */
export type Token =
  | { readonly kind: 'string'; readonly value: string; readonly pos: number }
  | { readonly kind: 'word'; readonly value: string; readonly pos: number }
  | { readonly kind: 'op'; readonly value: '=' | '!=' | '<' | '<=' | '>' | '>='; readonly pos: number }
  | { readonly kind: 'punct'; readonly value: '(' | ')' | '{' | '}'; readonly pos: number };

/** A syntax error in `q`, with the character position for the message. */
export class QuerySyntaxError extends Error {
  constructor(message: string, readonly pos: number) {
    super(message);
    this.name = 'QuerySyntaxError';
  }
}

/**
 * Limits of a `q` string. Drive documents none, but a `q` rides in the URL of a GET (Google's
 * front end refuses URLs past a few kilobytes with 414), so these are far above any query a
 * person or a client library builds and far below what could stall a call.
 */
export const Q_LIMITS = {
  /** Characters of `q`. */
  maxLength: 16_384,
  /** Terms (`name contains 'x'`, `'id' in parents`, …): each is evaluated once per file. */
  maxTerms: 500,
  /** Nesting of parentheses and `not`. */
  maxDepth: 50,
} as const;

/**
 * Splits a query into tokens. String literals use single quotes with `\'` and `\\`
 * escapes (double quotes are accepted too, as Drive tolerates them); words are runs of
 * letters, digits, `_` and `.` (field names, keywords, `true`, numbers).
 */
export function tokenize(q: string): Token[] {
  if (q.length > Q_LIMITS.maxLength) throw new QuerySyntaxError(`query longer than ${Q_LIMITS.maxLength} characters`, Q_LIMITS.maxLength);
  const out: Token[] = [];
  let i = 0;
  while (i < q.length) {
    const c = q[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === "'" || c === '"') {
      const start = i++;
      const parts: string[] = [];
      let closed = false;
      while (i < q.length) {
        const d = q[i]!;
        if (d === '\\' && i + 1 < q.length) {
          parts.push(q[i + 1]!);
          i += 2;
          continue;
        }
        if (d === c) {
          closed = true;
          i++;
          break;
        }
        parts.push(d);
        i++;
      }
      const value = parts.join('');
      if (!closed) throw new QuerySyntaxError('unterminated string literal', start);
      out.push({ kind: 'string', value, pos: start });
      continue;
    }
    if (c === '(' || c === ')' || c === '{' || c === '}') {
      out.push({ kind: 'punct', value: c, pos: i++ });
      continue;
    }
    if (c === '=' ) {
      out.push({ kind: 'op', value: '=', pos: i++ });
      continue;
    }
    if (c === '!' || c === '<' || c === '>') {
      const two = q.slice(i, i + 2);
      if (two === '!=' || two === '<=' || two === '>=') {
        out.push({ kind: 'op', value: two, pos: i });
        i += 2;
        continue;
      }
      if (c === '!') throw new QuerySyntaxError("unexpected '!'", i);
      out.push({ kind: 'op', value: c, pos: i++ });
      continue;
    }
    if (/[A-Za-z0-9_.:-]/.test(c)) {
      const start = i;
      while (i < q.length && /[A-Za-z0-9_.:-]/.test(q[i]!)) i++;
      out.push({ kind: 'word', value: q.slice(start, i), pos: start });
      continue;
    }
    throw new QuerySyntaxError(`unexpected character '${c}'`, i);
  }
  return out;
}
