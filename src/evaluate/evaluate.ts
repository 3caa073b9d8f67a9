import { duplicateIds, ledgerShapeErrors, ownIdOf } from '../ledger/normalize-ledger.js';
import { LedgerSchema } from '../schema/ledger.js';
import type { Report, ReportError, ReportLine, ReportWarning } from '../schema/report.js';
import { Evaluation, type PreparedLine } from './evaluation.js';
import { resolveOptions, type EvaluateOptions } from './resolve-options.js';

export type { EvaluateOptions } from './resolve-options.js';

/**
 * Evaluates a ledger (CONTRACT §1) and returns the report (CONTRACT §2): every input line once, in
 * input order, with its status, measure, amounts, reasons, citations and assumptions. A bad ledger
 * never throws: bad lines are `invalid` and the report's `errors` say why.
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
  const evaluation = new Evaluation(envelope.data.entities, ruleSet, policy);
  const duplicates = duplicateIds(items.map((item) => ownIdOf(item)));

  // Read every line and note the person attributes they state (A-06: judged per person).
  const reads = items.map((item, index) => evaluation.read(item, index + 1, duplicates));
  for (const read of reads) evaluation.note(read);

  // First pass: judge every line and let its group see it.
  const prepared: (PreparedLine | undefined)[] = [];
  for (const read of reads) {
    const result = evaluation.judge(read);
    const line = result instanceof Promise ? await result : result;
    evaluation.observe(line);
    prepared.push(line);
  }
  reads.length = 0;

  // Second pass, in ledger order: caps, headcount and rates on running totals.
  const lines: ReportLine[] = [];
  const errors: ReportError[] = [...evaluation.headerErrors];
  const warnings: ReportWarning[] = [...evaluation.headerWarnings];
  for (const [index, line] of prepared.entries()) {
    if (line === undefined) continue;
    // Released as soon as emitted: the report grows while the prepared lines shrink.
    prepared[index] = undefined;
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
