import { generateLedger } from '../../bench/generate-ledger.js';

/**
 * The lines of two busy entities of a generated ledger, 149 lines: each has a grouped line that may
 * be settled (the search of decisions.md §4.1 would need every line of the entity) and, on its
 * lines that no group reads, more than 64 combinations of missing values, the search's bound.
 */
export function boundLedger(): { entities: unknown[]; lines: unknown[] } {
  const ledger = generateLedger(30_000, 1);
  const keep = new Set(['022012', '442143']);
  return {
    entities: ledger.entities.filter((entity) => keep.has(entity.code)),
    lines: ledger.lines.filter((line) => keep.has((line as { entity?: string }).entity ?? '')),
  };
}
