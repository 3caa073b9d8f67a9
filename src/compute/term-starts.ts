import { MISSING } from '../core/missing.js';
import { Yen } from '../core/yen.js';
import type { LedgerLine } from '../ledger/normalize-ledger.js';
import type { Cap, CapTerm } from '../schema/measure.js';
import type { Exact } from './exact.js';
import type { GroupContext } from './group-context.js';
import type { GroupVerdict } from './group-plan.js';

/** Where one term of a cap over a term stands when a fiscal year's group opens it. */
export interface TermStart {
  /** S_0: the term's running sum before this fiscal year (priorCounted included). */
  readonly sum: Exact;
  /** priorCounted of the term (0 when no line states it). */
  readonly prior: Yen;
  readonly priorStated: boolean;
}

/** A term no earlier year and no priorCounted has touched. */
export const FRESH_TERM: TermStart = Object.freeze({
  sum: 0,
  prior: new Yen(0),
  priorStated: false,
});

/** The state of the terms of caps over a term, for one fiscal year's group (docs/decisions.md §1.4). */
export interface TermStarts {
  start(cap: Cap, key: string): TermStart;
}

/**
 * Which term of a cap over a term a line counts under: its person (scope `person`) or the value of
 * the term's fact (a plan); a verdict when the fact is missing — the line then consumes nothing.
 */
export function termKey(
  cap: Cap,
  term: CapTerm,
  line: LedgerLine,
  context: Pick<GroupContext, 'fact'>,
): string | GroupVerdict {
  if (term.keyFact === undefined) return line.person ?? '';
  const value = context.fact(line, term.keyFact);
  if (value === MISSING)
    return {
      kind: 'undetermined',
      missing: [term.keyFact],
      text: `${cap.label}: どの計画の上限に算入するかを判定するには ${term.keyFact} が必要`,
      cite: term.cite,
    };
  return typeof value === 'object' ? value.join(',') : String(value);
}

/** A term of a cap over a term, as one string. */
export function termId(capId: string, key: string): string {
  return `${capId}\u0000${key}`;
}
