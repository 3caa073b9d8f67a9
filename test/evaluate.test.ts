import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bundledRuleSet, evaluate, KofuzeiError, type Report } from '../src/index.js';
import { expectReportInvariants } from './helpers/invariants.js';
import {
  ALL_ENTITIES,
  CITY,
  CODES,
  cioLine,
  dxLeaderLine,
  ledgerOf,
  prefectureSalaryLine,
  type Json,
} from './helpers/ledger.js';
import { acceptanceLedgers, sampleLedger, type NamedLedger } from './helpers/paths.js';
import { programArb } from './reliability/ledger-arbitrary.js';
import { TINY_PROGRAM, tinyRuleSet } from './helpers/rule-sets.js';

function lineById(report: Report, id: string) {
  const line = report.lines.find((candidate) => candidate.id === id);
  if (line === undefined) throw new Error(`no line ${id} in the report`);
  return line;
}

function tinyLine(id: string, amount: string, facts: Json = {}): Json {
  return {
    id,
    entity: CODES.city,
    fiscalYear: 2025,
    program: TINY_PROGRAM,
    costType: 'tiny-cost',
    amount,
    facts,
  };
}

// ---------------------------------------------------------------------------------------------
// Random ledgers over the bundled rules: any mix of programs, cost types, years, facts, persons,
// negative corrections and malformed lines.

const PERSONS = ['P1', 'P2', 'P3', 'P4', 'P5'];
/** Mostly true, so that many generated lines are eligible. */
const likely = fc.constantFrom(true, true, true, false);
const factsArb = fc.record(
  {
    advisoryDuties: likely,
    planningOnly: fc.constantFrom(false, false, true),
    designatedDxLeader: likely,
    inTrainingProgram: likely,
    advancedExam: likely,
    broadStaffTraining: fc.constantFrom(false, false, true),
    employment: fc.constantFrom('full-time', 'fixed-term-full-time', 'part-time', 'outsourced'),
    mainDutyMunicipalSupport: likely,
    experienceYears: fc.integer({ min: 0, max: 9 }),
    ipaExams: fc.subarray(['it-strategist', 'fe-exam']),
    municipalContributionCollected: fc.constantFrom(false, false, true),
    inDigitalPlan: likely,
    elqr: fc.boolean(),
    selectedForHeadcount: fc.constantFrom(false, false, false, true),
  },
  { requiredKeys: ['advisoryDuties', 'designatedDxLeader', 'inTrainingProgram', 'inDigitalPlan'] },
);
const goodLineArb = fc
  .record(
    {
      entity: fc.constantFrom(...Object.values(CODES), CODES.city, CODES.prefecture),
      fiscalYear: fc.constantFrom(2022, 2023, 2024, 2025, 2025, 2025, 2026),
      kind: programArb,
      amount: fc
        .oneof(
          fc.bigInt({ min: 1n, max: 25_000_000n }),
          fc.bigInt({ min: -3_000_000n, max: 3_000_000n }),
        )
        .map(String),
      person: fc.constantFrom(...PERSONS, undefined),
      facts: factsArb,
    },
    { requiredKeys: ['entity', 'fiscalYear', 'kind', 'amount', 'person', 'facts'] },
  )
  .map(({ kind, ...line }) => ({ ...line, ...kind }));
const inputLineArb = fc.oneof(
  { weight: 12, arbitrary: goodLineArb.map((line): unknown => line) },
  {
    weight: 1,
    arbitrary: fc.constantFrom<unknown>(null, 42, 'x', { amount: '1.5' }, { entity: '999999' }),
  },
);
const ledgerArb = fc.array(inputLineArb, { maxLength: 14 }).map((lines) => ({
  entities: [...ALL_ENTITIES, { ...CITY, code: '392031', name: '高知市', attributes: {} }],
  lines: lines.map((line, index) =>
    line !== null && typeof line === 'object' && index % 7 !== 6
      ? { id: `L${index + 1}`, ...line }
      : line,
  ),
}));

