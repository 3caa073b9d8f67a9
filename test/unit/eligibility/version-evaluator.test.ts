import { describe, expect, it } from 'vitest';
import { FactBands } from '../../../src/eligibility/fact-bands.js';
import { MISSING, type FactValue, type Missing } from '../../../src/core/missing.js';
import { VersionEvaluator } from '../../../src/eligibility/version-evaluator.js';
import type { ConditionLeaf } from '../../../src/schema/condition.js';
import type { Version } from '../../../src/schema/measure.js';

const cite = ['s'];

function leaf(
  id: string,
  fact: string,
  operator: ConditionLeaf['operator'],
  value: ConditionLeaf['value'],
): ConditionLeaf {
  return { id, fact, operator, value, label: id, cite };
}

const rate = { method: 'rate' as const, rate: { value: '0.7', label: 'rate', cite } };

/** A small version: an entity-kind condition shared by two components. */
const version: Version = {
  id: 'fy2025',
  fiscalYears: { from: 2025, through: 2025, cite },
  conditions: { all: [leaf('municipality', 'entityKind', 'in', ['city', 'town'])] },
  components: [
    {
      id: 'staff',
      title: 'staff',
      conditions: {
        all: [
          leaf('cost-type', 'costType', 'equal', 'salary'),
          leaf('main-duty', 'mainDutyMunicipalSupport', 'equal', true),
          {
            any: [
              leaf('experience', 'experienceYears', 'greaterThanInclusive', '5'),
              leaf('exam', 'ipaExams', 'containsAny', ['it-strategist', 'systems-auditor']),
            ],
          },
        ],
      },
      amount: rate,
    },
    {
      id: 'recruitment',
      title: 'recruitment',
      conditions: {
        all: [
          leaf('recruitment-cost-type', 'costType', 'equal', 'recruitment'),
          {
            not: leaf('contribution', 'municipalContributionCollected', 'equal', true),
            label: '負担金を徴収していないこと',
            cite,
          },
        ],
      },
      amount: rate,
    },
  ],
};

/** experienceYears is a number fact (banded); the others key by value. */
const glossaryFacts = {
  experienceYears: { type: 'number', label: 'experience', scope: 'line' },
  entityKind: { type: 'enum', label: 'kind', scope: 'builtin' },
} as const;

function evaluatorOf(of: Version): VersionEvaluator {
  return new VersionEvaluator(of, new FactBands(glossaryFacts, [of]));
}

function facts(values: Record<string, FactValue | Missing>): Map<string, FactValue | Missing> {
  return new Map(Object.entries(values));
}

const complete = {
  entityKind: 'city',
  costType: 'salary',
  mainDutyMunicipalSupport: true,
  experienceYears: '10',
  ipaExams: [],
  municipalContributionCollected: false,
} satisfies Record<string, FactValue>;

