import type { Yen } from '../core/yen.js';
import type { Cap } from '../schema/measure.js';
import type { CapNote } from '../schema/report.js';
import { toYen } from './exact.js';
import type { TermStart } from './term-starts.js';

/**
 * A cap's entry in the line's `caps`; under a cap over a term, with the term it counted under and
 * where that term stood before this fiscal year (docs/decisions.md §1.4).
 */
export function capNote(
  cap: Cap,
  limit: Yen,
  counted: Yen,
  base: Yen,
  clamped: Yen,
  term?: { readonly key: string; readonly start: TermStart },
): CapNote {
  const note: CapNote = {
    id: cap.id,
    label: cap.label,
    scope: cap.scope,
    limit: limit.toFixed(0),
    counted: counted.toFixed(0),
    headroom: limit.minus(clamped).toFixed(0),
    binding: !counted.eq(base),
  };
  if (term === undefined) return note;
  const { key, start } = term;
  return {
    ...note,
    term: {
      key,
      countedBefore: toYen(start.sum).clamp(0, limit).toFixed(0),
      priorCounted: start.prior.toFixed(0),
      priorStated: start.priorStated,
    },
  };
}
