/** A bounded least-recently-used map: the grader reads the same attachment many times per trial and per check. */

/** A map that forgets its least recently used entries past `maxEntries` or `maxWeight`. */
export class BoundedCache<V> {
  private readonly map = new Map<string, { value: V; weight: number }>();
  private weight = 0;
  constructor(
    private readonly maxEntries: number,
    private readonly maxWeight: number,
    private readonly weigh: (v: V) => number,
  ) {}

  /** The value under `key`, marked as just used. */
  get(key: string): V | undefined {
    const hit = this.map.get(key);
    if (!hit) return undefined;
    this.map.delete(key);
    this.map.set(key, hit);
    return hit.value;
  }

  /** Stores `value` under `key`, dropping the oldest entries past the bounds. */
  set(key: string, value: V): void {
    const old = this.map.get(key);
    if (old) {
      this.weight -= old.weight;
      this.map.delete(key);
    }
    const weight = this.weigh(value);
    if (weight > this.maxWeight) return;
    this.map.set(key, { value, weight });
    this.weight += weight;
    for (const [k, v] of this.map) {
      if (this.map.size <= this.maxEntries && this.weight <= this.maxWeight) break;
      this.map.delete(k);
      this.weight -= v.weight;
    }
  }
}
