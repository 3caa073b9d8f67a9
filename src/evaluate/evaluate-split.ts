import { duplicateIds, ownIdOf } from '../ledger/normalize-ledger.js';
import type { Report } from '../schema/report.js';
import { evaluate } from './evaluate.js';
import { evaluateShard, type ShardInput, type ShardResult } from './evaluate-shard.js';
import { mergeShards, type Shard } from './merge-shards.js';
import type { PreparedRuleSet } from './prepared-rule-set.js';
import { resolveOptions, type EvaluateOptions } from './resolve-options.js';
import { entityOf } from './settle-facts.js';

/**
 * Runs one shard: in this thread (evaluateShard), or in a worker (src/node/evaluate-in-workers.ts).
 * `index` counts the shards from 0; every shard is handed over before any is awaited.
 */
export type ShardRunner = (
  input: Omit<ShardInput, 'ruleSet' | 'policy'>,
  prepared: PreparedRuleSet,
  index: number,
) => Promise<ShardResult>;

/**
 * Splits lines by entity into at most `count` shards of about equal lines, entities in order of
 * their first lines, each to the shard with the fewest lines so far: the positions (1-based) of
 * each shard's lines, rising. Which shard an entity goes to never changes the report.
 */
export function shardPositions(items: readonly unknown[], count: number): number[][] {
  const byEntity = new Map<string, number[]>();
  items.forEach((item, index) => {
    const code = entityOf(item);
    let positions = byEntity.get(code);
    if (positions === undefined) byEntity.set(code, (positions = []));
    positions.push(index + 1);
  });
  const shards = Array.from({ length: Math.max(1, Math.min(count, byEntity.size)) }, () => ({
    positions: [] as number[],
  }));
  // Largest entities first, so that one big entity does not land on an already full shard.
  const entities = [...byEntity.values()].sort((a, b) => b.length - a.length);
  for (const positions of entities) {
    let smallest = shards[0];
    for (const shard of shards)
      if (smallest === undefined || shard.positions.length < smallest.positions.length)
        smallest = shard;
    smallest?.positions.push(...positions);
  }
  return shards
    .map((shard) => shard.positions.sort((a, b) => a - b))
    .filter((positions) => positions.length > 0);
}

/** A ledger's shards, evaluated: what mergeShards and shardEvents take. */
export interface SplitLedger {
  readonly entities: readonly unknown[];
  readonly lineCount: number;
  readonly shards: readonly Shard[];
}

/**
 * Splits a ledger's lines by entity into `count` shards and has `run` evaluate each (together).
 * Null for a ledger that is not an object with `entities` and `lines` arrays: evaluate's to report.
 */
export async function runShards(
  ledger: unknown,
  prepared: PreparedRuleSet,
  count: number,
  run: ShardRunner,
): Promise<SplitLedger | null> {
  const record =
    ledger !== null && typeof ledger === 'object' ? (ledger as Record<string, unknown>) : {};
  if (!Array.isArray(record.entities) || !Array.isArray(record.lines)) return null;
  const entities = record.entities as readonly unknown[];
  const items = record.lines as readonly unknown[];
  const duplicates = duplicateIds(items.map((item) => ownIdOf(item)));
  const positions = shardPositions(items, count);
  const results = await Promise.all(
    positions.map((own, index) =>
      run(
        { entities, items: own.map((position) => items[position - 1]), positions: own, duplicates },
        prepared,
        index,
      ),
    ),
  );
  return {
    entities,
    lineCount: items.length,
    shards: positions.map((own, index) => ({
      positions: own,
      result: results[index] as ShardResult,
    })),
  };
}

/** Evaluates a shard in this thread. */
export const runHere: ShardRunner = async (input, prepared) =>
  evaluateShard({ ...input, ruleSet: prepared.ruleSet, policy: prepared.policy });

/**
 * `evaluate` with the lines split by entity into `count` shards, each run by `run` (in this
 * thread by default), then merged: the same report byte for byte (evaluate-shard.ts says why).
 */
export async function evaluateSplit(
  ledger: unknown,
  options: EvaluateOptions,
  count: number,
  run: ShardRunner = runHere,
): Promise<Report> {
  const prepared = resolveOptions(options);
  const split = await runShards(ledger, prepared, count, run);
  if (split === null) return evaluate(ledger, { prepared });
  return mergeShards(split.entities, split.lineCount, split.shards, prepared.ruleSet);
}
