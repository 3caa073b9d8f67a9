import { LedgerReader } from '../ledger/normalize-ledger.js';
import { deepFreeze } from '../report/deep-freeze.js';
import type { Report, ReportError, ReportLine, ReportWarning } from '../schema/report.js';
import type { RuleSet } from '../schema/rule-set.js';
import type { ShardResult } from './evaluate-shard.js';
import { withAttributes } from './fact-settlement.js';

/** A shard's result with the ledger positions of its lines (as given to evaluateShard). */
export interface Shard {
  readonly positions: readonly number[];
  readonly result: ShardResult;
}

/**
 * The report `evaluate` gives a ledger, from its shards split by entity (evaluate-shard.ts): lines,
 * their errors and warnings in ledger order; totals in the order of the lines that opened them;
 * group warnings in the order of the groups' first lines, then the bond schedule's by totals;
 * assumptions as one sorted set; the entities' own errors and warnings read from the entities the
 * one-thread evaluation reads (with the attributes the §4.1 search settled, if it settled any).
 */
export function mergeShards(
  entities: readonly unknown[],
  lineCount: number,
  shards: readonly Shard[],
  ruleSet: RuleSet,
): Report {
  const byPosition = new Array<ShardResult['lines'][number] | undefined>(lineCount);
  for (const { positions, result } of shards)
    positions.forEach((position, index) => {
      byPosition[position - 1] = result.lines[index];
    });
  const reader = new LedgerReader(settledEntities(entities, shards), ruleSet);
  const lines: ReportLine[] = [];
  const errors: ReportError[] = [...reader.errors];
  const warnings: ReportWarning[] = [...reader.warnings];
  for (const [index, shardLine] of byPosition.entries()) {
    if (shardLine === undefined) throw new Error(`line ${String(index + 1)} came from no shard`);
    // Frozen as evaluate's lines are (a copy from a worker is not).
    lines.push(Object.isFrozen(shardLine.line) ? shardLine.line : deepFreeze(shardLine.line));
    if (shardLine.errors.length > 0) errors.push(...shardLine.errors);
    if (shardLine.warnings.length > 0) warnings.push(...shardLine.warnings);
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
  ).flat();
  const bondWarnings = byPlace((result) =>
    result.bondWarnings.map(({ position, warnings }) => ({ position, value: warnings })),
  ).flat();
  const assumptions = new Map<string, Report['assumptions'][number]>();
  for (const { result } of shards)
    for (const assumption of result.assumptions) assumptions.set(assumption.id, assumption);
  return {
    schemaVersion: 1,
    rulesVersion: ruleSet.version,
    lines,
    totals: totals.map((total) => (Object.isFrozen(total) ? total : deepFreeze(total))),
    assumptions: [...assumptions.keys()]
      .sort()
      .map((id) => assumptions.get(id))
      .filter((assumption) => assumption !== undefined)
      .map((assumption) => (Object.isFrozen(assumption) ? assumption : deepFreeze(assumption))),
    warnings: [...warnings, ...groupWarnings, ...bondWarnings],
    errors,
  };
}

/**
 * The entities the one-thread evaluation reads last: the ledger's own, unless the §4.1 search gave
 * some an attribute (settleFacts then maps the array, with those entities' attributes added).
 */
function settledEntities(
  entities: readonly unknown[],
  shards: readonly Shard[],
): readonly unknown[] {
  const changed = new Map<number, unknown>();
  for (const { result } of shards)
    for (const { index, attributes } of result.settled ?? []) changed.set(index, attributes);
  if (changed.size === 0) return entities;
  return entities.map((entity, index) => {
    const attributes = changed.get(index);
    return attributes === undefined
      ? entity
      : withAttributes(entity, attributes as Parameters<typeof withAttributes>[1]);
  });
}
