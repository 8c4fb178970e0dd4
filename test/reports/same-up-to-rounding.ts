/** Deep equality for reports and sums computed two ways: numbers may differ in their last bits (addition order). */
import { expect } from 'vitest';

/** Deep equality where numbers may differ by rounding (1e-9 relative). */
export function expectSameUpToRounding(a: unknown, b: unknown, path = '$'): void {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isNaN(a) || Number.isNaN(b)) expect(Number.isNaN(a), path).toBe(Number.isNaN(b));
    else expect(Math.abs(a - b), `${path}: ${a} vs ${b}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(a), Math.abs(b)));
    return;
  }
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') {
    expect(a, path).toEqual(b);
    return;
  }
  expect(Array.isArray(a), path).toBe(Array.isArray(b));
  const ka = Object.keys(a as object).sort();
  expect(ka, path).toEqual(Object.keys(b as object).sort());
  for (const k of ka) expectSameUpToRounding((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
}
