import { Yen } from '../core/yen.js';

/** A money sum on both sides, exact yen strings. */
export interface YenDelta {
  readonly before: string;
  readonly after: string;
  readonly delta: string;
}

/** The delta of two exact yen strings. */
export function yenDelta(before: string, after: string): YenDelta {
  return { before, after, delta: new Yen(after).minus(before).toFixed(0) };
}
