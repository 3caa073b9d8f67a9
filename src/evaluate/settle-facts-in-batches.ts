import type { FactSettlement } from './fact-settlement.js';
import { FoundSettlement } from './found-settlement.js';
import type { RowItem } from './row-item.js';
import { screenInto, settleInto, type SettleInput } from './settle-facts.js';

/** One read of the ledger holding some lines of some `pending` entities, and which entities. */
export type BatchReader = (
  pending: ReadonlySet<string>,
) => Promise<{ readonly rows: readonly RowItem[]; readonly entities: ReadonlySet<string> }>;

/**
 * settleFacts a batch of suspect entities at a time, for a ledger streamed from disk: `rowsOf` reads
 * the lines of some `pending` entities in one pass and says which. Each entity is searched on its
 * own lines alone, so batches give what one call over every line gives, holding a batch's lines.
 *
 * With `screenRowsOf` (which reads only the suspect lines and their persons' lines of some
 * entities), the entities are screened first (settle-facts.ts screenInto): most suspect entities
 * of a big ledger fail the search's first checks, which read only those lines, and are then never
 * read whole.
 */
export async function settleFactsInBatches(
  input: Omit<SettleInput, 'rows'>,
  rowsOf: BatchReader,
  screenRowsOf?: BatchReader,
): Promise<FactSettlement | null> {
  let pending = new Set(input.suspects);
  if (screenRowsOf !== undefined) {
    const search = new Set<string>();
    await inBatches(pending, screenRowsOf, (batch) =>
      screenInto(search, { ...input, rows: batch.rows, suspects: batch.entities }),
    );
    // In the suspects' order, so that the batches below do not depend on the screening's.
    pending = new Set([...input.suspects].filter((code) => search.has(code)));
  }
  const found = new FoundSettlement(input.entities);
  await inBatches(pending, rowsOf, (batch) =>
    settleInto(found, { ...input, rows: batch.rows, suspects: batch.entities }),
  );
  return found.settlement();
}

async function inBatches(
  pending: Set<string>,
  read: BatchReader,
  use: (batch: Awaited<ReturnType<BatchReader>>) => Promise<void>,
): Promise<void> {
  while (pending.size > 0) {
    const batch = await read(pending);
    const before = pending.size;
    for (const code of batch.entities) pending.delete(code);
    // Each batch must take a pending entity (one with no lines costs nothing), or this never ends.
    if (pending.size === before)
      throw new Error('a batch of the fact search took no pending entity');
    await use(batch);
  }
}
