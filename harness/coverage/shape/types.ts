/**
 * Response-shape conformance: what the real APIs' resources look like (read from public
 * sources: the official clients' type definitions and the reference pages) and how a
 * response is checked against them. One runner (run.ts) drives per-API adapters.
 */

/** The JSON type of a value as a schema states it. */
export type JsonType = 'string' | 'number' | 'boolean' | 'array' | 'object' | 'any';

/** The type of one field: its JSON type, and what it holds when it is an object, array or map. */
export interface TypeSpec {
  readonly json: JsonType;
  /** Fields of an object (a named schema's or an inline one's). */
  readonly fields?: Readonly<Record<string, TypeSpec>>;
  /** A named schema whose fields are read lazily (`Schema$Event`). */
  readonly ref?: string;
  /** Element type of an array. */
  readonly items?: TypeSpec;
  /** Value type of a map (`{ [key: string]: T }`). */
  readonly values?: TypeSpec;
}

/** A named schema: its fields and their documentation. */
export interface SchemaSpec {
  readonly name: string;
  readonly fields: Readonly<Record<string, TypeSpec>>;
  readonly docs: Readonly<Record<string, string>>;
}

/** Where a resource's schemas come from: a lookup by name (undefined when unknown). */
export type SchemaSource = (name: string) => SchemaSpec | undefined;

/**
 * One view of a resource: the schema it is an instance of, the fields the real API always
 * returns in that view, and the fields it returns only under a condition (the condition as
 * documentation). Nested views name fields inside objects and array items (`payload.headers`).
 */
export interface ViewSpec {
  readonly schema: string;
  readonly always: readonly string[];
  readonly conditional?: Readonly<Record<string, string>>;
  /** Fields the schema has but the reference says this view never populates (the reason as documentation). */
  readonly never?: Readonly<Record<string, string>>;
  /** Views of nested objects or array elements, by field name. */
  readonly nested?: Readonly<Record<string, ViewSpec>>;
}

/** What a probe expects back. */
export type Expectation =
  | { readonly kind: 'view'; readonly view: ViewSpec }
  | { readonly kind: 'empty' }
  | { readonly kind: 'error'; readonly status: number; readonly reason?: string; readonly location?: string }
  | { readonly kind: 'bytes' };

/** A response as a probe saw it. */
export interface ProbeResponse {
  readonly status: number;
  readonly data: unknown;
}

/** One call of one method through the official client, and what its answer must look like. */
export interface Probe<C> {
  /** The method id without the service prefix, as the official client names it (`users.labels.list`). */
  readonly method: string;
  /** What the call is, for the report. */
  readonly what?: string;
  readonly expect: Expectation;
  readonly call: (clients: C, state: Record<string, string>) => Promise<ProbeResponse>;
}

/** One API plugged into the runner. */
export interface ApiAdapter<C> {
  readonly api: string;
  readonly schemas: SchemaSource;
  /** The shape of the API's error body (`error` envelope for Google, `ok:false` for Slack). */
  readonly checkError: (status: number, body: unknown, want: { status: number; reason?: string; location?: string }) => string[];
  readonly probes: readonly Probe<C>[];
}

/** One divergence: where and what. */
export interface Divergence {
  readonly method: string;
  readonly path: string;
  readonly problem: string;
}

/** The result of one API's probes. */
export interface ShapeResult {
  readonly api: string;
  /** Distinct methods probed. */
  readonly methods: number;
  readonly probes: number;
  /** Field checks made (presence of always-fields, JSON types of present fields, error envelope fields). */
  readonly fieldsChecked: number;
  readonly fieldsConforming: number;
  readonly divergences: readonly Divergence[];
}
