import type { FactSettlement } from './fact-settlement.js';
import { FoundSettlement } from './found-settlement.js';
import type { RowItem } from './row-item.js';
import { settleInto, type SettleInput } from './settle-facts.js';

/**
 * settleFacts a batch of suspect entities at a time, for a ledger streamed from disk: `rowsOf` reads
 * the lines of some `pending` entities in one pass and says which. Each entity is searched on its
 * own lines alone, so batches give what one call over every line gives, holding a batch's lines.
 */
export async function settleFactsInBatches(
  input: Omit<SettleInput, 'rows'>,
  rowsOf: (
    pending: ReadonlySet<string>,
  ) => Promise<{ readonly rows: readonly RowItem[]; readonly entities: ReadonlySet<string> }>,
): Promise<FactSettlement | null> {
  const found = new FoundSettlement(input.entities);
  const pending = new Set(input.suspects);
  while (pending.size > 0) {
    const batch = await rowsOf(pending);
    const before = pending.size;
    for (const code of batch.entities) pending.delete(code);
    // Each batch must take a pending entity (one with no lines costs nothing), or this never ends.
    if (pending.size === before)
      throw new Error('a batch of the fact search took no pending entity');
    await settleInto(found, { ...input, rows: batch.rows, suspects: batch.entities });
  }
  return found.settlement();
}
