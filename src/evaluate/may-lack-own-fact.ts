import { MISSING, type FactValue, type Missing } from '../core/missing.js';
import type { LedgerLine } from '../ledger/normalize-ledger.js';
import type { PreparedLine } from './evaluation.js';

const NONE = Object.freeze([]) as readonly never[];

/**
 * Whether a judged line may end `undetermined` for lack of one of its own facts: a measure could
 * not judge it, or a cap of its component depends on a fact it lacks (cap-limit.ts). Cheap, and
 * true of every such line: only their entities are searched for missing facts that do not matter
 * (docs/decisions.md §4), which then finds which lines really are.
 */
export function mayLackOwnFact(
  prepared: PreparedLine,
  fact: (line: LedgerLine, id: string) => FactValue | Missing,
): boolean {
  if (!prepared.entry.valid) return false;
  if (prepared.chosen === null)
    return (prepared.candidates ?? NONE).some((candidate) => candidate.status === 'undetermined');
  const { line } = prepared.entry;
  for (const cap of prepared.chosen.component.caps ?? NONE) {
    if (cap.when !== undefined && fact(line, cap.when.fact) === MISSING) return true;
    if (cap.shareOf !== undefined && fact(line, cap.shareOf.fact) === MISSING) return true;
  }
  return false;
}
