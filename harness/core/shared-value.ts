/**
 * Values shared between trials: a service may hand the same rendered resource to every trial
 * that reads the same unchanged base record (a week's events, the same message), instead of
 * building it anew for each. Such a value is deep-frozen, so no reader can change what the next
 * one gets, and its JSON text is written once and kept with it: a thousand trials listing the
 * same week serialise it once.
 */
import { deepFreeze } from './collection.ts';

/** Values deep-frozen by `shareValue`, with their JSON text once someone asked for it. */
const shared = new WeakMap<object, { json?: string }>();

/** Deep-freezes `value` and marks it shared, so `jsonOf` may keep its text; returns it. */
export function shareValue<T extends object>(value: T): T {
  if (!shared.has(value)) {
    deepFreeze(value);
    shared.set(value, {});
  }
  return value;
}

/**
 * `JSON.stringify(value)`, kept for shared values (`shareValue`), which can no longer change;
 * any other value is serialised every time. `undefined` when the value has no JSON, as with
 * `JSON.stringify`.
 */
export function jsonOf(value: unknown): string | undefined {
  const entry = value !== null && typeof value === 'object' ? shared.get(value) : undefined;
  if (entry === undefined) return JSON.stringify(value) as string | undefined;
  return (entry.json ??= JSON.stringify(value) as string);
}