describe('evaluate: report invariants (docs/contract.md §2)', () => {
  it('holds them on random ledgers', async () => {
    await fc.assert(
      fc.asyncProperty(ledgerArb, async (ledger) => {
        const report = await evaluate(ledger);
        expectReportInvariants(report, ledger.lines, bundledRuleSet());
      }),
      { numRuns: 60 },
    );
  });

  it('holds them with a rounding unit and the explicit headcount policy', async () => {
    await fc.assert(
      fc.asyncProperty(ledgerArb, async (ledger) => {
        const report = await evaluate(ledger, {
          policy: { roundingUnit: '1000', headcountSelection: 'explicit' },
        });
        expectReportInvariants(report, ledger.lines, bundledRuleSet());
        for (const line of report.lines)
          if (line.status === 'eligible' && line.kind === 'special-allocation-tax')
            expect(BigInt(line.amount ?? '0') % 1000n).toBe(0n);
      }),
      { numRuns: 25 },
    );
  });

  const named: NamedLedger[] = [...acceptanceLedgers(), sampleLedger()];
  it.each(named.map((entry) => [entry.name, entry] as const))(
    'holds them on %s',
    async (_name, { ledger, policy }) => {
      const report = await evaluate(ledger, policy === undefined ? {} : { policy });
      expectReportInvariants(report, (ledger as { lines: unknown[] }).lines, bundledRuleSet());
    },
  );

  it('lists an invalid line in place, between the lines around it', async () => {
    const report = await evaluate(
      ledgerOf([cioLine('A'), null, cioLine('B', { amount: 'abc' }), cioLine('C')]),
    );
    expect(report.lines.map((line) => [line.id, line.status])).toEqual([
      ['A', 'eligible'],
      ['#2', 'invalid'],
      ['B', 'invalid'],
      ['C', 'eligible'],
    ]);
  });

  it('carries the assumptions of the lines, with their texts, and nothing else', async () => {
    const report = await evaluate(
      ledgerOf([
        cioLine('R', { costType: 'recruitment', person: undefined }),
        cioLine('O', { fiscalYear: 2026 }), // A-12 (対象期間外)
        dxLeaderLine('D', '1000'), // none
      ]),
    );
    expect(lineById(report, 'R').assumptions).toEqual(['A-10']);
    expect(lineById(report, 'O').assumptions).toEqual(['A-12']);
    expect(lineById(report, 'D').assumptions).toEqual([]);
    const assumptions = bundledRuleSet().assumptions;
    expect(report.assumptions).toEqual(
      ['A-10', 'A-12'].map((id) => ({
        id,
        title: assumptions[id]?.title,
        text: assumptions[id]?.text,
      })),
    );
  });
});

