import type { FactValue } from '../core/missing.js';
import { LedgerReader } from '../ledger/normalize-ledger.js';
import type { Report, ReportError, ReportLine, ReportWarning } from '../schema/report.js';
import type { RuleSet } from '../schema/rule-set.js';
import type { ShardResult } from './evaluate-shard.js';
import type { StreamEvent } from './evaluate-stream.js';
import { entitiesWithAttributes } from './fact-settlement.js';

/** A shard's result with the ledger positions of its lines (as given to evaluateShard). */
export interface Shard {
  readonly positions: readonly number[];
  readonly result: ShardResult;
}

/**
 * The events `evaluateStream` yields for a ledger, from its shards split by entity
 * (evaluate-shard.ts): the entities' own errors and warnings, read from the entities the one-thread
 * evaluation reads last (with the attributes the decisions.md §4.1 search settled, if it settled any); each line
 * with its errors and warnings, in ledger order; group warnings in the order of the groups' first
 * lines, then the bond schedule's by totals; totals in the order of the lines that opened them;
 * assumptions as one sorted set.
 */
export function* shardEvents(
  entities: readonly unknown[],
  lineCount: number,
  shards: readonly Shard[],
  ruleSet: RuleSet,
): Generator<StreamEvent> {
  const byPosition = new Array<ShardResult['lines'][number] | undefined>(lineCount);
  for (const { positions, result } of shards)
    positions.forEach((position, index) => {
      byPosition[position - 1] = result.lines[index];
    });
  const reader = new LedgerReader(settledEntities(entities, shards), ruleSet);
  yield { type: 'header', schemaVersion: 1, rulesVersion: ruleSet.version };
  for (const error of reader.errors) yield { type: 'error', error };
  for (const warning of reader.warnings) yield { type: 'warning', warning };
  for (const [index, shardLine] of byPosition.entries()) {
    if (shardLine === undefined) throw new Error(`line ${String(index + 1)} came from no shard`);
    byPosition[index] = undefined;
    yield { type: 'line', line: shardLine.line };
    for (const error of shardLine.errors) yield { type: 'error', error };
    for (const warning of shardLine.warnings) yield { type: 'warning', warning };
  }
  const byPlace = <T>(pick: (result: ShardResult) => readonly { position: number; value: T }[]) =>
    shards
      .flatMap(({ result }) => pick(result))
      .sort((a, b) => a.position - b.position)
      .map((entry) => entry.value);
  const totals = byPlace((result) =>
    result.totals.map(({ position, total }) => ({ position, value: total })),
  );
  const groupWarnings = byPlace((result) =>
    result.groupWarnings.map(({ position, warnings }) => ({ position, value: warnings })),
  );
  const bondWarnings = byPlace((result) =>
    result.bondWarnings.map(({ position, warnings }) => ({ position, value: warnings })),
  );
  for (const warning of [...groupWarnings.flat(), ...bondWarnings.flat()])
    yield { type: 'warning', warning };
  const assumptions = new Map<string, Report['assumptions'][number]>();
  for (const { result } of shards)
    for (const assumption of result.assumptions) assumptions.set(assumption.id, assumption);
  yield {
    type: 'end',
    summary: {
      schemaVersion: 1,
      rulesVersion: ruleSet.version,
      totals,
      assumptions: [...assumptions.keys()].sort().flatMap((id) => {
        const assumption = assumptions.get(id);
        return assumption === undefined ? [] : [assumption];
      }),
      lineCount,
    },
  };
}

/** The report `evaluate` gives a ledger, from its shards (see shardEvents). */
export function mergeShards(
  entities: readonly unknown[],
  lineCount: number,
  shards: readonly Shard[],
  ruleSet: RuleSet,
): Report {
  const lines: ReportLine[] = [];
  const errors: ReportError[] = [];
  const warnings: ReportWarning[] = [];
  for (const event of shardEvents(entities, lineCount, shards, ruleSet)) {
    if (event.type === 'line') lines.push(event.line);
    else if (event.type === 'error') errors.push(event.error);
    else if (event.type === 'warning') warnings.push(event.warning);
    else if (event.type === 'end')
      return {
        schemaVersion: 1,
        rulesVersion: event.summary.rulesVersion,
        lines,
        totals: event.summary.totals,
        assumptions: event.summary.assumptions,
        warnings,
        errors,
      };
  }
  throw new Error('the shards gave no end');
}

/**
 * The entities the one-thread evaluation reads last: the ledger's own, unless the decisions.md §4.1 search gave
 * some an attribute (settleFacts then maps the array, with those entities' attributes added, and
 * the spreadsheet's input warnings kept beside it).
 */
function settledEntities(
  entities: readonly unknown[],
  shards: readonly Shard[],
): readonly unknown[] {
  const changed = new Map<number, Readonly<Record<string, FactValue>>>();
  for (const { result } of shards)
    for (const { index, attributes } of result.settled ?? [])
      changed.set(index, attributes as Readonly<Record<string, FactValue>>);
  if (changed.size === 0) return entities;
  return entitiesWithAttributes(entities, (_entity, index) => changed.get(index));
}
