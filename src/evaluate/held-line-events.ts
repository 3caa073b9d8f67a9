import type { Policy } from '../core/policy.js';
import type { RuleSet } from '../schema/rule-set.js';
import type { EvaluationEnd } from './evaluation.js';
import { prepareHeldLines } from './prepare-held-lines.js';
import type { StreamEvent } from './stream-event.js';

/**
 * The events of `evaluateStream` for lines held in memory, up to the end: the header, then each
 * line with its errors and warnings in ledger order, each line read and judged once as `evaluate`
 * does (prepare-held-lines.ts). Returns the end for the caller's summary.
 */
export async function* heldLineEvents(
  entities: readonly unknown[],
  items: readonly unknown[],
  ruleSet: RuleSet,
  policy: Policy,
): AsyncGenerator<StreamEvent, { end: EvaluationEnd; lineCount: number }> {
  const { evaluation, prepared } = await prepareHeldLines(entities, items, ruleSet, policy);
  yield { type: 'header', schemaVersion: 1, rulesVersion: ruleSet.version };
  for (const error of evaluation.headerErrors) yield { type: 'error', error };
  for (const warning of evaluation.headerWarnings) yield { type: 'warning', warning };
  for (let index = 0; index < prepared.length; index += 1) {
    const line = prepared[index] ?? null;
    // Let go of each prepared line as it is emitted.
    prepared[index] = null;
    if (line === null) throw new Error(`evaluateStream: line ${index + 1} was not prepared`);
    const emitted = evaluation.emit(line);
    yield { type: 'line', line: emitted.line };
    for (const error of line.errors) yield { type: 'error', error };
    for (const error of emitted.errors) yield { type: 'error', error };
    for (const warning of line.warnings) yield { type: 'warning', warning };
    for (const warning of emitted.warnings) yield { type: 'warning', warning };
  }
  return { end: evaluation.finish(), lineCount: prepared.length };
}