describe('evaluate: policy', () => {
  it('floors 措置額 to the rounding unit on the group total', async () => {
    const lines = [dxLeaderLine('D1', '1234567'), dxLeaderLine('D2', '1000000')];
    const plain = await evaluate(ledgerOf(lines));
    const rounded = await evaluate(ledgerOf(lines), { policy: { roundingUnit: '1000' } });
    // 0.7 × 1,234,567 = 864,196.9; 0.7 × 2,234,567 = 1,564,196.9
    expect(plain.lines.map((line) => line.amount)).toEqual(['864196', '700000']);
    expect(rounded.lines.map((line) => line.amount)).toEqual(['864000', '700000']);
    expect(rounded.totals).toMatchObject([{ base: '2234567', amount: '1564000' }]);
  });

  it.each([
    ['a zero rounding unit', { roundingUnit: '0' }],
    ['a fractional rounding unit', { roundingUnit: '0.5' }],
    ['a rounding unit given as a number', { roundingUnit: 1000 }],
    ['an unknown headcount selection', { headcountSelection: 'random' }],
    ['a negative interest rate', { bondInterestRate: '-0.01' }],
    // "5" meant as 5 % would be a 500 % schedule; rates lie below 1 as `values` rates do.
    ['an interest rate of 1 or more', { bondInterestRate: '5' }],
    ['an interest rate of exactly 1', { bondInterestRate: '1.0' }],
    ['an unknown option', { roundingUnits: '1000' }],
  ])('rejects %s with KofuzeiError POLICY_INVALID', async (_what, policy) => {
    const ledger = ledgerOf([cioLine('L')]);
    // @ts-expect-error -- deliberately invalid policies
    const promise = evaluate(ledger, { policy });
    await expect(promise).rejects.toBeInstanceOf(KofuzeiError);
    // @ts-expect-error -- deliberately invalid policies
    await expect(evaluate(ledger, { policy })).rejects.toMatchObject({
      code: 'POLICY_INVALID',
    });
  });

  it('applies a policy given as a class instance as the same plain object (getters, prototype)', async () => {
    // Its `values` getter passed the check and was not applied: the rates were silently left out.
    const fixture = JSON.parse(
      readFileSync('fixtures/kyoryokutai-tokko/07-policy-rate-override.json', 'utf8'),
    ) as { ledger: unknown; policy: { values: Record<string, string> } };
    const { values } = fixture.policy;
    class Config {
      get values(): Record<string, string> {
        return values;
      }
    }
    const expected = await evaluate(fixture.ledger, { policy: fixture.policy });
    // The override changes amounts (else the comparison below would prove nothing).
    expect(JSON.stringify(await evaluate(fixture.ledger))).not.toBe(JSON.stringify(expected));
    const fromClass = await evaluate(fixture.ledger, { policy: new Config() });
    expect(JSON.stringify(fromClass)).toBe(JSON.stringify(expected));
    const inherited = Object.create({ values }) as never;
    expect(JSON.stringify(await evaluate(fixture.ledger, { policy: inherited }))).toBe(
      JSON.stringify(expected),
    );
  });

  it('says what is wrong with a policy in Japanese, at its key', async () => {
    const ledger = ledgerOf([cioLine('L')]);
    const cases: [unknown, string][] = [
      [
        { roundingUnits: '1000' },
        'ポリシーが不正です: (全体): 認識されていないキー: "roundingUnits"',
      ],
      [
        [],
        'ポリシーが不正です: (全体): 無効な入力: オブジェクト（{…}）が期待されましたが、配列が入力されました',
      ],
      [
        { headcountSelection: 'random' },
        'ポリシーが不正です: headcountSelection: 無効な選択: "rank"、"explicit"のいずれかである必要があります',
      ],
    ];
    for (const [policy, message] of cases)
      // @ts-expect-error -- deliberately invalid policies
      await expect(evaluate(ledger, { policy })).rejects.toMatchObject({ message });
  });

  it('leaves a group over its headcount undetermined under headcountSelection "explicit"', async () => {
    const lines = ['P1', 'P2', 'P3', 'P4'].map((person) => cioLine(person, { person }));
    const report = await evaluate(ledgerOf(lines), { policy: { headcountSelection: 'explicit' } });
    for (const line of report.lines) {
      expect(line.status).toBe('undetermined');
      expect(line.missingFacts).toEqual(['selectedForHeadcount']);
    }
    expect(report.totals).toEqual([]);
  });
});

