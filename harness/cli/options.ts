/** Parsing and validation of command-line values, with errors that name the flag and the fix. */
import { DeskbenchError, type Task } from '../core/index.ts';

/** Parses a positive integer flag (`--repeats 3`). */
export function positiveInt(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1) {
    throw new DeskbenchError('E_USAGE', `${flag} must be a positive integer, got "${value}"`, { hint: `e.g. ${flag} ${fallback}` });
  }
  return n;
}

/** Parses a non-negative integer flag (`--max-retries 0`). */
export function nonNegativeInt(flag: string, value: string): number {
  if (!/^\d+$/.test(value.trim())) throw new DeskbenchError('E_USAGE', `${flag} must be a non-negative integer, got "${value}"`);
  return Number(value);
}

/** Parses a non-negative number flag (`--max-cost-usd 2.5`). */
export function nonNegativeNumber(flag: string, value: string | undefined): number | null {
  if (value === undefined) return null;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) {
    throw new DeskbenchError('E_USAGE', `${flag} must be a non-negative number, got "${value}"`, { hint: `e.g. ${flag} 5` });
  }
  return n;
}

/** Parses `on|off` (`--skills on`). */
export function onOff(flag: string, value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  if (value === 'on' || value === 'off') return value === 'on';
  throw new DeskbenchError('E_USAGE', `${flag} must be "on" or "off", got "${value}"`);
}

/**
 * Splits a comma-separated (or repeated) list flag. An empty value or an empty item is a
 * usage error naming the flag: `--task ''` from an unset shell variable must not silently
 * mean "every task".
 */
export function commaList(flag: string, value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  const parts = Array.isArray(value) ? value : [value];
  const items = parts.flatMap((v) => v.split(',')).map((s) => s.trim());
  if (items.every((s) => s === '')) throw emptyValue(flag);
  if (items.some((s) => s === '')) {
    throw new DeskbenchError('E_USAGE', `${flag} "${parts.join(',')}" has an empty item; list values separated by single commas`);
  }
  return items;
}

/** The usage error for a flag (or argument) given an empty value. One line, naming it and the fix. */
export function emptyValue(flag: string): DeskbenchError {
  return new DeskbenchError('E_USAGE', `${flag} is empty: give it a value, or leave it out`);
}

/** Selects tasks by ids, tags and services (all given filters apply). Unknown ids are an error with suggestions. */
export function selectTasks(all: readonly Task[], filter: { ids?: string[]; tags?: string[]; services?: string[] }): Task[] {
  const byId = new Map(all.map((t) => [t.id, t]));
  let out = [...all];
  if (filter.ids && filter.ids.length > 0) {
    const unknown = filter.ids.filter((id) => !byId.has(id));
    if (unknown.length > 0) {
      const near = unknown.map((u) => closest(u, [...byId.keys()])).filter(Boolean);
      throw new DeskbenchError('E_TASK_UNKNOWN', `unknown task id${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`, {
        hint: near.length ? `did you mean ${near.join(', ')}? (\`deskbench list\` shows every task)` : 'run `deskbench list` to see every task id',
      });
    }
    out = filter.ids.map((id) => byId.get(id)!);
  }
  if (filter.tags && filter.tags.length > 0) out = out.filter((t) => filter.tags!.every((tag) => t.tags.includes(tag)));
  if (filter.services && filter.services.length > 0) out = out.filter((t) => t.services.some((s) => filter.services!.includes(s)));
  if (out.length === 0) {
    throw new DeskbenchError('E_TASK_UNKNOWN', 'no task matches the given --task/--tag/--service filters', { hint: 'run `deskbench list` to see tasks with their tags and services' });
  }
  return out;
}

/** The candidate with the smallest edit distance to `word`, if reasonably close. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(word, c);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}
