import { personIdKey } from '../ledger/id-key.js';
import { sourceRowOf } from '../ledger/source-row.js';
import { entityOf, record } from './fact-settlement.js';
import type { Pass } from './unread-line.js';
import type { RowItem } from './row-item.js';

/**
 * One pass over the ledger holding the lines of some of the `pending` entities: as many, in their
 * order, as fit `budget` lines by their count of lines (`linesOf`), and at least one (the search
 * needs all of an entity's lines, however many).
 */
export async function suspectBatch(
  pass: Pass,
  pending: ReadonlySet<string>,
  linesOf: ReadonlyMap<string, number>,
  budget: number,
): Promise<{ rows: RowItem[]; entities: Set<string> }> {
  const entities = new Set<string>();
  let held = 0;
  for (const code of pending) {
    const count = linesOf.get(code) ?? 0;
    if (entities.size > 0 && held + count > budget) continue;
    entities.add(code);
    held += count;
  }
  const rows: RowItem[] = [];
  let row = 0;
  for await (const item of pass({ entities })) {
    row += 1;
    if (entities.has(entityOf(item))) rows.push({ item, row: sourceRowOf(item) ?? row });
  }
  return { rows, entities };
}

/**
 * Whether a line is one the screening holds, from its row, entity and top-level person: a suspect
 * line, or a line of a suspect's person.
 */
export function screenedLine(
  suspectRows: ReadonlySet<number>,
  suspectPersons: ReadonlySet<string>,
): (row: number, entity: string, person: unknown) => boolean {
  return (row, entity, person) => {
    if (suspectRows.has(row)) return true;
    // As the reader compares persons (read-line.ts): in NFKC form.
    return (
      typeof person === 'string' && suspectPersons.has(`${entity}\u0000${personIdKey(person)}`)
    );
  };
}

/**
 * One pass over the ledger holding the lines `wanted` of the `pending` entities, as many entities
 * as fit `budget` lines: the count of such lines is not known before reading, so when the lines
 * held pass the budget, the entity holding most (never the first pending one) is let go, its
 * lines dropped, for a later pass. At least the first pending entity is always taken whole.
 */
export async function screenBatch(
  pass: Pass,
  pending: ReadonlySet<string>,
  wanted: (row: number, entity: string, person: unknown) => boolean,
  budget: number,
): Promise<{ rows: RowItem[]; entities: Set<string> }> {
  const held = new Map<string, RowItem[]>([...pending].map((code) => [code, []]));
  // The entities still held, and the lines wanted of them, for the source to skip the others
  // (see UNREAD_LINE). A source skipping lines gives no spreadsheet rows (they are noted only by
  // kofuzei's spreadsheet readers, which read every line): its rows are the places it is asked with.
  const entities = new Set(pending);
  const [first] = pending;
  let count = 0;
  let row = 0;
  for await (const item of pass({ entities, line: wanted })) {
    row += 1;
    const code = entityOf(item);
    const lines = held.get(code);
    if (lines === undefined) continue;
    const shown = sourceRowOf(item) ?? row;
    if (!wanted(shown, code, record(item)?.person)) continue;
    lines.push({ item, row: shown });
    count += 1;
    while (count > budget && held.size > 1) {
      let largest: string | null = null;
      for (const [code, rows] of held)
        if (code !== first && (largest === null || rows.length > (held.get(largest)?.length ?? 0)))
          largest = code;
      if (largest === null) break;
      count -= held.get(largest)?.length ?? 0;
      held.delete(largest);
      entities.delete(largest);
    }
  }
  return { rows: [...held.values()].flat(), entities };
}
