import { chooseCandidate, type EligibleCandidate } from '../compute/choose-candidate.js';
import type { Yen } from '../core/yen.js';
import type { Candidate } from '../eligibility/candidate.js';
import type { LedgerLine } from '../ledger/normalize-ledger.js';

const NONE = Object.freeze([]) as readonly never[];

export interface Choice {
  readonly chosen: EligibleCandidate;
  readonly others: readonly { candidate: EligibleCandidate; amount: Yen }[];
}

/**
 * The measure that takes a line among its eligible candidates (docs/decisions.md §1.7: the
 * largest indicative amount), or null when none is eligible. Lines judged alike share their
 * candidates array, so its eligible ones are found once per array (a cache for one evaluation).
 */
export class EligibleChoice {
  private readonly eligibleOf = new WeakMap<readonly Candidate[], EligibleCandidate[]>();

  of(line: LedgerLine, candidates: readonly Candidate[]): Choice | null {
    let eligible = this.eligibleOf.get(candidates);
    if (eligible === undefined) {
      eligible = candidates.filter(
        (candidate): candidate is EligibleCandidate => candidate.status === 'eligible',
      );
      this.eligibleOf.set(candidates, eligible);
    }
    if (eligible.length === 0) return null;
    return eligible.length === 1 && eligible[0] !== undefined
      ? { chosen: eligible[0], others: NONE }
      : chooseCandidate(line, eligible);
  }
}
