import type { Policy } from '../core/policy.js';
import type { ReportError, ReportLine, ReportWarning, Report, Total } from '../schema/report.js';
import type { RuleSet } from '../schema/rule-set.js';
import { record } from './fact-settlement.js';
import { prepareHeldLines } from './prepare-held-lines.js';

/** Some entities' lines of a ledger, each with its position in the whole ledger (1-based). */
export interface ShardInput {
  /** The whole ledger's entities (every shard reads them all, as the one-thread evaluation does). */
  readonly entities: readonly unknown[];
  readonly items: readonly unknown[];
  /** Position in the whole ledger of each item (1-based, rising). */
  readonly positions: readonly number[];
  /** The whole ledger's repeated ids. */
  readonly duplicates: ReadonlySet<string>;
  readonly ruleSet: RuleSet;
  readonly policy: Policy;
}

/** One line's report line with the errors and warnings evaluate gives after it, in that order. */
export interface ShardLine {
  readonly line: ReportLine;
  /** Whether evaluate hands out the line object itself frozen (a line the search settled is). */
  readonly frozen: boolean;
  readonly errors: readonly ReportError[];
  readonly warnings: readonly ReportWarning[];
}

/**
 * What a shard gives the merge (merge-shards.ts): its lines, and each part of the end with the
 * ledger position that orders it in the one-thread evaluation. Plain data: it crosses threads.
 */
export interface ShardResult {
  /** In the order of the shard's items. */
  readonly lines: readonly ShardLine[];
  readonly totals: readonly { readonly position: number; readonly total: Total }[];
  /** By the position of the group's first line (groups are made in that order). */
  readonly groupWarnings: readonly {
    readonly position: number;
    readonly warnings: ReportWarning[];
  }[];
  /** By the position of the line that opened the total (bond warnings follow the totals). */
  readonly bondWarnings: readonly {
    readonly position: number;
    readonly warnings: ReportWarning[];
  }[];
  readonly assumptions: Report['assumptions'];
  /** Whether the decisions.md §4.1 search settled some facts; if so, the entities it gave attributes to. */
  readonly settled: null | readonly { readonly index: number; readonly attributes: unknown }[];
}

/**
 * Evaluates the lines of some entities as `evaluate` does the whole ledger (the same passes), so
 * that merging the shards of a ledger split by entity gives evaluate's report byte for byte: every
 * running state of an evaluation (groups, caps, headcounts, running sums, 一般管理費 bases, term
 * histories, person attributes and classes, the decisions.md §4.1 search) is keyed by entity, and the whole
 * ledger's repeated ids come in. See docs/engine.md "Worker threads".
 */
export async function evaluateShard(input: ShardInput): Promise<ShardResult> {
  const { entities, items, positions, duplicates, ruleSet, policy } = input;
  const positionOf = (index: number): number => positions[index] ?? index + 1;
  // Passes 0 and 1 and the search as evaluate runs them: each line read and judged once.
  const { evaluation, prepared, settlement } = await prepareHeldLines(
    entities,
    items,
    ruleSet,
    policy,
    { positions, duplicates },
  );
  // Each group's first line (groups are made in pass 1, in the order of their first lines).
  const firsts = new Map<number, number>();
  for (let index = 0; index < prepared.length; index += 1) {
    const group = prepared[index]?.group ?? null;
    if (group !== null && !firsts.has(group.order)) firsts.set(group.order, positionOf(index));
  }

  const lines: ShardLine[] = [];
  const opened: number[] = [];
  for (let index = 0; index < prepared.length; index += 1) {
    const line = prepared[index] ?? null;
    prepared[index] = null;
    if (line === null) throw new Error(`evaluate: line ${positionOf(index)} was not prepared`);
    const before = evaluation.totalRows;
    const emitted = evaluation.emit(line);
    if (evaluation.totalRows > before) opened.push(positionOf(index));
    lines.push({
      line: emitted.line,
      frozen: Object.isFrozen(emitted.line),
      errors: joined(line.errors, emitted.errors),
      warnings: joined(line.warnings, emitted.warnings),
    });
  }
  const end = evaluation.finishParts();
  return {
    lines,
    totals: end.totals.map((total, index) => ({ position: opened[index] ?? 0, total })),
    groupWarnings: end.groupWarnings.map(({ order, warnings }) => ({
      position: firsts.get(order) ?? 0,
      warnings,
    })),
    bondWarnings: end.bondWarnings.map(({ total, warnings }) => ({
      position: opened[total] ?? 0,
      warnings,
    })),
    assumptions: end.assumptions,
    settled: settlement === null ? null : changedEntities(entities, settlement.entities),
  };
}

function joined<T>(a: readonly T[], b: readonly T[]): readonly T[] {
  return b.length === 0 ? a : a.length === 0 ? b : [...a, ...b];
}

/** The entities the search gave attributes to, by index, with their attributes as settled. */
function changedEntities(
  entities: readonly unknown[],
  settled: readonly unknown[],
): { index: number; attributes: unknown }[] {
  const changed: { index: number; attributes: unknown }[] = [];
  if (settled === entities) return changed;
  settled.forEach((entity, index) => {
    if (entity !== entities[index])
      changed.push({ index, attributes: record(entity)?.attributes ?? {} });
  });
  return changed;
}
