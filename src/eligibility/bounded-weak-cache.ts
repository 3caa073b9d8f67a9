/**
 * BoundedCache's two halves for object keys, each a WeakMap: an entry goes when its key is
 * garbage, as in a plain WeakMap, and also when it has not been used for two generations. A
 * WeakMap alone keeps a value as long as its key lives, which for keys a long run keeps alive
 * (shared report fragments) holds one value per key, however rarely used.
 */
export class BoundedWeakCache<K extends object, V> {
  private newer = new WeakMap<K, V>();
  private older = new WeakMap<K, V>();
  /** Entries set in the newer half (a WeakMap cannot say). */
  private newerCount = 0;

  constructor(private readonly size: number) {}

  get(key: K): V | undefined {
    const found = this.newer.get(key);
    if (found !== undefined) return found;
    const old = this.older.get(key);
    if (old !== undefined) this.set(key, old);
    return old;
  }

  set(key: K, value: V): void {
    if (this.newerCount >= this.size) {
      this.older = this.newer;
      this.newer = new WeakMap();
      this.newerCount = 0;
    }
    this.newer.set(key, value);
    this.newerCount += 1;
  }
}
