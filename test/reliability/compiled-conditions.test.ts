import fc from 'fast-check';
import { Engine } from 'json-rules-engine';
import { describe, expect, it, vi } from 'vitest';
import { generateLedger } from '../../bench/generate-ledger.js';
import { MISSING, type FactValue, type Missing } from '../../src/core/missing.js';
import { conditionLeaves, explainCondition } from '../../src/eligibility/explain-condition.js';
import { FactBands } from '../../src/eligibility/fact-bands.js';
import { VersionEvaluator } from '../../src/eligibility/version-evaluator.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { judgeWithEngineOfRecord, prepareRuleSet } from '../../src/evaluate/prepared-rule-set.js';
import { bundledRuleSet } from '../../src/rules/bundled-rule-set.js';
import type { Condition, ConditionLeaf } from '../../src/schema/condition.js';
import type { Version } from '../../src/schema/measure.js';
import type { RuleSet } from '../../src/schema/rule-set.js';
import { fixtureCases, sampleCase, type LedgerCase } from '../helpers/ledger-cases.js';

/*
 * Issue 17, target 2: the per-line path evaluates conditions compiled to plain functions
 * (compile-leaf.ts); json-rules-engine stays the engine of record. Both must give the same
 * outcome — true/false/unknown, the same facts reported missing, the same reasons — on every
 * condition of every bundled rule.
 */

const RULES = bundledRuleSet();
const VERSIONS: { readonly name: string; readonly version: Version }[] = RULES.measures.flatMap(
  (measure) =>
    measure.versions.map((version) => ({ name: `${measure.id}@${version.id}`, version })),
);

function leavesOf(version: Version): ConditionLeaf[] {
  return [
    ...conditionLeaves(version.conditions),
    ...version.components.flatMap((component) => conditionLeaves(component.conditions)),
  ];
}

/** Boundary decimals around a threshold: on it, just either side, other spellings, non-numbers. */
function aroundThreshold(value: string): string[] {
  const n = Number(value);
  const near = Number.isFinite(n) ? [String(n - 1), String(n + 1), `${value}.0`, `${value}0`] : [];
  return [value, `${value}.0001`, `-${value}`, ...near, `${value}.9999`, ` ${value}`, '1e3', ''];
}

/** Values worth trying for one fact: those its conditions name, their boundaries, other kinds. */
function valuesFor(fact: string, leaves: readonly ConditionLeaf[]): (FactValue | Missing)[] {
  const values: (FactValue | Missing)[] = [MISSING, true, false, 'other', [], ['other'], '0'];
  for (const leaf of leaves) {
    if (leaf.fact !== fact) continue;
    const value = leaf.value;
    if (typeof value === 'boolean') values.push(value, !value);
    else if (typeof value === 'string') {
      values.push(value, [value]);
      if (/^-?\d+(\.\d+)?$/.test(value)) values.push(...aroundThreshold(value));
    } else {
      values.push(...value, [...value], value.slice(0, 1), [...value.slice(1), 'other']);
    }
  }
  return values;
}

/** Both engines on one version and one set of fact values: leaf results and explanations. */
async function compare(version: Version, facts: ReadonlyMap<string, FactValue | Missing>) {
  const evaluator = new VersionEvaluator(version, new FactBands(RULES.glossary.facts, [version]));
  const compiled = evaluator.compiledLeafResults(facts);
  const engine = await evaluator.engineLeafResults(facts);
  const combined: Condition[] = version.components.map((component) => ({
    all: [version.conditions, component.conditions],
  }));
  return {
    compiled: {
      leaves: compiled,
      outcome: combined.map((condition) => explainCondition(condition, compiled, facts)),
    },
    engine: {
      leaves: engine,
      outcome: combined.map((condition) => explainCondition(condition, engine, facts)),
    },
  };
}

describe('compiled conditions equal json-rules-engine (issue 17)', () => {
  it('on every condition of every bundled rule, for generated fact values (missing, boundaries)', async () => {
    let checked = 0;
    for (const { name, version } of VERSIONS) {
      const leaves = leavesOf(version);
      const facts = [...new Set(leaves.map((leaf) => leaf.fact))].sort();
      const arbitrary = fc.tuple(
        ...facts.map((fact) =>
          fc.oneof(
            fc.constantFrom(...valuesFor(fact, leaves)),
            fc.string(),
            fc.integer({ min: -10_000_000, max: 10_000_000 }).map(String),
            fc.array(fc.constantFrom(...valuesFor(fact, leaves).filter(isString)), {
              maxLength: 3,
            }),
          ),
        ),
      );
      await fc.assert(
        fc.asyncProperty(arbitrary, async (values) => {
          const map = new Map<string, FactValue | Missing>();
          facts.forEach((fact, index) => map.set(fact, values[index] as FactValue | Missing));
          const { compiled, engine } = await compare(version, map);
          expect(compiled, name).toEqual(engine);
          checked += 1;
        }),
        { numRuns: 60, seed: 17 },
      );
    }
    expect(checked).toBe(VERSIONS.length * 60);
  }, 120_000);

  it('on each fact alone set to every value worth trying, the others missing', async () => {
    for (const { name, version } of VERSIONS) {
      const leaves = leavesOf(version);
      for (const fact of new Set(leaves.map((leaf) => leaf.fact)))
        for (const value of valuesFor(fact, leaves)) {
          const { compiled, engine } = await compare(version, new Map([[fact, value]]));
          expect(compiled, `${name} ${fact}`).toEqual(engine);
        }
    }
  }, 120_000);
});

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

function cases(): LedgerCase[] {
  const bench = generateLedger(3_000, 6);
  return [
    sampleCase(),
    { name: 'bench 3,000 lines, seed 6', ledger: bench },
    { name: 'DX-only bench 2,000 lines, seed 7', ledger: generateLedger(2_000, 7, true) },
    ...fixtureCases(),
  ];
}

async function report(entry: LedgerCase, engineOfRecord: boolean): Promise<string> {
  const rules: RuleSet = { ...bundledRuleSet() };
  const prepared = prepareRuleSet(rules, entry.policy);
  if (engineOfRecord) judgeWithEngineOfRecord(prepared.ruleSet);
  return JSON.stringify(await evaluate(entry.ledger, { prepared }));
}

describe('reports with compiled conditions equal those through json-rules-engine (issue 17)', () => {
  it('on every golden fixture, the sample and a generated bench ledger, byte for byte', async () => {
    const all = cases();
    expect(all.length).toBeGreaterThan(100);
    const run = vi.spyOn(Engine.prototype, 'run');
    try {
      for (const entry of all) {
        const before = run.mock.calls.length;
        const compiled = await report(entry, false);
        // The per-line path never runs json-rules-engine.
        expect(run.mock.calls.length, entry.name).toBe(before);
        expect(compiled, entry.name).toBe(await report(entry, true));
      }
      // … and the reference path does.
      expect(run.mock.calls.length).toBeGreaterThan(all.length);
    } finally {
      run.mockRestore();
    }
  }, 300_000);
});
