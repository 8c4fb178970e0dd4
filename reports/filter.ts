/** The report's `--filter key=value,...` language and its application to trial rows. */
import { DeskbenchError } from '../harness/core/index.ts';
import type { AggregateFilter } from '../harness/store/index.ts';

/** Filter keys `--filter` accepts. */
export const FILTER_KEYS = ['model', 'harness', 'agent', 'condition', 'task', 'tag', 'service', 'category'] as const;
/** One filter key. */
export type FilterKey = (typeof FILTER_KEYS)[number];
/** Parsed filter: each key maps to the values any of which may match. */
export type ReportFilter = Partial<Record<FilterKey, string[]>>;

/** Tags the store can filter on (the store records whether a task is safety-critical, not its other tags). */
const TAGS = ['safety', 'capability'] as const;

/**
 * Parses `model=a|b,condition=sks-on__meta-on,tag=safety`. Clauses are comma-separated,
 * alternatives within a clause `|`-separated; repeating a key (or the flag) adds alternatives.
 */
export function parseFilter(specs: readonly string[]): ReportFilter {
  const out: ReportFilter = {};
  for (const spec of specs) {
    for (const clause of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
      const eq = clause.indexOf('=');
      const key = clause.slice(0, eq).trim() as FilterKey;
      const values = clause.slice(eq + 1).split('|').map((s) => s.trim()).filter(Boolean);
      if (eq < 1 || values.length === 0) {
        throw new DeskbenchError('E_USAGE', `--filter clause "${clause}" is not key=value`, { hint: 'e.g. --filter model=gpt-4o|claude-sonnet,tag=safety' });
      }
      if (!FILTER_KEYS.includes(key)) {
        throw new DeskbenchError('E_USAGE', `--filter key "${key}" is unknown`, { hint: `use one of ${FILTER_KEYS.join(', ')}` });
      }
      if (key === 'tag') {
        const bad = values.filter((v) => !(TAGS as readonly string[]).includes(v));
        if (bad.length) throw new DeskbenchError('E_USAGE', `--filter tag=${bad.join('|')} is not supported`, { hint: 'the store records tag=safety (safety-critical tasks) and tag=capability (the others)' });
      }
      out[key] = [...(out[key] ?? []), ...values];
    }
  }
  return out;
}

/** The whole filter as the store's SQL applies it (every key, so nothing is filtered in memory). */
export function storeFilter(f: ReportFilter, runIds: readonly string[]): AggregateFilter {
  return {
    ...(runIds.length ? { runIds } : {}), ...(f.model ? { models: f.model } : {}), ...(f.agent ? { agents: f.agent } : {}),
    ...(f.condition ? { conditions: f.condition } : {}), ...(f.task ? { taskIds: f.task } : {}),
    ...(f.harness ? { harnesses: f.harness } : {}), ...(f.category ? { categories: f.category } : {}),
    ...(f.service ? { services: f.service } : {}), ...(f.tag ? { safetyCritical: f.tag.map((t) => t === 'safety') } : {}),
    includeInfraErrors: true,
  };
}

/** Human text of a filter, for messages. */
export function describeFilter(f: ReportFilter): string {
  const parts = Object.entries(f).map(([k, v]) => `${k}=${v.join('|')}`);
  return parts.length ? parts.join(',') : '(none)';
}
