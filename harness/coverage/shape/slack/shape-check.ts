/**
 * Checks one JSON response against the SDK's declared shape: every field the response
 * carries that the declarations know has the declared JSON type (recursively), and every
 * field the docs say is always present (always-present.ts) is there. Fields the
 * declarations do not know are reported as extras, not failures: the generated types are
 * a sample of real responses, not a closed list.
 */
import type { ObjectType, ResponseTypes, TypeNode } from './response-types.ts';
import type { DocumentedType, Requirement } from './always-present.ts';

/** One way a response differs from the real shape. */
export interface ShapeProblem {
  readonly path: string;
  readonly kind: 'missing' | 'type';
  readonly expected: string;
  readonly actual?: string;
}

/** The outcome for one response. */
export interface ShapeReport {
  readonly problems: ShapeProblem[];
  /** Fields whose type was checked. */
  readonly checked: number;
  /** Always-present fields looked for (each place a requirement applied). */
  readonly required: number;
  /** Paths of fields the declarations do not name (informational). */
  readonly extras: string[];
}

/** Elements of an array checked per array (all of them would only repeat the same findings). */
const MAX_ELEMENTS = 40;
const MAX_DEPTH = 30;

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

function describe(t: TypeNode): string {
  switch (t.kind) {
    case 'array':
      return `${describe(t.of)}[]`;
    case 'map':
      return `{[key]: ${describe(t.of)}}`;
    case 'union':
      return t.of.map(describe).join(' | ');
    case 'ref':
      return t.name;
    default:
      return t.kind;
  }
}

/** Checks `value` against the declared shapes of a response; `requirements` add the always-present fields. */
export function checkShape(value: unknown, types: ResponseTypes, requirements: readonly Requirement[] = [], documented: readonly DocumentedType[] = []): ShapeReport {
  const problems: ShapeProblem[] = [];
  const extras: string[] = [];
  let checked = 0;

  const matches = (v: unknown, t: TypeNode, path: string, depth: number, sink: ShapeProblem[]): void => {
    if (depth > MAX_DEPTH) return;
    switch (t.kind) {
      case 'any':
        return;
      case 'null':
        if (v !== null) sink.push({ path, kind: 'type', expected: 'null', actual: jsonType(v) });
        return;
      case 'string':
      case 'number':
      case 'boolean':
        if (typeof v !== t.kind) sink.push({ path, kind: 'type', expected: t.kind, actual: jsonType(v) });
        return;
      case 'array':
        if (!Array.isArray(v)) {
          sink.push({ path, kind: 'type', expected: describe(t), actual: jsonType(v) });
          return;
        }
        v.slice(0, MAX_ELEMENTS).forEach((x, i) => matches(x, t.of, `${path}[${i}]`, depth + 1, sink));
        return;
      case 'map':
        if (jsonType(v) !== 'object') {
          sink.push({ path, kind: 'type', expected: describe(t), actual: jsonType(v) });
          return;
        }
        for (const [k, x] of Object.entries(v as Record<string, unknown>).slice(0, MAX_ELEMENTS)) matches(x, t.of, `${path}.${k}`, depth + 1, sink);
        return;
      case 'union': {
        for (const alt of t.of) {
          const trial: ShapeProblem[] = [];
          matches(v, alt, path, depth + 1, trial);
          if (trial.length === 0) return;
        }
        sink.push({ path, kind: 'type', expected: describe(t), actual: jsonType(v) });
        return;
      }
      case 'ref': {
        const en = types.enums.get(t.name);
        if (en) {
          const kind = typeof en[0] === 'number' ? 'number' : 'string';
          if (typeof v !== kind) sink.push({ path, kind: 'type', expected: `${t.name} (${kind})`, actual: jsonType(v) });
          return;
        }
        const obj = types.objects.get(t.name);
        if (!obj) throw new Error(`${types.file}: ${t.name} is not declared`);
        object(v, obj, path, depth + 1, sink);
      }
    }
  };

  const object = (v: unknown, obj: ObjectType, path: string, depth: number, sink: ShapeProblem[]): void => {
    if (jsonType(v) !== 'object') {
      sink.push({ path, kind: 'type', expected: obj.name, actual: jsonType(v) });
      return;
    }
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      const field = obj.fields.get(k);
      const p = path ? `${path}.${k}` : k;
      if (!field) {
        if (sink === problems && !obj.open) extras.push(p);
        continue;
      }
      // quicktype leaves out fields it only ever saw as null, so a null never contradicts a declaration.
      if (x === null) continue;
      if (sink === problems) checked++;
      const norm = p.replace(/\[\d+\]/g, '[]');
      const doc = documented.find((d) => norm.endsWith(d.suffix));
      if (doc) {
        if (jsonType(x) !== doc.type) sink.push({ path: p, kind: 'type', expected: `${doc.type} (${doc.doc})`, actual: jsonType(x) });
        continue;
      }
      matches(x, field.type, p, depth, sink);
    }
  };

  object(value, types.objects.get(types.root)!, '', 0, problems);
  let required = 0;
  for (const r of requirements) required += missing(value, r, problems);
  return { problems, checked, required, extras };
}

/** Reports each place a required field is absent (the path may cross arrays with `[]`); returns the places looked at. */
function missing(value: unknown, r: Requirement, out: ShapeProblem[]): number {
  let looked = 0;
  const segments = r.path.split('.');
  const walk = (v: unknown, i: number, at: string): void => {
    if (v === null || typeof v !== 'object') return;
    let seg = segments[i]!;
    const many = seg.endsWith('[]');
    if (many) seg = seg.slice(0, -2);
    const parent = v as Record<string, unknown>;
    const here = at ? `${at}.${seg}` : seg;
    if (i === segments.length - 1 && !many) {
      if (r.when && !r.when.test(parent)) return;
      looked++;
      if (!(seg in parent) || parent[seg] === undefined) out.push({ path: here, kind: 'missing', expected: `present (${r.doc})` });
      return;
    }
    const next = parent[seg];
    if (next === undefined) return;
    if (many) {
      if (Array.isArray(next)) next.slice(0, MAX_ELEMENTS).forEach((x, k) => walk(x, i + 1, `${here}[${k}]`));
      return;
    }
    walk(next, i + 1, here);
  };
  walk(value, 0, '');
  return looked;
}
