import { Engine, type RuleProperties, type TopLevelCondition } from 'json-rules-engine';
import { isLeaf, type Condition, type ConditionLeaf } from '../schema/condition.js';
import type { Version } from '../schema/measure.js';
import { BoundedCache } from './bounded-cache.js';
import { decimalOperators } from './decimal-operators.js';
import { conditionLeaves, explainCondition, type Explanation } from './explain-condition.js';
import type { FactBands } from './fact-bands.js';
import { MISSING, type FactValue, type Missing } from '../core/missing.js';
import { compileLeaf, type LeafTest } from './compile-leaf.js';

/** Our condition tree without metadata, as json-rules-engine takes it (leaf id → `name`). */
function toEngineCondition(condition: Condition): unknown {
  if (isLeaf(condition)) {
    return {
      fact: condition.fact,
      operator: condition.operator,
      value: condition.value,
      name: condition.id,
    };
  }
  if ('not' in condition) return { not: toEngineCondition(condition.not) };
  if ('all' in condition) return { all: condition.all.map(toEngineCondition) };
  return { any: condition.any.map(toEngineCondition) };
}

function collectLeafResults(node: unknown, into: Map<string, boolean>): void {
  if (node === null || typeof node !== 'object') return;
  const record = node as Record<string, unknown>;
  if (typeof record.name === 'string' && typeof record.result === 'boolean' && 'fact' in record) {
    into.set(record.name, record.result);
  }
  for (const key of ['all', 'any'] as const) {
    const children = record[key];
    if (Array.isArray(children)) for (const child of children) collectLeafResults(child, into);
  }
  collectLeafResults(record.not, into);
}

/** What a leaf came to, as one letter: its fact missing, true, false, or not evaluated. */
function leafState(
  leaf: ConditionLeaf,
  leafResults: ReadonlyMap<string, boolean>,
  facts: ReadonlyMap<string, FactValue | Missing>,
): string {
  if ((facts.get(leaf.fact) ?? MISSING) === MISSING) return 'm';
  const result = leafResults.get(leaf.id);
  if (result === undefined) return 'u';
  return result ? 't' : 'f';
}

/** Per component: the three-valued AND of the version's and the component's conditions. */
export type VersionOutcome = readonly Explanation[];

/**
 * Evaluates one measure version's conditions and caches the outcome per distinct combination of
 * the facts the version reads (numbers by their band, fact-bands.ts), so conditions are evaluated
 * once per combination, not once per line. Two ways, with the same answers: `evaluate` runs the
 * conditions compiled to plain functions (compile-leaf.ts; synchronous, the per-line path), and
 * `evaluateWithEngine` runs them through json-rules-engine, the engine of record
 * (test/reliability/compiled-conditions.test.ts holds the two equal). Engine runs must be awaited
 * one at a time (json-rules-engine engines are not safe under concurrent run() calls).
 */
export class VersionEvaluator {
  readonly factIds: readonly string[];
  private engineOfRecord: Engine | null = null;
  /** Outcomes by fact combination; 8,000 a half, as the line assessor's (memory of a capped stream). */
  private readonly cache = new BoundedCache<string, VersionOutcome>(8_000);
  /**
   * Outcomes by what each leaf came to (true, false, or its fact missing): an outcome depends on
   * nothing else, so the many fact combinations that end alike hold one outcome (and the report
   * one set of fragments) — a national ledger has hundreds of thousands of combinations.
   */
  private readonly bySignature = new BoundedCache<string, VersionOutcome>(8_000);
  private readonly combined: readonly Condition[];
  /** Every leaf once (by id), in the order the signature lists them. */
  private readonly leaves: readonly ConditionLeaf[];
  /** Each leaf's compiled test, in the order of `leaves`. */
  private readonly tests: readonly LeafTest[];
  /** How often the conditions were evaluated, compiled or by the engine (for tests: once per combination). */
  private runs = 0;

  constructor(
    version: Version,
    private readonly bands: FactBands,
  ) {
    this.combined = version.components.map((component) => ({
      all: [version.conditions, component.conditions],
    }));
    this.leaves = [
      ...new Map(
        this.combined.flatMap(conditionLeaves).map((leaf) => [leaf.id, leaf] as const),
      ).values(),
    ];
    this.tests = this.leaves.map(compileLeaf);
    this.factIds = [...new Set(this.leaves.map((leaf) => leaf.fact))].sort();
  }

