import type { Policy } from '../../core/policy.js';
import type { RuleSet } from '../../schema/rule-set.js';
import { Evaluation } from '../evaluation.js';
import { compared, type RowItem, type RowResult } from '../row-item.js';

export type { RowItem, RowResult };

/**
 * Evaluates some lines of a ledger on their own, keeping their rows: the lines of one entity give
 * the lines `evaluate` gives them in the whole ledger, since caps, headcounts, running sums,
 * 一般管理費 bases and person attributes never reach across entities. `duplicates` are the whole
 * ledger's repeated ids.
 */
export async function evaluateRows(
  entities: readonly unknown[],
  rows: readonly RowItem[],
  duplicates: ReadonlySet<string>,
  ruleSet: RuleSet,
  policy: Policy,
): Promise<Map<number, RowResult>> {
  const evaluation = new Evaluation(entities, ruleSet, policy);
  for (const { item, row } of rows) evaluation.noteItem(item, row, duplicates);
  for (const { item, row } of rows) {
    const prepared = evaluation.prepare(item, row, duplicates);
    evaluation.observe(prepared instanceof Promise ? await prepared : prepared, item);
  }
  const results = new Map<number, RowResult>();
  for (const { item, row } of rows) {
    const result = evaluation.prepare(item, row, duplicates);
    const prepared = result instanceof Promise ? await result : result;
    const emitted = evaluation.emit(prepared);
    results.set(row, {
      line: emitted.line,
      warnings: compared([...prepared.warnings, ...emitted.warnings]),
    });
  }
  return results;
}