describe('evaluate: custom rule sets from loadRuleSet', () => {
  it('evaluates with a custom rule set whose quotes check against rules/sources', async () => {
    const rules = tinyRuleSet([{ id: 'tiny-a', rate: '0.5', assumption: true }], true);
    const report = await evaluate(ledgerOf([tinyLine('T1', '1001'), tinyLine('T2', '1001')]), {
      rules,
    });
    expect(report.rulesVersion).toBe(rules.version);
    expect(report.rulesVersion).not.toBe(bundledRuleSet().version);
    expect(report.lines.map((line) => [line.measure, line.amount])).toEqual([
      ['tiny-a', '500'],
      ['tiny-a', '501'],
    ]);
    expect(report.totals).toMatchObject([{ measure: 'tiny-a', base: '2002', amount: '1001' }]);
    expect(report.assumptions).toEqual([
      { id: 'A-90', title: '試験の前提 / test assumption', text: '試験用の前提の本文。' },
    ]);
    expect(lineById(report, 'T1').citations).toMatchObject([
      { id: 'tiny-a#source', source: '002_734453b2d9e13e29.txt', lines: '725' },
    ]);
  });

  it('judges programs against the custom glossary, not the bundled one', async () => {
    const rules = tinyRuleSet([{ id: 'tiny-a', rate: '0.5' }]);
    const report = await evaluate(ledgerOf([cioLine('C'), tinyLine('T', '100')]), { rules });
    expect(report.lines.map((line) => line.status)).toEqual(['invalid', 'eligible']);
    expect(report.errors.map((error) => [error.line, error.field])).toEqual([
      ['C', 'program'],
      ['C', 'costType'],
    ]);
  });

  it('gives a line several measures match to the largest amount, listing the others', async () => {
    for (const order of [
      ['tiny-low', 'tiny-high'],
      ['tiny-high', 'tiny-low'],
    ]) {
      const rates: Record<string, string> = { 'tiny-low': '0.5', 'tiny-high': '0.7' };
      const rules = tinyRuleSet(order.map((id) => ({ id, rate: rates[id] ?? '0' })));
      const report = await evaluate(ledgerOf([tinyLine('T', '1000')]), { rules });
      expect(report.lines[0], order.join(' then ')).toMatchObject({
        status: 'eligible',
        measure: 'tiny-high',
        amount: '700',
        alternatives: [
          { measure: 'tiny-low', component: null, status: 'eligible', indicativeAmount: '500' },
        ],
      });
      expect(report.totals.map((total) => total.measure)).toEqual(['tiny-high']);
    }
  });

  it('gives a tie to the first measure in rule-set order', async () => {
    for (const order of [
      ['tiny-one', 'tiny-two'],
      ['tiny-two', 'tiny-one'],
    ]) {
      const rules = tinyRuleSet(order.map((id) => ({ id, rate: '0.5' })));
      const report = await evaluate(ledgerOf([tinyLine('T', '1000')]), { rules });
      expect(report.lines[0]).toMatchObject({
        measure: order[0],
        amount: '500',
        alternatives: [{ measure: order[1], indicativeAmount: '500' }],
      });
    }
  });

  it('emits MANUAL_REVIEW when a condition with a review text makes a line ineligible', async () => {
    const review = '要件を満たさない理由を個別に確認してください。';
    const rules = tinyRuleSet([{ id: 'tiny-a', rate: '0.5', review }]);
    const report = await evaluate(
      ledgerOf([
        tinyLine('NO', '1000', { tinyFlag: false }),
        tinyLine('YES', '1000', { tinyFlag: true }),
        tinyLine('UNKNOWN', '1000'),
      ]),
      { rules },
    );
    expect(report.lines.map((line) => line.status)).toEqual([
      'ineligible',
      'eligible',
      'undetermined',
    ]);
    expect(report.warnings).toEqual([
      { code: 'MANUAL_REVIEW', line: 'NO', message: `明細 NO: ${review}` },
    ]);
  });
});

describe('evaluate: warnings of the bundled rules', () => {
  it('warns HEADCOUNT_DEFAULT_SELECTION when it picks who counts under a headcount cap', async () => {
    const lines = [
      cioLine('H1', { person: 'P1', amount: '1000000' }),
      cioLine('H2', { person: 'P2', amount: '3000000' }),
      cioLine('H3', { person: 'P3', amount: '2000000' }),
      cioLine('H4', { person: 'P4', amount: '2500000' }),
    ];
    const report = await evaluate(ledgerOf(lines));
    const warnings = report.warnings.filter(
      (warning) => warning.code === 'HEADCOUNT_DEFAULT_SELECTION',
    );
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toContain('P1');
    expect(lineById(report, 'H1')).toMatchObject({ status: 'eligible', amount: '0' });
  });

  it('does not warn when the persons fit the headcount cap', async () => {
    const report = await evaluate(ledgerOf([cioLine('H1'), cioLine('H2'), cioLine('H3')]));
    expect(report.warnings).toEqual([]);
  });

  it('warns MANUAL_REVIEW for a full-time person whose 負担金 is collected (FY2025)', async () => {
    const report = await evaluate(
      ledgerOf([
        prefectureSalaryLine('F', {
          employment: 'full-time',
          mainDutyMunicipalSupport: true,
          experienceYears: 10,
          municipalContributionCollected: true,
        }),
      ]),
    );
    expect(report.lines[0]?.status).toBe('ineligible');
    const reviews = report.warnings.filter((warning) => warning.code === 'MANUAL_REVIEW');
    expect(reviews.length).toBeGreaterThan(0);
    for (const warning of reviews) expect(warning.line).toBe('F');
  });

  it('does not warn MANUAL_REVIEW when another measure takes the line', async () => {
    // FY2025 full-time: the 特別交付税 measure fails on a condition with a review text, but the
    // qualifying person goes to the 普通交付税 accelerator measure.
    const report = await evaluate(
      ledgerOf([
        prefectureSalaryLine('Q', {
          employment: 'full-time',
          mainDutyMunicipalSupport: true,
          experienceYears: 10,
        }),
      ]),
    );
    expect(report.lines[0]).toMatchObject({
      status: 'eligible',
      measure: 'pref-dx-accelerator-futsu',
    });
    expect(report.warnings).toEqual([]);
  });
});