  /** The json-rules-engine engine holding one rule per component, built on first use. */
  private get engine(): Engine {
    if (this.engineOfRecord !== null) return this.engineOfRecord;
    const engine = new Engine([], {
      allowUndefinedFacts: false,
      // Conditions never carry a path (the schema forbids it); refuse any that slips through.
      pathResolver: () => {
        throw new Error('condition paths are not allowed');
      },
    });
    for (const operator of decimalOperators()) engine.addOperator(operator);
    this.combined.forEach((condition, index) => {
      const rule: RuleProperties = {
        name: String(index),
        conditions: toEngineCondition(condition) as TopLevelCondition,
        event: { type: 'component', params: { index } },
      };
      engine.addRule(rule);
    });
    this.engineOfRecord = engine;
    return engine;
  }

  /** The cache key: the values (or bands) of exactly the facts this version reads. */
  keyOf(facts: ReadonlyMap<string, FactValue | Missing>): string {
    let key = '';
    for (const id of this.factIds) key += `\u0000${this.bands.keyOf(id, facts.get(id) ?? MISSING)}`;
    return key;
  }

  /** Each leaf's result (by leaf id) from the compiled tests. */
  compiledLeafResults(facts: ReadonlyMap<string, FactValue | Missing>): Map<string, boolean> {
    const leafResults = new Map<string, boolean>();
    this.leaves.forEach((leaf, index) => {
      const test = this.tests[index];
      if (test === undefined) throw new Error(`no compiled test for ${leaf.id}`);
      leafResults.set(leaf.id, test(facts.get(leaf.fact) ?? MISSING));
    });
    return leafResults;
  }

  /** Each leaf's result (by leaf id) as json-rules-engine reports it. */
  async engineLeafResults(
    facts: ReadonlyMap<string, FactValue | Missing>,
  ): Promise<Map<string, boolean>> {
    const runtimeFacts: Record<string, unknown> = {};
    for (const id of this.factIds) runtimeFacts[id] = facts.get(id) ?? MISSING;
    const { results, failureResults } = await this.engine.run(runtimeFacts);
    const leafResults = new Map<string, boolean>();
    for (const ruleResult of [...results, ...failureResults]) {
      const json = ruleResult.toJSON(false) as { conditions?: unknown };
      collectLeafResults(json.conditions, leafResults);
    }
    return leafResults;
  }

  /** Per component, the three-valued outcome of the given leaf results (shared by signature). */
  outcomeOf(
    leafResults: ReadonlyMap<string, boolean>,
    facts: ReadonlyMap<string, FactValue | Missing>,
  ): VersionOutcome {
    let signature = '';
    for (const leaf of this.leaves) signature += leafState(leaf, leafResults, facts);
    let outcome = this.bySignature.get(signature);
    if (outcome === undefined) {
      outcome = this.combined.map((condition) => explainCondition(condition, leafResults, facts));
      this.bySignature.set(signature, outcome);
    }
    return outcome;
  }

  /** The outcome from the compiled conditions (the per-line path). */
  evaluate(facts: ReadonlyMap<string, FactValue | Missing>): VersionOutcome {
    const key = this.keyOf(facts);
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    this.runs += 1;
    const outcome = this.outcomeOf(this.compiledLeafResults(facts), facts);
    // Bounded, like the line cache: never-repeating fact values must not grow memory without end.
    this.cache.set(key, outcome);
    return outcome;
  }

  /** The outcome from json-rules-engine, the engine of record (same caches as `evaluate`). */
  async evaluateWithEngine(
    facts: ReadonlyMap<string, FactValue | Missing>,
  ): Promise<VersionOutcome> {
    const key = this.keyOf(facts);
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    this.runs += 1;
    const outcome = this.outcomeOf(await this.engineLeafResults(facts), facts);
    this.cache.set(key, outcome);
    return outcome;
  }

  get cacheSize(): number {
    return this.cache.count;
  }

  get conditionRuns(): number {
    return this.runs;
  }
}
