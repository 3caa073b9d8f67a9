import { sourceRowOf } from '../ledger/source-row.js';
import { duplicateIds, ledgerShapeErrors, ownIdOf } from '../ledger/normalize-ledger.js';
import { LedgerSchema } from '../schema/ledger.js';
import type { Report, ReportError, ReportLine, ReportWarning } from '../schema/report.js';
import { Evaluation, type PreparedLine, type ReadLine } from './evaluation.js';
import type { RowItem } from './row-item.js';
import { entityOf, settleFacts } from './settle-facts.js';
import { resolveOptions, type EvaluateOptions } from './resolve-options.js';

export type { EvaluateOptions } from './resolve-options.js';

/**
 * Evaluates a ledger (docs/contract.md §1) and returns the report (docs/contract.md §2): every input line once, in
 * input order, with its status, measure, amounts, reasons, citations and assumptions. A bad ledger
 * never throws: bad lines are `invalid` and the report's `errors` say why.
 *
 * @example
 * ```ts
 * import { evaluate } from 'kofuzei';
 *
 * const line = { entity: '392081', fiscalYear: 2025, program: 'cio-aide', costType: 'recruitment' };
 * const report = await evaluate({
 *   entities: [{ code: '392081', name: '宿毛市', kind: 'city' }],
 *   lines: [
 *     { ...line, id: 'L1', amount: '800000' },
 *     { ...line, id: 'L2', amount: '12.5' },
 *   ],
 * });
 * for (const { id, status, measure, amount } of report.lines)
 *   console.log(id, status, measure, amount);
 * // → L1 eligible cio-aide-tokko 560000
 * // → L2 invalid null null
 * const [error] = report.errors;
 * console.log(error?.row, error?.field, error?.received);
 * // → 2 amount "12.5"
 * ```
 */
export async function evaluate(ledger: unknown, options: EvaluateOptions = {}): Promise<Report> {
  const { ruleSet, policy } = resolveOptions(options);
  // The usual case needs no schema pass (which would copy a million-line array to learn nothing).
  const record =
    ledger !== null && typeof ledger === 'object' ? (ledger as Record<string, unknown>) : {};
  const envelope =
    Array.isArray(record.entities) && Array.isArray(record.lines)
      ? {
          success: true as const,
          data: {
            entities: record.entities as readonly unknown[],
            lines: record.lines as readonly unknown[],
          },
        }
      : LedgerSchema.safeParse(ledger);
  if (!envelope.success) {
    return {
      schemaVersion: 1,
      rulesVersion: ruleSet.version,
      lines: [],
      totals: [],
      assumptions: [],
      warnings: [],
      errors: ledgerShapeErrors(envelope.error.issues, ledger),
    };
  }
  const items = envelope.data.lines;
  const { entities } = envelope.data;
  const duplicates = duplicateIds(items.map((item) => ownIdOf(item)));

  // Pass 2 takes each line as pass 1 prepared it (read, judged, its group found) rather than read
  // and judge it again: that was a fifth of the time, and a million prepared lines cost some 60 MB
  // more at the peak than their candidates alone (lines judged alike share their parts). A stream
  // cannot hold them and reads again (evaluate-stream.ts).
  const judgeAll = async (evaluation: Evaluation): Promise<(PreparedLine | null)[]> => {
    // Pass 0: read every line and note the person attributes it states (A-06: judged per person).
    // Indexed loops: entries() allocated a pair per line in these async loops (V8 keeps them).
    const reads = new Array<ReadLine | null>(items.length);
    for (let index = 0; index < items.length; index += 1)
      reads[index] = evaluation.readAndNote(items[index], index + 1, duplicates);
    // Pass 1: judge every line, as pass 0 read it, and let its group see it.
    const prepared = new Array<PreparedLine | null>(items.length);
    for (let index = 0; index < items.length; index += 1) {
      const read = reads[index] ?? null;
      reads[index] = null;
      if (read === null) throw new Error(`evaluate: line ${index + 1} was not read`);
      const result = evaluation.judge(read);
      const line = result instanceof Promise ? await result : result;
      evaluation.observe(line, items[index]);
      prepared[index] = line;
    }
    return prepared;
  };
  let evaluation = new Evaluation(entities, ruleSet, policy);
  let judged = await judgeAll(evaluation);
  // Missing facts that do not matter (docs/decisions.md §4.1): searched only in the entities
  // where a line may lack one; when some are found, passes 0 and 1 run again with them settled.
  if (evaluation.suspects.size > 0) {
    const { suspects, suspectRows } = evaluation;
    const rows: RowItem[] = [];
    const preparedByRow = new Map<number, PreparedLine>();
    for (let index = 0; index < items.length; index += 1) {
      const item = items[index];
      if (!suspects.has(entityOf(item))) continue;
      const row = sourceRowOf(item) ?? index + 1;
      rows.push({ item, row });
      const prepared = judged[index];
      if (prepared !== null && prepared !== undefined) preparedByRow.set(row, prepared);
    }
    // The search reads the lines this evaluation prepared rather than judge them again.
    const judgement = { evaluation, prepared: (row: number) => preparedByRow.get(row) };
    const input = { entities, rows, suspects, suspectRows, duplicates, ruleSet, policy, judgement };
    const settlement = await settleFacts(input);
    if (settlement !== null) {
      evaluation = new Evaluation(entities, ruleSet, policy, settlement);
      judged = await judgeAll(evaluation);
    }
  }

  // Pass 2, in ledger order: caps, headcount and rates on running totals.
  const lines: ReportLine[] = [];
  const errors: ReportError[] = [...evaluation.headerErrors];
  const warnings: ReportWarning[] = [...evaluation.headerWarnings];
  for (let index = 0; index < judged.length; index += 1) {
    const line = judged[index] ?? null;
    // Let go of each prepared line as it is emitted: the report lines take its place.
    judged[index] = null;
    if (line === null) throw new Error(`evaluate: line ${index + 1} was not prepared`);
    const emitted = evaluation.emit(line);
    lines.push(emitted.line);
    if (line.errors.length > 0) errors.push(...line.errors);
    if (emitted.errors.length > 0) errors.push(...emitted.errors);
    if (line.warnings.length > 0) warnings.push(...line.warnings);
    if (emitted.warnings.length > 0) warnings.push(...emitted.warnings);
  }
  const end = evaluation.finish();
  return {
    schemaVersion: 1,
    rulesVersion: ruleSet.version,
    lines,
    totals: end.totals,
    assumptions: end.assumptions,
    warnings: [...warnings, ...end.warnings],
    errors,
  };
}
