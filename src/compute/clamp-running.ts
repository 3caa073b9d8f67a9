import { Yen } from './yen.js';

/**
 * Consumes a cap in ledger order (decisions.md §1.4): with S_i the running sum through line i
 * (negative corrections included) and clamp(x) = min(max(x, 0), limit), line i counts
 * clamp(S_i) − clamp(S_{i−1}). Returns what each line counts and clamp(S_i) after it.
 */
export function clampRunning(
  amounts: readonly Yen[],
  limit: Yen,
): { counted: Yen[]; after: Yen[] } {
  const zero = new Yen(0);
  const clamp = (value: Yen): Yen => Yen.min(Yen.max(value, zero), limit);
  let running = zero;
  let previous = zero;
  const counted: Yen[] = [];
  const after: Yen[] = [];
  for (const amount of amounts) {
    running = running.plus(amount);
    const clamped = clamp(running);
    counted.push(clamped.minus(previous));
    after.push(clamped);
    previous = clamped;
  }
  return { counted, after };
}
