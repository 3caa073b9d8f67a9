import { Yen } from '../core/yen.js';

/**
 * An exact integer yen amount held compactly: a JavaScript number while it is a safe integer (the
 * usual case: a group's running sums), a Yen from the first value that would not be. Running state
 * of the many groups of a national ledger is kept this way instead of as Decimals.
 */
export type Exact = number | Yen;

/** The exact value of an integer yen string, a number, or a Yen. */
export function exact(value: string | number | Yen): Exact {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    const number = Number(value);
    // A safe integer parsed from an integer string is exact; anything else stays a Yen.
    return Number.isSafeInteger(number) ? number : new Yen(value);
  }
  if (!value.isInteger()) return value;
  // Below 10^15 (exponent ≤ 14) an integer is safe for sure: no Decimal is built to compare (this
  // runs for every amount of every running sum); nearer 2^53 the exact comparison decides.
  if (value.e <= 14) return value.toNumber();
  return value.abs().lte(MAX_SAFE) ? value.toNumber() : value;
}

const MAX_SAFE = new Yen(Number.MAX_SAFE_INTEGER);

/** a + b, exactly. */
export function plus(a: Exact, b: string | number | Yen): Exact {
  const right = exact(b);
  if (typeof a === 'number' && typeof right === 'number') {
    const sum = a + right;
    // Both operands are safe integers: a safe sum is exact.
    if (Number.isSafeInteger(sum)) return sum;
  }
  return toYen(a).plus(toYen(right));
}

export function toYen(value: Exact): Yen {
  return typeof value === 'number' ? new Yen(value) : value;
}

/** Integer text, as Yen's toFixed(0) writes it. */
export function exactText(value: Exact): string {
  return typeof value === 'number' ? String(value) : value.toFixed(0);
}

/** a > b. */
export function greater(a: Exact, b: Exact): boolean {
  return typeof a === 'number' && typeof b === 'number' ? a > b : toYen(a).gt(toYen(b));
}
