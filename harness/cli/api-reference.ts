/** Renders the API reference of each service from its operation table (docs/api/<service>.md). */
import type { Operation, Service } from '../core/index.ts';
import { bodySchema, paramsSchema, type JsonSchema } from '../agents/tools/schema.ts';

/** Fewest fields an array item of a body must have to get its own table (a oneof of request kinds, not a plain record). */
const MIN_KINDS_LISTED = 12;

const cell = (s: unknown) => String(s ?? '').replace(/\|/g, '\\|').replace(/\n+/g, ' ');

function typeOf(s: JsonSchema): string {
  if (Array.isArray(s.enum)) return (s.enum as unknown[]).map((v) => `\`${String(v)}\``).join(' \\| ');
  if (s.type === 'array') return `${typeOf((s.items as JsonSchema) ?? {})}[]`;
  if (typeof s.type === 'string') return s.type;
  if (Array.isArray(s.anyOf)) return (s.anyOf as JsonSchema[]).map(typeOf).join(' \\| ');
  return 'any';
}

function fieldTable(schema: JsonSchema | null): string[] {
  const props = (schema?.properties as Record<string, JsonSchema> | undefined) ?? {};
  const names = Object.keys(props);
  if (names.length === 0) return ['(none)'];
  const required = new Set((schema?.required as string[] | undefined) ?? []);
  return [
    '| name | type | required | description |',
    '| --- | --- | --- | --- |',
    ...names.map((n) => `| \`${n}\` | ${cell(typeOf(props[n]!))} | ${required.has(n) ? 'yes' : ''} | ${cell(props[n]!.description)} |`),
  ];
}

function renderOperation(op: Operation): string[] {
  const upload = op.http.uploadPath ? ` (media upload: \`${op.http.method} ${op.http.uploadPath}\`)` : '';
  const lines = [
    `### \`${op.id}\``, '',
    `\`${op.http.method} ${op.http.path}\`${upload} · ${op.kind}${op.style === 'slack' && op.tokens.length === 1 ? ` · ${op.tokens[0]} token only` : ''}`, '',
    op.description, '',
    op.style === 'slack' ? '**Arguments**' : '**Parameters** (path and query)', '',
    ...fieldTable(paramsSchema(op)),
  ];
  const body = bodySchema(op);
  if (body) lines.push('', '**Request body**', '', ...fieldTable(body));
  // A body that is a list of one-of requests (Docs batchUpdate) lists each kind it accepts.
  for (const [name, field] of Object.entries((body?.properties as Record<string, JsonSchema> | undefined) ?? {})) {
    const items = field.type === 'array' ? (field.items as JsonSchema | undefined) : undefined;
    const kinds = (items?.properties as Record<string, JsonSchema> | undefined) ?? {};
    if (Object.keys(kinds).length < MIN_KINDS_LISTED) continue;
    lines.push('', `**\`${name}[]\` kinds** (set exactly one per item)`, '', ...fieldTable(items!));
  }
  return [...lines, ''];
}

/** The markdown reference of one service, generated from its operation table. */
export function renderServiceReference(service: Service): string {
  const writes = service.operations.filter((o) => o.kind === 'write').length;
  return [
    `# ${service.title} reference`, '',
    '<!-- Generated from the operation table by `deskbench api-docs`; do not edit by hand. -->', '',
    `${service.operations.length} operations (${service.operations.length - writes} read, ${writes} write), served under \`${service.basePath}\`.`, '',
    ...service.operations.flatMap(renderOperation),
  ].join('\n');
}
