import { ledgerShapeErrors } from '../ledger/normalize-ledger.js';
import { LedgerSchema } from '../schema/ledger.js';
import type { Report, ReportError, ReportLine, ReportWarning } from '../schema/report.js';
import { prepareHeldLines } from './prepare-held-lines.js';
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
  const { evaluation, prepared } = await prepareHeldLines(
    envelope.data.entities,
    items,
    ruleSet,
    policy,
  );

  // Pass 2, in ledger order: caps, headcount and rates on running totals.
  const lines: ReportLine[] = [];
  const errors: ReportError[] = [...evaluation.headerErrors];
  const warnings: ReportWarning[] = [...evaluation.headerWarnings];
  for (let index = 0; index < prepared.length; index += 1) {
    const line = prepared[index] ?? null;
    // Let go of each prepared line as it is emitted: the report lines take its place.
    prepared[index] = null;
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
