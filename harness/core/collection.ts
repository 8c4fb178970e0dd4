/** Copy-on-write record collection: a frozen shared base plus a per-trial overlay. */

const DELETED: unique symbol = Symbol('deleted');
type Slot<T> = T | typeof DELETED;

/** True when an overlay slot marks a deleted base record (for journal readers). */
export function isDeletedSlot(slot: unknown): boolean {
  return slot === DELETED;
}

/** Deep-freezes a plain value so that shared base records can never be mutated in place. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value;
}

/** Journal hook: told the previous overlay slot of a key before its first change. */
export type JournalFn = (collection: Collection<unknown>, id: string, previous: Slot<unknown> | undefined) => void;

/** Read hook: told each id read with `get`, so the action log can say what was read. */
export type ReadFn = (collection: Collection<unknown>, id: string) => void;

/**
 * Records of one kind keyed by id, e.g. `gmail.messages`.
 *
 * The base map is shared by every trial made from the same base workspace and is
 * never written; each trial writes into its own overlay. Records are frozen: to
 * change one, `set` a new object (`{...old, field}`). This keeps trial creation
 * O(number of collections) and lets diff read the overlay alone.
 */
export class Collection<T> {
  /** Fully qualified name, `service.collection`. */
  readonly key: string;
  private readonly base: ReadonlyMap<string, T>;
  private overlay = new Map<string, Slot<T>>();
  private added = 0;
  private removed = 0;
  /** Set by the workspace to journal changes for rollback. */
  journal: JournalFn | undefined;
  /** Set by the workspace to note reads made during an operation call. */
  onRead: ReadFn | undefined;

  constructor(key: string, base: ReadonlyMap<string, T> = new Map()) {
    this.key = key;
    this.base = base;
  }

  /** The record with this id, or undefined. Counts as a read in the action log. */
  get(id: string): T | undefined {
    const r = this.peek(id);
    if (r !== undefined && this.onRead) this.onRead(this as Collection<unknown>, id);
    return r;
  }

  /** Like `get` but not noted as a read (for internal lookups). */
  peek(id: string): T | undefined {
    // A collection this trial has not written (most of them, most of the time) is its base.
    if (this.overlay.size === 0) return this.base.get(id);
    const slot = this.overlay.get(id);
    if (slot === DELETED) return undefined;
    if (slot !== undefined) return slot;
    return this.base.get(id);
  }

  /** True when a record with this id exists. */
  has(id: string): boolean {
    return this.peek(id) !== undefined;
  }

  /** Number of live records. */
  get size(): number {
    return this.base.size + this.added - this.removed;
  }

  /** Inserts or replaces a record (frozen on the way in). */
  set(id: string, record: T): void {
    const before = this.overlay.get(id);
    const existed = this.has(id);
    this.journal?.(this as Collection<unknown>, id, before);
    this.overlay.set(id, deepFreeze(record));
    if (!existed) {
      if (this.base.has(id)) this.removed--;
      else this.added++;
    }
  }

  /** Replaces a record by applying `fn` to the current one; throws if absent. */
  update(id: string, fn: (current: T) => T): T {
    const cur = this.peek(id);
    if (cur === undefined) throw new Error(`${this.key}: no record ${id}`);
    const next = fn(cur);
    this.set(id, next);
    return next;
  }

  /** Removes a record; returns whether it existed. */
  delete(id: string): boolean {
    if (!this.has(id)) return false;
    const before = this.overlay.get(id);
    this.journal?.(this as Collection<unknown>, id, before);
    if (this.base.has(id)) {
      this.overlay.set(id, DELETED);
      this.removed++;
    } else {
      this.overlay.delete(id);
      this.added--;
    }
    return true;
  }

  /** Live ids: base order first, then records added in this trial in insertion order. */
  keys(): IterableIterator<string> {
    // Fast path: a trial that has not written this collection iterates the shared base natively.
    return this.overlay.size === 0 ? this.base.keys() : this.overlayKeys();
  }

  private *overlayKeys(): IterableIterator<string> {
    for (const id of this.base.keys()) {
      if (this.overlay.get(id) !== DELETED) yield id;
    }
    for (const [id, slot] of this.overlay) {
      if (slot !== DELETED && !this.base.has(id)) yield id;
    }
  }

  /** Live records in `keys()` order. Iteration is not noted as a read. */
  values(): IterableIterator<T> {
    return this.overlay.size === 0 ? this.base.values() : this.overlayValues();
  }

  private *overlayValues(): IterableIterator<T> {
    for (const [id, rec] of this.base) {
      const slot = this.overlay.get(id);
      if (slot === DELETED) continue;
      yield slot === undefined ? rec : slot;
    }
    for (const [id, slot] of this.overlay) {
      if (slot !== DELETED && !this.base.has(id)) yield slot;
    }
  }

  /** Live [id, record] pairs in `keys()` order. */
  *entries(): IterableIterator<[string, T]> {
    for (const id of this.keys()) yield [id, this.peek(id) as T];
  }

  /** All live records as a plain object (for state dumps and hashing). */
  toObject(): Record<string, T> {
    const out: Record<string, T> = {};
    for (const [id, r] of this.entries()) out[id] = r;
    return out;
  }

  /** Ids changed in this trial relative to the base, split into added/removed/changed. */
  changes(): { added: string[]; removed: string[]; changed: string[] } {
    const added: string[] = [];
    const removed: string[] = [];
    const changed: string[] = [];
    for (const [id, slot] of this.overlay) {
      const inBase = this.base.has(id);
      if (slot === DELETED) removed.push(id);
      else if (!inBase) added.push(id);
      else if (slot !== this.base.get(id)) changed.push(id);
    }
    return { added, removed, changed };
  }

  /** The base version of a record (before this trial touched it). */
  baseRecord(id: string): T | undefined {
    return this.base.get(id);
  }

  /**
   * The shared, never-written base map itself: services key indexes over the base on it
   * (built once, shared by every trial of that base) and read this trial's changes from
   * `changes()`, so a write costs nothing extra and a read costs O(its changes).
   */
  baseMap(): ReadonlyMap<string, T> {
    return this.base;
  }

  /** Captures the overlay (cheap: proportional to what this trial changed). */
  snapshotOverlay(): ReadonlyMap<string, Slot<T>> {
    return new Map(this.overlay);
  }

  /** Restores an overlay captured by `snapshotOverlay`. */
  restoreOverlay(snap: ReadonlyMap<string, Slot<T>>): void {
    this.overlay = new Map(snap);
    this.recount();
  }

  /** Puts back one overlay slot (journal rollback). O(1): counts are adjusted, not recounted. */
  restoreSlot(id: string, previous: Slot<T> | undefined): void {
    const liveBefore = this.has(id);
    if (previous === undefined) this.overlay.delete(id);
    else this.overlay.set(id, previous);
    const delta = Number(this.has(id)) - Number(liveBefore);
    if (this.base.has(id)) this.removed -= delta;
    else this.added += delta;
  }

  /** The current live records as a base map; the shared base itself when this trial changed nothing. */
  flatten(): ReadonlyMap<string, T> {
    if (this.overlay.size === 0) return this.base;
    return new Map(this.entries());
  }

  private recount(): void {
    let added = 0;
    let removed = 0;
    for (const [id, slot] of this.overlay) {
      if (slot === DELETED) removed++;
      else if (!this.base.has(id)) added++;
    }
    this.added = added;
    this.removed = removed;
  }
}
