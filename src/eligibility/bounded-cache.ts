import { flatString } from '../core/flat-string.js';

/**
 * A map that holds at most about twice `size` entries and keeps the ones in use: when the newer
 * half fills, the older half is dropped and the newer becomes the older; a hit in the older half
 * moves the entry back into the newer. Emptying a plain map when full would drop the combinations
 * a big ledger repeats most along with the rare ones, and judge them all again.
 */
export class BoundedCache<K, V> {
  private newer = new Map<K, V>();
  private older = new Map<K, V>();

  constructor(private readonly size: number) {}

  get(key: K): V | undefined {
    const found = this.newer.get(key);
    if (found !== undefined) return found;
    const old = this.older.get(key);
    if (old !== undefined) this.set(key, old);
    return old;
  }

  set(key: K, value: V): void {
    if (this.newer.size >= this.size) {
      this.older = this.newer;
      this.newer = new Map();
    }
    // String keys are often built piece by piece: stored flat (flat-string.ts).
    this.newer.set(typeof key === 'string' ? (flatString(key) as K) : key, value);
  }

  /** Entries held now (both halves; an entry in both counts once per half). */
  get count(): number {
    return this.newer.size + this.older.size;
  }
}
