import type { LedgerLine } from '../ledger/normalize-ledger.js';
import { toYen } from './exact.js';
import { PersonTally } from './person-tally.js';

export type HeadcountSelection =
  | {
      readonly kind: 'counted';
      readonly persons: ReadonlySet<string>;
      readonly dropped: ReadonlySet<string>;
      readonly defaulted: boolean;
    }
  | { readonly kind: 'over-selected'; readonly count: number }
  | { readonly kind: 'needs-selection'; readonly count: number };

/**
 * Who counts under a headcount cap (docs/decisions.md §1.5): the persons with selectedForHeadcount if
 * any line has it; otherwise, when there are more persons than the cap, the ones with the largest
 * totals (ties by first appearance), or nobody yet under the "explicit" policy.
 */
export function selectHeadcount(
  lines: readonly LedgerLine[],
  limit: number,
  policy: 'rank' | 'explicit',
): HeadcountSelection {
  const tally = new PersonTally();
  for (const line of lines) tally.add(line);
  return selectFromTally(tally, limit, policy);
}

/** The same choice from a tally built line by line (the streaming evaluator's first pass). */
export function selectFromTally(
  tally: PersonTally,
  limit: number,
  policy: 'rank' | 'explicit',
): HeadcountSelection {
  const { order, totals, selected } = tally;
  if (selected.size > limit) return { kind: 'over-selected', count: selected.size };
  if (selected.size > 0) {
    return {
      kind: 'counted',
      persons: selected,
      dropped: new Set(order.filter((person) => !selected.has(person))),
      defaulted: false,
    };
  }
  if (order.length <= limit)
    return { kind: 'counted', persons: new Set(order), dropped: new Set(), defaulted: false };
  if (policy === 'explicit') return { kind: 'needs-selection', count: order.length };
  const ranked = order
    .map((person, position) => ({ person, position, total: toYen(totals.get(person) ?? 0) }))
    .sort((a, b) => b.total.cmp(a.total) || a.position - b.position);
  const persons = new Set(ranked.slice(0, limit).map((entry) => entry.person));
  return {
    kind: 'counted',
    persons,
    dropped: new Set(order.filter((person) => !persons.has(person))),
    defaulted: true,
  };
}