describe('VersionEvaluator', () => {
  it('reads the facts of the version and all its components, sorted and once each', () => {
    expect(evaluatorOf(version).factIds).toEqual([
      'costType',
      'entityKind',
      'experienceYears',
      'ipaExams',
      'mainDutyMunicipalSupport',
      'municipalContributionCollected',
    ]);
  });

  it('evaluates each component as the version conditions AND the component conditions', () => {
    const outcome = evaluatorOf(version).evaluate(facts(complete));
    expect(outcome.map((explanation) => explanation.value)).toEqual(['true', 'false']);
    const failed = outcome[1]?.decisive ?? [];
    expect(failed).toEqual([
      {
        kind: 'leaf',
        leaf: leaf('recruitment-cost-type', 'costType', 'equal', 'recruitment'),
        missing: false,
      },
    ]);
  });

  it('compares decimal facts as numbers in the engine ("10" ≥ "5")', () => {
    const evaluator = evaluatorOf(version);
    const [ten] = evaluator.evaluate(facts({ ...complete, experienceYears: '10' }));
    const [four] = evaluator.evaluate(facts({ ...complete, experienceYears: '4.5' }));
    expect(ten?.value).toBe('true');
    expect(four?.value).toBe('false');
  });

  it('fails every component when a version condition fails', () => {
    const outcome = evaluatorOf(version).evaluate(facts({ ...complete, entityKind: 'prefecture' }));
    expect(outcome.map((explanation) => explanation.value)).toEqual(['false', 'false']);
    expect(outcome[0]?.decisive).toEqual([
      {
        kind: 'leaf',
        leaf: leaf('municipality', 'entityKind', 'in', ['city', 'town']),
        missing: false,
      },
    ]);
  });

  it('evaluates a not group through the engine', () => {
    const evaluator = evaluatorOf(version);
    const recruitment = { ...complete, costType: 'recruitment' };
    const [, allowed] = evaluator.evaluate(facts(recruitment));
    const [, refused] = evaluator.evaluate(
      facts({ ...recruitment, municipalContributionCollected: true }),
    );
    expect(allowed?.value).toBe('true');
    expect(refused).toEqual({
      value: 'false',
      decisive: [{ kind: 'not', label: '負担金を徴収していないこと', cite, onChoice: false }],
      missing: [],
    });
  });

  it('reads a missing fact as unknown, not false, and names it', () => {
    const evaluator = evaluatorOf(version);
    const withoutDuty: Record<string, FactValue> = { ...complete };
    delete withoutDuty.mainDutyMunicipalSupport;
    const [staff] = evaluator.evaluate(facts(withoutDuty));
    expect(staff).toMatchObject({ value: 'unknown', missing: ['mainDutyMunicipalSupport'] });
    // Given explicitly as MISSING, the same.
    const [again] = evaluator.evaluate(facts({ ...complete, mainDutyMunicipalSupport: MISSING }));
    expect(again).toMatchObject({ value: 'unknown', missing: ['mainDutyMunicipalSupport'] });
  });

  it('reads a missing fact under a negated operator as unknown, not as passing', () => {
    const evaluator = evaluatorOf(version);
    const [, recruitment] = evaluator.evaluate(
      facts({ entityKind: 'town', costType: 'recruitment' }),
    );
    expect(recruitment).toMatchObject({
      value: 'unknown',
      missing: ['municipalContributionCollected'],
    });
  });

  it('lists no missing fact when another branch decides', () => {
    const evaluator = evaluatorOf(version);
    const [staff] = evaluator.evaluate(
      facts({ ...complete, experienceYears: MISSING, ipaExams: ['systems-auditor'] }),
    );
    expect(staff).toMatchObject({ value: 'true', missing: [] });
    const [none] = evaluator.evaluate(facts({ entityKind: 'prefecture' }));
    expect(none).toMatchObject({ value: 'false', missing: [] });
  });

  it('runs once per distinct combination of the facts it reads', () => {
    const evaluator = evaluatorOf(version);
    expect(evaluator.cacheSize).toBe(0);
    const first = evaluator.evaluate(facts(complete));
    const second = evaluator.evaluate(facts({ ...complete }));
    expect(evaluator.cacheSize).toBe(1);
    expect(second).toBe(first);
    const third = evaluator.evaluate(facts({ ...complete, experienceYears: '3' }));
    expect(evaluator.cacheSize).toBe(2);
    expect(third).not.toBe(first);
    expect(third[0]?.value).toBe('false');
  });

  it('shares the cache entry between lines that differ only in facts the version does not read', () => {
    const evaluator = evaluatorOf(version);
    const a = facts({ ...complete, advisoryDuties: true, program: 'cio-aide' });
    const b = facts({ ...complete, advisoryDuties: false, selectedForHeadcount: true });
    expect(evaluator.keyOf(a)).toBe(evaluator.keyOf(b));
    expect(evaluator.keyOf(a)).toBe(evaluator.keyOf(facts(complete)));
    const first = evaluator.evaluate(a);
    expect(evaluator.evaluate(b)).toBe(first);
    expect(evaluator.cacheSize).toBe(1);
  });

  it('keys a missing fact apart from every present value, and absent the same as MISSING', () => {
    const evaluator = evaluatorOf(version);
    const key = (values: Record<string, FactValue | Missing>): string =>
      evaluator.keyOf(facts(values));
    const missing = key({ ...complete, mainDutyMunicipalSupport: MISSING });
    const withoutDuty: Record<string, FactValue> = { ...complete };
    delete withoutDuty.mainDutyMunicipalSupport;
    expect(key(withoutDuty)).toBe(missing);
    expect(missing).not.toBe(key({ ...complete, mainDutyMunicipalSupport: false }));
    expect(key({ ...complete, mainDutyMunicipalSupport: false })).not.toBe(key(complete));
    // A list and a string are different values.
    expect(key({ ...complete, ipaExams: ['a'] })).not.toBe(key({ ...complete, ipaExams: 'a' }));
    expect(key({ ...complete, ipaExams: ['a', 'b'] })).not.toBe(
      key({ ...complete, ipaExams: ['b', 'a'] }),
    );
  });

  it('keys a number fact by its band among the thresholds the conditions compare it with', () => {
    const evaluator = evaluatorOf(version);
    const key = (experienceYears: string): string =>
      evaluator.keyOf(facts({ ...complete, experienceYears }));
    // The only threshold is 5 (≥ 5): below, on it, above — and not a number at all.
    expect(key('5')).toBe(key('5.0'));
    expect(key('10')).toBe(key('5.0001'));
    expect(key('0')).toBe(key('4.999'));
    expect(key('-3')).toBe(key('4'));
    expect(new Set([key('4'), key('5'), key('6'), key('abc')]).size).toBe(4);
    expect(key('abc')).toBe(key('1e3'));
    const tenYears = evaluator.evaluate(facts({ ...complete, experienceYears: '10' }));
    expect(evaluator.evaluate(facts({ ...complete, experienceYears: '6' }))).toBe(tenYears);
    expect(evaluator.cacheSize).toBe(1);
  });

  it('runs the engine once per combination of bands, and again after a new one', () => {
    const evaluator = evaluatorOf(version);
    evaluator.evaluate(facts(complete));
    evaluator.evaluate(facts({ ...complete, experienceYears: '7' }));
    expect(evaluator.conditionRuns).toBe(1);
    evaluator.evaluate(facts({ ...complete, experienceYears: '3' }));
    expect(evaluator.conditionRuns).toBe(2);
  });

  it('does not cache a missing fact together with a present one', () => {
    const evaluator = evaluatorOf(version);
    const [present] = evaluator.evaluate(facts({ ...complete, mainDutyMunicipalSupport: false }));
    const [absent] = evaluator.evaluate(facts({ ...complete, mainDutyMunicipalSupport: MISSING }));
    expect(present?.value).toBe('false');
    expect(absent?.value).toBe('unknown');
    expect(evaluator.cacheSize).toBe(2);
  });

  it('gives the same outcome whether cached or computed afresh', () => {
    const cached = evaluatorOf(version);
    const inputs = [
      complete,
      { ...complete, entityKind: 'village' },
      { ...complete, costType: 'recruitment' },
      complete,
      { entityKind: 'city' },
      { ...complete, entityKind: 'village' },
    ];
    for (const input of inputs) {
      const fresh = evaluatorOf(version).evaluate(facts(input));
      expect(cached.evaluate(facts(input))).toEqual(fresh);
    }
    expect(cached.cacheSize).toBe(4);
  });

  it('shares one outcome between combinations whose every leaf came out the same', () => {
    const evaluator = evaluatorOf(version);
    // town and city both pass `in`, 7 and 10 years both pass ≥ 5: different keys, same leaves.
    const first = evaluator.evaluate(facts(complete));
    const alike = evaluator.evaluate(
      facts({ ...complete, entityKind: 'town', experienceYears: '7' }),
    );
    expect(evaluator.cacheSize).toBe(2);
    expect(alike).toBe(first);
    // A leaf that came out otherwise (false, or its fact missing) is another outcome.
    const other = evaluator.evaluate(facts({ ...complete, experienceYears: '3' }));
    const missing = evaluator.evaluate(facts({ ...complete, experienceYears: MISSING }));
    expect(other).not.toBe(first);
    expect(missing).not.toBe(other);
    expect(missing).not.toBe(first);
    expect(missing).toEqual(
      evaluatorOf(version).evaluate(facts({ ...complete, experienceYears: MISSING })),
    );
  });

  it('answers synchronously from compiled conditions, as json-rules-engine answers', async () => {
    const inputs = [complete, { entityKind: 'city' }, { ...complete, experienceYears: '4.99' }];
    for (const input of inputs) {
      const compiled = evaluatorOf(version).evaluate(facts(input));
      expect(compiled).not.toBeInstanceOf(Promise);
      expect(await evaluatorOf(version).evaluateWithEngine(facts(input))).toEqual(compiled);
    }
  });
});
