import { MISSING, type FactValue, type Missing } from '../core/missing.js';
import type { LedgerLine } from '../ledger/normalize-ledger.js';
import type { PreparedLine } from './evaluation.js';
import type { FactDomains } from './fact-domains.js';
import { MAX_FACTS_PER_LINE } from './settle-limits.js';

const NONE = Object.freeze([]) as readonly never[];

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
    const missing = new Set<string>();
    for (const candidate of prepared.candidates ?? NONE) {
      if (candidate.status !== 'undetermined') continue;
      for (const entry of candidate.unknown)
        for (const id of entry.explanation.missing) missing.add(id);
    }
    if (missing.size === 0 || missing.size > MAX_FACTS_PER_LINE) return false;
    for (const id of missing)
      if (domains.valuesOf(id) === null || domains.scopeOf(id) === null) return false;
    return true;
  }
  const { line } = prepared.entry;
  for (const cap of prepared.chosen.component.caps ?? NONE) {
    if (cap.when !== undefined && fact(line, cap.when.fact) === MISSING) return true;
    if (cap.shareOf !== undefined && fact(line, cap.shareOf.fact) === MISSING) return true;
  }
  return false;
}
