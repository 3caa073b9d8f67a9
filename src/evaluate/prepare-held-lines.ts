import type { Policy } from '../core/policy.js';
import { duplicateIds, ownIdOf } from '../ledger/normalize-ledger.js';
import { sourceRowOf } from '../ledger/source-row.js';
import type { RuleSet } from '../schema/rule-set.js';
import { Evaluation, type PreparedLine, type ReadLine } from './evaluation.js';
import type { RowItem } from './row-item.js';
import { entityOf, settleFacts, type FactSettlement } from './settle-facts.js';

/** Passes 0 and 1 of a ledger held in memory: the evaluation, and each line as pass 1 prepared it. */
export interface HeldLines {
  readonly evaluation: Evaluation;
  /** By index of the line; pass 2 sets each to null as it emits it (its report line takes its place). */
  readonly prepared: (PreparedLine | null)[];
  /** What the search of docs/decisions.md §4.1 settled; null when it settled nothing. */
  readonly settlement: FactSettlement | null;
}

/** Some entities' lines of a larger ledger (evaluate-shard.ts): where each sits in it, its repeated ids. */
export interface HeldShard {
  /** Position in the whole ledger of each item (1-based, rising). */
  readonly positions: readonly number[];
  readonly duplicates: ReadonlySet<string>;
}

/**
 * Passes 0 and 1, and the search of docs/decisions.md §4.1, for a ledger whose lines are all in
 * memory (`evaluate`, and `evaluateStream` given an array): each line is read once and judged once,
 * and pass 2 takes it as pass 1 prepared it rather than read and judge it again — that was a fifth
 * of the time, and a million prepared lines cost some 60 MB more at the peak than their candidates
 * alone (lines judged alike share their parts). A stream read again per pass cannot hold them
 * (evaluate-stream.ts).
 */
export async function prepareHeldLines(
  entities: readonly unknown[],
  items: readonly unknown[],
  ruleSet: RuleSet,
  policy: Policy,
  shard?: HeldShard,
): Promise<HeldLines> {
  const duplicates = shard?.duplicates ?? duplicateIds(items.map((item) => ownIdOf(item)));
  // A line's position in the whole ledger (its row when no spreadsheet row is noted).
  const positions = shard?.positions;
  const rowOf = (index: number): number => positions?.[index] ?? index + 1;
  const judgeAll = async (evaluation: Evaluation): Promise<(PreparedLine | null)[]> => {
    // Pass 0: read every line and note the person attributes it states (A-06: judged per person).
    // Indexed loops: entries() allocated a pair per line in these async loops (V8 keeps them).
    const reads = new Array<ReadLine | null>(items.length);
    for (let index = 0; index < items.length; index += 1)
      reads[index] = evaluation.readAndNote(items[index], rowOf(index), duplicates);
    // Pass 1: judge every line, as pass 0 read it, and let its group see it.
    const prepared = new Array<PreparedLine | null>(items.length);
    for (let index = 0; index < items.length; index += 1) {
      const read = reads[index] ?? null;
      reads[index] = null;
      if (read === null) throw new Error(`evaluate: line ${rowOf(index)} was not read`);
      const result = evaluation.judge(read);
      const line = result instanceof Promise ? await result : result;
      evaluation.observe(line, items[index]);
      prepared[index] = line;
    }
    return prepared;
  };
  const evaluation = new Evaluation(entities, ruleSet, policy);
  const prepared = await judgeAll(evaluation);
  // Missing facts that do not matter (docs/decisions.md §4.1): searched only in the entities
  // where a line may lack one; when some are found, passes 0 and 1 run again with them settled.
  if (evaluation.suspects.size === 0) return { evaluation, prepared, settlement: null };
  const { suspects, suspectRows } = evaluation;
  const rows: RowItem[] = [];
  const preparedByRow = new Map<number, PreparedLine>();
  for (let index = 0; index < items.length; index += 1) {
    const item = items[index];
    if (!suspects.has(entityOf(item))) continue;
    const row = sourceRowOf(item) ?? rowOf(index);
    rows.push({ item, row });
    const line = prepared[index];
    if (line !== null && line !== undefined) preparedByRow.set(row, line);
  }
  // The search reads the lines this evaluation prepared rather than judge them again.
  const judgement = { evaluation, prepared: (row: number) => preparedByRow.get(row) };
  const input = { entities, rows, suspects, suspectRows, duplicates, ruleSet, policy, judgement };
  const settlement = await settleFacts(input);
  if (settlement === null) return { evaluation, prepared, settlement };
  const settled = new Evaluation(entities, ruleSet, policy, settlement);
  return { evaluation: settled, prepared: await judgeAll(settled), settlement };
}
