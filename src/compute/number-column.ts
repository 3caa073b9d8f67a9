const CHUNK = 1 << 14;
/** The first chunk starts this small and doubles up to CHUNK: a few-line ledger zeroes no 128 KiB arrays. */
const FIRST = 64;

type Chunk = Float64Array | Int32Array;

/**
 * Numbers for rows numbered 0, 1, 2 …, in fixed-size chunks of a typed array (no doubling copies,
 * no object per row): for what a national ledger keeps of each of its many groups until the end.
 * Doubles by default; Int32Array for small integers. Rows never set read 0.
 */
export class NumberColumn {
  private readonly chunks: Chunk[] = [];

  constructor(private readonly make: (length: number) => Chunk = (n) => new Float64Array(n)) {}

  get(row: number): number {
    return this.chunks[Math.floor(row / CHUNK)]?.[row % CHUNK] ?? 0;
  }

  set(row: number, value: number): void {
    const index = Math.floor(row / CHUNK);
    const first = this.chunks[0];
    if (first === undefined || (first.length < CHUNK && row >= first.length)) this.grow(row);
    while (this.chunks.length <= index) this.chunks.push(this.make(CHUNK));
    const chunk = this.chunks[index];
    if (chunk !== undefined) chunk[row % CHUNK] = value;
  }

  /** Makes the first chunk long enough for the row (whole once the row is past it). */
  private grow(row: number): void {
    const first = this.chunks[0];
    let length = first?.length ?? FIRST;
    while (length <= row && length < CHUNK) length *= 2;
    const grown = this.make(length);
    if (first !== undefined) grown.set(first);
    this.chunks[0] = grown;
  }
}
