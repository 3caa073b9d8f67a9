import {
  emitStandaloneRows,
  judgedInLedger,
  judgeRows,
  type JudgedRows,
  type LedgerJudgement,
  type RowItem,
} from './evaluate-rows.js';
import { personOf } from './fact-settlement.js';
import type { BaselineLine, SettleInput } from './reference/reference-settle-facts.js';

/**
 * What standaloneBaseline gives when a line that may be settled is grouped (the search then needs
 * the whole baseline): the baseline lines of those of the lines it read that no group reads, each
 * emitted on its own exactly as the whole baseline emits it. Its variables are some of the whole
 * baseline's, so their combinations are a lower bound of the search's (settle-facts.ts).
 */
export interface GroupedBaseline {
  readonly standalone: ReadonlyMap<number, { readonly line: BaselineLine }>;
}

/**
 * The baseline from the lines the first evaluation found may be settled (`suspectRows`) and their
 * persons' lines, when none of them is grouped: each is then emitted on its own, without judging
 * the entity's other lines. 'none' when no line of the entity may be settled; a GroupedBaseline
 * when one of them is grouped; null without `suspectRows`.
 */
export async function standaloneBaseline(
  input: SettleInput & { readonly judgement?: LedgerJudgement },
  entities: readonly unknown[],
  rows: readonly RowItem[],
  judged: (judged: JudgedRows, needed: readonly RowItem[]) => void,
): Promise<Map<number, { line: BaselineLine }> | GroupedBaseline | 'none' | null> {
  const { suspectRows } = input;
  if (suspectRows === undefined) return null;
  const persons = new Set<unknown>();
  let any = false;
  for (const { item, row } of rows) {
    if (!suspectRows.has(row)) continue;
    any = true;
    const person = personOf(item);
    if (person !== undefined) persons.add(person);
  }
  if (!any) return 'none';
  const needed = rows.filter(
    ({ item, row }) => suspectRows.has(row) || persons.has(personOf(item)),
  );
  const { duplicates, ruleSet, policy } = input;
  // Judged already when the ledger's first evaluation kept its lines (evaluate-rows.ts).
  const found =
    (input.judgement && judgedInLedger(input.judgement, needed)) ??
    (await judgeRows(entities, needed, duplicates, ruleSet, policy, rows));
  const alone: RowItem[] = [];
  const others = new Map<number, { line: BaselineLine }>();
  let grouped = false;
  for (const { item, row } of needed) {
    const prepared = found.prepared.get(row);
    if (prepared === undefined) continue;
    if (!prepared.entry.valid || prepared.group === null) alone.push({ item, row });
    // A grouped line that may be settled needs its group: the whole baseline.
    else if (suspectRows.has(row)) grouped = true;
    // A grouped line of their persons is read for its fiscal year only (headOf gives the line's).
    else
      others.set(row, {
        line: { status: 'eligible', missingFacts: [], fiscalYear: prepared.entry.line.fiscalYear },
      });
  }
  // The lines no group reads come out the same from the whole baseline (settle-facts.ts emits
  // them on their own there too).
  if (grouped) return { standalone: emitStandaloneRows(found, alone) };
  judged(found, needed);
  const baseline = new Map<number, { line: BaselineLine }>(emitStandaloneRows(found, alone));
  for (const [row, line] of others) baseline.set(row, line);
  return baseline;
}
