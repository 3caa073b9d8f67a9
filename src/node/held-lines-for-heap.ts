import { getHeapStatistics } from 'node:v8';
import { MAX_HELD_ROWS } from '../evaluate/settle-limits.js';

/**
 * Heap one held line costs the search of a streamed ledger: the parsed line (about 560 bytes for
 * a bench line) and what judging it allocates while its entity is searched. A 10,000,000-line
 * stream ran out of its 320 MiB heap holding 100,000 lines with some 80 MB left after passes 0 and 1.
 */
const HELD_LINE_BYTES = 1_000;
/** Below this a batch costs a read of the file for too few lines: a smaller heap stops instead. */
const MIN_HELD_LINES = 1_000;
/**
 * The young generation V8 reserves within `heap_size_limit` (three 16 MiB semi-spaces on 64-bit):
 * what the old space, where held lines end up, may grow to is the rest.
 */
const YOUNG_GENERATION = 3 * 16 * 1024 * 1024;

/**
 * How many lines the search of a streamed ledger may hold at a time in this process's heap: half
 * the heap left below its limit (what is in use counts garbage not yet collected, so this errs
 * small), at 1,000 bytes a line, between 1,000 lines and MAX_HELD_ROWS (100,000). For
 * evaluateStream's `heldLines`; asked before each read, so the answer follows what the
 * evaluation holds by then.
 */
export function heldLinesForHeap(): number {
  const { heap_size_limit: limit, used_heap_size: used } = getHeapStatistics();
  const lines = Math.floor((limit - YOUNG_GENERATION - used) / 2 / HELD_LINE_BYTES);
  return Math.min(MAX_HELD_ROWS, Math.max(MIN_HELD_LINES, lines));
}
