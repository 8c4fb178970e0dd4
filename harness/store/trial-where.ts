/** The WHERE clause of trial queries (listings and report aggregates), with its bound values. */
import type { AggregateFilter } from './types.ts';

/** A SQL condition over `trials t JOIN runs r` and the values it binds, in order. */
export interface TrialWhere {
  /** `WHERE …`, or '' when nothing narrows. */
  readonly clause: string;
  readonly args: readonly unknown[];
}

/** Builds the condition: every field narrows; arrays mean "any of"; infra errors only when asked. */
export function trialWhere(filter: AggregateFilter): TrialWhere {
  const where: string[] = [];
  const args: unknown[] = [];
  const any = (col: string, vals: readonly unknown[] | undefined) => {
    if (!vals || vals.length === 0) return;
    where.push(`${col} IN (${vals.map(() => '?').join(',')})`);
    args.push(...vals);
  };
  any('t.run_id', filter.runIds);
  any('t.model', filter.models);
  any('t.agent', filter.agents);
  any('t.condition', filter.conditions);
  any('t.task_id', filter.taskIds);
  any('t.harness', filter.harnesses);
  any('t.category', filter.categories);
  any('t.safety_critical', filter.safetyCritical?.map((s) => (s ? 1 : 0)));
  if (filter.services && filter.services.length > 0) {
    // services is stored comma-joined: match whole names only.
    where.push(`(${filter.services.map(() => `(',' || t.services || ',') LIKE ?`).join(' OR ')})`);
    args.push(...filter.services.map((s) => `%,${s.replace(/[%_,]/g, '')},%`));
  }
  if (!filter.includeInfraErrors) where.push(`t.status = 'scored'`);
  return { clause: where.length ? `WHERE ${where.join(' AND ')}` : '', args };
}
