import { MISSING, type FactValue, type Missing } from '../core/missing.js';
import type { LedgerLine } from '../ledger/normalize-ledger.js';
import type { Candidate } from '../eligibility/candidate.js';
import type { PreparedLine } from './evaluation.js';
import type { FactDomains } from './fact-domains.js';
import { MAX_FACTS_PER_LINE } from './settle-limits.js';

const NONE = Object.freeze([]) as readonly never[];

/** Per rule set's fact domains, the answer for each candidates array of a line no measure takes. */
const answers = new WeakMap<FactDomains, WeakMap<readonly Candidate[], boolean>>();

/**
 * Whether a judged line may end `undetermined` for lack of its own facts that could be found not
 * to matter: a measure could not judge it and the facts its report line will list as missing
 * (decided-line.ts: those of the undetermined candidates) are at most MAX_FACTS_PER_LINE, each with
 * values to try (fact-domains.ts); or a cap of its component depends on a fact it lacks
 * (cap-limit.ts). Cheap, and true of every line the search of docs/decisions.md §4.1 could settle:
 * only their entities are searched, which then finds which lines really are.
 */
export function mayLackOwnFact(
  prepared: PreparedLine,
  fact: (line: LedgerLine, id: string) => FactValue | Missing,
  domains: FactDomains,
): boolean {
  if (!prepared.entry.valid) return false;
  if (prepared.chosen === null) {
    // Lines judged alike share their candidates array: each array is looked at once.
    const candidates = prepared.candidates ?? NONE;
    let known = answers.get(domains);
    if (known === undefined) answers.set(domains, (known = new WeakMap()));
    let answer = known.get(candidates);
    if (answer === undefined) {
      answer = missingFactsMayBeFound(candidates, domains);
      known.set(candidates, answer);
    }
    return answer;
  }
  const { line } = prepared.entry;
  for (const cap of prepared.chosen.component.caps ?? NONE) {
    if (cap.when !== undefined && fact(line, cap.when.fact) === MISSING) return true;
    if (cap.shareOf !== undefined && fact(line, cap.shareOf.fact) === MISSING) return true;
  }
  return false;
}

/**
 * For a line no measure takes: whether the facts its report line will list as missing are at most
 * MAX_FACTS_PER_LINE, each with values to try.
 */
function missingFactsMayBeFound(candidates: readonly Candidate[], domains: FactDomains): boolean {
  const missing = new Set<string>();
  for (const candidate of candidates) {
    if (candidate.status !== 'undetermined') continue;
    for (const entry of candidate.unknown)
      for (const id of entry.explanation.missing) missing.add(id);
  }
  if (missing.size === 0 || missing.size > MAX_FACTS_PER_LINE) return false;
  for (const id of missing)
    if (domains.valuesOf(id) === null || domains.scopeOf(id) === null) return false;
  return true;
}
