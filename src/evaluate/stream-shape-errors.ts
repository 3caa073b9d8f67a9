import { ledgerShapeErrors } from '../ledger/normalize-ledger.js';
import { LedgerSchema } from '../schema/ledger.js';
import type { ReportError } from '../schema/report.js';
import type { EvaluationEnd } from './evaluation.js';
import type { StreamEvent } from './stream-event.js';

/**
 * The errors of a ledger that is not one to stream, as `evaluate` gives them (NOT_A_LEDGER), or
 * null: `entities` an array, `lines` a function or an iterable other than a string (whose
 * characters would each be read as a line). Without it a stream of `null` threw a TypeError where
 * `evaluate` reports the ledger's shape.
 */
export function streamShapeErrors(ledger: unknown): ReportError[] | null {
  const record =
    ledger !== null && typeof ledger === 'object' ? (ledger as Record<string, unknown>) : {};
  const { lines } = record;
  const iterable =
    typeof lines === 'function' ||
    (lines !== null &&
      typeof lines === 'object' &&
      (Symbol.iterator in lines || Symbol.asyncIterator in lines));
  // Lines given another way than as an array are the stream's to read: checked as an array.
  // Read through getters, as evaluate's schema does (a class instance's `entities`).
  const shape = LedgerSchema.safeParse(
    iterable ? { entities: record.entities, lines: [] } : ledger,
  );
  return shape.success ? null : ledgerShapeErrors(shape.error.issues, ledger);
}

/** What evaluate reports for a ledger of that shape, as events: no lines, the shape as errors. */
export function* shapeEvents(
  errors: readonly ReportError[],
  rulesVersion: string,
): Generator<StreamEvent, { end: EvaluationEnd; lineCount: number }> {
  yield { type: 'header', schemaVersion: 1, rulesVersion };
  for (const error of errors) yield { type: 'error', error };
  return { end: { totals: [], assumptions: [], warnings: [] }, lineCount: 0 };
}
