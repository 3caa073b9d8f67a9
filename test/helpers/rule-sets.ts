import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundledRuleSet, loadRuleSet, type RuleSet } from '../../src/index.js';
import type { Measure } from '../../src/schema/measure.js';
import { RULES_DIR } from './paths.js';

/** Test helpers: small rule sets built with loadRuleSet, from scratch or from the bundled rules. */

/** The source documents of rules/sources, for loadRuleSet to check quotes against. */
export function bundledSources(): Record<string, string> {
  const dir = join(RULES_DIR, 'sources');
  const sources: Record<string, string> = {};
  for (const name of readdirSync(dir).sort())
    if (name.endsWith('.txt')) sources[name] = readFileSync(join(dir, name), 'utf8');
  return sources;
}

export const TINY_PROGRAM = 'tiny-program';

/** A glossary with one program, two cost types and one line fact `tinyFlag` (no default). */
export const TINY_GLOSSARY = {
  programs: { [TINY_PROGRAM]: { label: '試験事業' } },
  costTypes: {
    'tiny-cost': { label: '試験経費' },
    'other-cost': { label: 'その他経費' },
  },
  entityKinds: {
    prefecture: { label: '都道府県' },
    city: { label: '市' },
    town: { label: '町' },
  },
  facts: {
    costType: { type: 'enum', label: '経費区分', scope: 'builtin' },
    entityKind: { type: 'enum', label: '団体区分', scope: 'builtin' },
    program: { type: 'enum', label: '事業', scope: 'builtin' },
    tinyFlag: { type: 'boolean', label: '試験用の要件', scope: 'line' },
  },
};

export const TINY_ASSUMPTIONS = {
  assumptions: {
    'A-90': { title: '試験の前提 / test assumption', text: '試験用の前提の本文。' },
  },
};

/** A real sentence of rules/sources (002 line 725), so quotes check when sources are given. */
const SOURCE = {
  file: '002_734453b2d9e13e29.txt',
  lines: '725',
  quote: '※いずれも令和7年度までの特別交付税措置（措置率0.7）',
};

export interface TinyMeasure {
  readonly id: string;
  readonly rate: string;
  /** Adds a `tinyFlag = true` condition with this review text. */
  readonly review?: string;
  /** Names assumption A-90 on the rate. */
  readonly assumption?: boolean;
}

/** A special-allocation-tax measure of TINY_PROGRAM: rate × tiny-cost lines, every fiscal year. */
export function tinyMeasure(spec: TinyMeasure): unknown {
  const flag =
    spec.review === undefined
      ? []
      : [
          {
            id: 'tiny-flag',
            fact: 'tinyFlag',
            operator: 'equal',
            value: true,
            label: '試験用の要件を満たすこと',
            cite: ['source'],
            review: spec.review,
          },
        ];
  return {
    id: spec.id,
    title: `試験措置 ${spec.id}`,
    kind: 'special-allocation-tax',
    status: 'computable',
    programs: [TINY_PROGRAM],
    summary: '試験用の措置',
    sources: { source: SOURCE },
    versions: [
      {
        id: 'all-years',
        fiscalYears: { from: 2020, through: null, cite: ['source'] },
        conditions: { all: [] },
        components: [
          {
            title: '試験経費',
            label: '試験経費',
            conditions: {
              all: [
                {
                  id: 'tiny-cost-type',
                  fact: 'costType',
                  operator: 'equal',
                  value: 'tiny-cost',
                  label: '経費区分が試験経費であること',
                  cite: ['source'],
                },
                ...flag,
              ],
            },
            amount: {
              method: 'rate',
              rate: {
                value: spec.rate,
                label: '措置率',
                cite: ['source'],
                ...(spec.assumption === true ? { assumptions: ['A-90'] } : {}),
              },
            },
          },
        ],
      },
    ],
  };
}

/** A rule set of tiny measures, in the given (rule-set) order; quotes checked when `withSources`. */
export function tinyRuleSet(measures: readonly TinyMeasure[], withSources = false): RuleSet {
  return loadRuleSet({
    glossary: TINY_GLOSSARY,
    assumptions: TINY_ASSUMPTIONS,
    measures: measures.map((spec) => ({ file: `${spec.id}.json`, json: tinyMeasure(spec) })),
    ...(withSources ? { sources: bundledSources() } : {}),
  });
}

/** A deep copy of a bundled measure. */
export function bundledMeasureCopy(id: string): Measure {
  const measure = bundledRuleSet().measures.find((candidate) => candidate.id === id);
  if (measure === undefined) throw new Error(`test setup: no bundled measure ${id}`);
  return structuredClone(measure);
}

/** Sets every rate parameter of a measure to `rate`. */
export function withRate(measure: Measure, rate: string): Measure {
  for (const version of measure.versions)
    for (const component of version.components)
      if (component.amount.method === 'rate') component.amount.rate.value = rate;
  return measure;
}

/** The bundled glossary and assumptions with the given measures, in that (rule-set) order. */
export function ruleSetWith(measures: readonly Measure[]): RuleSet {
  const bundled = bundledRuleSet();
  return loadRuleSet({
    glossary: bundled.glossary,
    assumptions: { assumptions: bundled.assumptions },
    measures: measures.map((measure) => ({ file: `${measure.id}.json`, json: measure })),
    sources: bundledSources(),
  });
}
