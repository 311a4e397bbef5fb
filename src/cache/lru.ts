/**
 * A bounded map of values computed from a key, the least recently used out first. For pure work an
 * org plan repeats across repositories (the same workflow text parsed, the same YAML data serialized,
 * the same blob read): the bound keeps memory flat however many repositories go through.
 */
export class Lru<V> {
  private readonly entries = new Map<string, V>();
  hits = 0;
  misses = 0;

  constructor(private readonly limit: number) {}

  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    // A Map iterates in insertion order: moving the entry last keeps the oldest first.
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value as string);
  }

  /** The value for `key`, made by `make` (and kept) the first time. Values must be treated as read-only. */
  remember(key: string, make: () => V): V {
    const known = this.get(key);
    if (known !== undefined) {
      this.hits += 1;
      return known;
    }
    this.misses += 1;
    const value = make();
    this.set(key, value);
    return value;
  }

  get size(): number {
    return this.entries.size;
  }
}
