/**
 * A set of 53-bit hashes (hashId's) in one Float64Array, open addressing with linear probing:
 * 8–16 bytes a hash, where a Set of such numbers (each a heap number) takes about 40. It holds a
 * streamed ledger's persons for one pass, beside everything else the pass holds under its cap.
 */
export class HashSet {
  // Small at first: the search of decisions.md §4.1 makes an evaluation per entity and guess.
  private slots = new Float64Array(64);
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(hash: number): void {
    // 0 marks an empty slot; a hash of 0 is stored as 1 (has() reads it the same way).
    const value = hash === 0 ? 1 : hash;
    if ((this.count + 1) * 2 > this.slots.length) this.grow();
    if (HashSet.insert(this.slots, value)) this.count += 1;
  }

  has(hash: number): boolean {
    const value = hash === 0 ? 1 : hash;
    const { slots } = this;
    const mask = slots.length - 1;
    for (let index = HashSet.start(value, mask); ; index = (index + 1) & mask) {
      const slot = slots[index];
      if (slot === value) return true;
      if (slot === 0) return false;
    }
  }

  /** The low bits mix both halves: hashId's high 32 bits and low 21 bits are two FNV variants. */
  private static start(value: number, mask: number): number {
    return ((value % 0x200000) ^ Math.floor(value / 0x200000)) & mask;
  }

  /** Puts a value in the first empty slot from its start; false when it is there already. */
  private static insert(slots: Float64Array, value: number): boolean {
    const mask = slots.length - 1;
    for (let index = HashSet.start(value, mask); ; index = (index + 1) & mask) {
      const slot = slots[index];
      if (slot === value) return false;
      if (slot === 0) {
        slots[index] = value;
        return true;
      }
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Float64Array(old.length * 2);
    for (const value of old) if (value !== 0) HashSet.insert(this.slots, value);
  }
}
