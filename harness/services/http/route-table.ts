/** The HTTP route table, compiled from operation tables (never hand-written routes). */
import type { HttpMethod, Operation } from '../../core/index.ts';

/** One compiled Google route: a method, a path matcher and the operation it runs. */
export interface GoogleRoute {
  readonly op: Operation;
  readonly method: HttpMethod;
  /** The template it was compiled from (`/v1/documents/{documentId}:batchUpdate`). */
  readonly template: string;
  /** True for the `/upload/...` twin of the operation. */
  readonly upload: boolean;
  readonly regex: RegExp;
  readonly names: readonly string[];
  /** Sort key: routes with more literal text win (`/files/trash` before `/files/{fileId}`). */
  readonly literalWeight: number;
}

/** A Google route match: the operation, whether it is the upload twin, and decoded path params. */
export interface RouteMatch {
  readonly route: GoogleRoute;
  readonly params: Record<string, string>;
}

/** Outcome of matching a path: a match, a bad percent-encoding, or nothing. */
export type MatchResult = { kind: 'match'; match: RouteMatch } | { kind: 'badEncoding' } | { kind: 'none' };

/** Compiled routes of every operation, Google by regex and Slack by method name. */
export interface RouteTable {
  readonly google: readonly GoogleRoute[];
  /** Slack `/api/<method>` path → operation. */
  readonly slack: ReadonlyMap<string, Operation>;
  /** Every operation in the table, in table order. */
  readonly operations: readonly Operation[];
}

const PARAM = /\{([A-Za-z0-9_.]+)\}/g;

/**
 * Compiles a path template into a regex over the *raw* (still percent-encoded) path.
 * Params match one segment and stop at `:` so a `{id}:verb` suffix splits correctly;
 * the clients percent-encode `:` inside values, so real ids never contain a bare colon.
 */
export function compileTemplate(template: string): { regex: RegExp; names: string[]; literalWeight: number } {
  const names: string[] = [];
  let source = '';
  let last = 0;
  let literal = 0;
  for (const m of template.matchAll(PARAM)) {
    const lit = template.slice(last, m.index);
    source += escapeRegex(lit);
    literal += lit.length;
    source += '([^/:]+)';
    names.push(m[1]!);
    last = m.index + m[0].length;
  }
  const tail = template.slice(last);
  source += escapeRegex(tail);
  literal += tail.length;
  return { regex: new RegExp(`^${source}/?$`), names, literalWeight: literal };
}

/** Builds the route table of a set of operations. */
export function buildRouteTable(operations: Iterable<Operation>): RouteTable {
  const google: GoogleRoute[] = [];
  const slack = new Map<string, Operation>();
  const ops = [...operations];
  for (const op of ops) {
    if (op.style === 'slack') {
      slack.set(op.http.path, op);
      continue;
    }
    const add = (template: string, upload: boolean) => {
      const c = compileTemplate(template);
      google.push({ op, method: op.http.method, template, upload, ...c });
    };
    add(op.http.path, false);
    if (op.http.uploadPath) add(op.http.uploadPath, true);
  }
  google.sort((a, b) => b.literalWeight - a.literalWeight || b.template.length - a.template.length);
  return { google, slack, operations: ops };
}

/** Finds the Google route for a method and raw path; decodes path params. */
export function matchGoogle(table: RouteTable, method: string, rawPath: string): MatchResult {
  for (const route of table.google) {
    if (route.method !== method) continue;
    const m = route.regex.exec(rawPath);
    if (!m) continue;
    const params: Record<string, string> = {};
    try {
      route.names.forEach((name, i) => {
        params[name] = decodeURIComponent(m[i + 1]!);
      });
    } catch {
      return { kind: 'badEncoding' };
    }
    return { kind: 'match', match: { route, params } };
  }
  return { kind: 'none' };
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
