import { describe, expect, it } from 'vitest';
import { evaluate, type Report } from '../src/index.js';
import type { PolicyInput } from '../src/core/policy.js';
import {
  CODES,
  bondLine,
  cioLine,
  dxLeaderLine,
  ledgerOf,
  prefectureSalaryLine,
  type Json,
} from './helpers/ledger.js';
import { bundledMeasureCopy, ruleSetWith, withRate } from './helpers/rule-sets.js';

/** One test per item of docs/decisions.md §1, on the bundled rules and small ledgers. */

async function run(lines: readonly unknown[], policy?: PolicyInput): Promise<Report> {
  return evaluate(ledgerOf(lines), policy === undefined ? {} : { policy });
}

function line(report: Report, id: string) {
  const found = report.lines.find((candidate) => candidate.id === id);
  if (found === undefined) throw new Error(`no line ${id}`);
  return found;
}

function measuresNamed(report: Report, id: string): string[] {
  return [...new Set(line(report, id).reasons.map((reason) => reason.measure))].sort() as string[];
}

const QUALIFYING_FULL_TIME: Json = {
  employment: 'full-time',
  mainDutyMunicipalSupport: true,
  experienceYears: 6,
};

describe('decisions §1.1 candidates', () => {
  it('decisions §1.1 judges a line only against the measures of its program', async () => {
    const report = await run([
      cioLine('CIO', { facts: { advisoryDuties: false } }),
      prefectureSalaryLine('MDS', { employment: 'part-time', mainDutyMunicipalSupport: false }),
    ]);
    expect(line(report, 'CIO').status).toBe('ineligible');
    expect(measuresNamed(report, 'CIO')).toEqual(['cio-aide-tokko']);
    expect(line(report, 'MDS').status).toBe('ineligible');
    expect(measuresNamed(report, 'MDS')).toEqual([
      'pref-dx-accelerator-futsu',
      'pref-dx-talent-tokko',
    ]);
  });

  it('decisions §1.1 judges a line with a claim only against the claimed measure', async () => {
    const report = await run([
      prefectureSalaryLine('OPEN', QUALIFYING_FULL_TIME),
      prefectureSalaryLine('CLAIMED', QUALIFYING_FULL_TIME, { claim: 'pref-dx-talent-tokko' }),
    ]);
    expect(line(report, 'OPEN')).toMatchObject({
      status: 'eligible',
      measure: 'pref-dx-accelerator-futsu',
    });
    // Claimed under the 特別交付税 measure, which no longer takes full-time staff from FY2025.
    expect(line(report, 'CLAIMED').status).toBe('ineligible');
    expect(measuresNamed(report, 'CLAIMED')).toEqual(['pref-dx-talent-tokko']);
  });

  it('decisions §1.1 does not let a claim reach a measure outside the line’s program', async () => {
    // A CIO補佐官 (cio-aide) license line claimed under the DX推進リーダー measure of dx-leader.
    const report = await run([
      cioLine('CROSS', {
        costType: 'license',
        person: undefined,
        facts: {},
        claim: 'dx-leader-training-tokko',
      }),
    ]);
    expect(line(report, 'CROSS').status).not.toBe('eligible');
    expect(report.totals).toEqual([]);
  });
});

describe('decisions §1.2 fiscal-year versions', () => {
  it('decisions §1.2 applies the version of the line’s fiscal year (CIO headcount 1 in FY2023, 3 in FY2024)', async () => {
    const persons = (fiscalYear: number) =>
      ['A', 'B'].map((person) =>
        cioLine(`${fiscalYear}${person}`, { fiscalYear, person, amount: '1000000' }),
      );
    const report = await run([...persons(2023), ...persons(2024)]);
    expect(report.lines.map((reportLine) => [reportLine.id, reportLine.amount])).toEqual([
      ['2023A', '700000'],
      ['2023B', '0'],
      ['2024A', '700000'],
      ['2024B', '700000'],
    ]);
    expect(line(report, '2023A').version).toBe('cio-aide-tokko@fy2023');
    expect(line(report, '2024A').version).toBe('cio-aide-tokko@fy2024-2025');
  });

  it('decisions §1.2 makes a year after the last stated one ineligible, reason 対象期間外', async () => {
    const report = await run([cioLine('LATE', { fiscalYear: 2026 })]);
    expect(line(report, 'LATE').status).toBe('ineligible');
    expect(line(report, 'LATE').reasons).toMatchObject([
      { code: 'OUT_OF_PERIOD', measure: 'cio-aide-tokko' },
    ]);
    expect(line(report, 'LATE').reasons[0]?.text).toContain('対象期間外');
  });

  it('decisions §1.2 makes a year before the first documented one undetermined (no rule version)', async () => {
    const report = await run([cioLine('EARLY', { fiscalYear: 2022 })]);
    expect(line(report, 'EARLY').status).toBe('undetermined');
    expect(line(report, 'EARLY').reasons).toMatchObject([
      { code: 'NO_VERSION', measure: 'cio-aide-tokko', actual: 2022 },
    ]);
    expect(line(report, 'EARLY').reasons[0]?.text).toContain('FY2022');
  });

  it('decisions §1.2 keeps an open-ended version in force (accelerator, no end stated)', async () => {
    const report = await run([
      prefectureSalaryLine('FAR', QUALIFYING_FULL_TIME, { fiscalYear: 2040 }),
    ]);
    expect(line(report, 'FAR')).toMatchObject({
      status: 'eligible',
      measure: 'pref-dx-accelerator-futsu',
    });
  });
});

describe('decisions §1.3 three-valued eligibility', () => {
  it('decisions §1.3 makes a missing fact unknown, not false: undetermined with missingFacts', async () => {
    const report = await run([cioLine('U', { facts: {} })]);
    expect(line(report, 'U')).toMatchObject({
      status: 'undetermined',
      missingFacts: ['advisoryDuties'],
    });
  });

  it('decisions §1.3 all: false when any condition is false, even with another unknown', async () => {
    const report = await run([cioLine('F', { facts: { planningOnly: true } })]);
    expect(line(report, 'F')).toMatchObject({ status: 'ineligible', missingFacts: [] });
  });

  it('decisions §1.3 any: unknown when nothing is true and something is unknown (never reads as 0)', async () => {
    // experienceYears missing; ipaExams and equivalentKnowledge default to [] and false.
    const report = await run([
      prefectureSalaryLine('ANY-U', { employment: 'full-time', mainDutyMunicipalSupport: true }),
    ]);
    expect(line(report, 'ANY-U')).toMatchObject({
      status: 'undetermined',
      measure: 'pref-dx-accelerator-futsu',
      missingFacts: ['experienceYears'],
    });
  });

  it('decisions §1.3 any: true when one branch is true, whatever the unknown ones', async () => {
    const report = await run([
      prefectureSalaryLine('ANY-T', {
        employment: 'full-time',
        mainDutyMunicipalSupport: true,
        ipaExams: ['it-strategist'],
      }),
    ]);
    expect(line(report, 'ANY-T')).toMatchObject({
      status: 'eligible',
      measure: 'pref-dx-accelerator-futsu',
    });
  });

  it('decisions §1.3 lists every missing fact, sorted', async () => {
    const report = await run([prefectureSalaryLine('MANY', {})]);
    const missing = line(report, 'MANY').missingFacts;
    expect(line(report, 'MANY').status).toBe('undetermined');
    expect(missing.length).toBeGreaterThan(1);
    expect(missing).toEqual([...missing].sort());
    expect(missing).toContain('employment');
  });

  it('decisions §1.3 leaves a 市 without the hubCity attribute undetermined', async () => {
    const report = await run([
      prefectureSalaryLine(
        'HUB',
        { employment: 'part-time', mainDutyMunicipalSupport: true },
        { entity: CODES.city, costType: 'compensation' },
      ),
    ]);
    expect(line(report, 'HUB')).toMatchObject({
      status: 'undetermined',
      missingFacts: ['hubCity'],
    });
  });
});

describe('decisions §1.4 caps consume in ledger order', () => {
  it('decisions §1.4 gives line i clamp(S_i) − clamp(S_{i−1}), negative corrections included', async () => {
    const amounts = ['600000', '600000', '-300000', '500000'];
    const report = await run(
      amounts.map((amount, index) =>
        cioLine(`R${index + 1}`, { costType: 'recruitment', amount, person: undefined }),
      ),
    );
    // S = 600k, 1.2M, 900k, 1.4M; clamp to ¥1,000,000 = 600k, 1M, 900k, 1M.
    expect(report.lines.map((reportLine) => reportLine.base)).toEqual([
      '600000',
      '400000',
      '-100000',
      '100000',
    ]);
    expect(
      report.lines.map((reportLine) =>
        reportLine.caps.map((cap) => [cap.id, cap.limit, cap.counted, cap.headroom]),
      ),
    ).toEqual([
      [['recruitment-cap', '1000000', '600000', '400000']],
      [['recruitment-cap', '1000000', '400000', '0']],
      [['recruitment-cap', '1000000', '-100000', '100000']],
      [['recruitment-cap', '1000000', '100000', '0']],
    ]);
    expect(report.totals).toMatchObject([{ base: '1000000', amount: '700000' }]);
  });

  it('decisions §1.4 depends on ledger order: the same lines reordered split the cap differently', async () => {
    const lines = (amounts: string[]) =>
      amounts.map((amount, index) =>
        cioLine(`R${index + 1}`, { costType: 'recruitment', amount, person: undefined }),
      );
    const first = await run(lines(['900000', '300000']));
    const second = await run(lines(['300000', '900000']));
    expect(first.lines.map((reportLine) => reportLine.base)).toEqual(['900000', '100000']);
    expect(second.lines.map((reportLine) => reportLine.base)).toEqual(['300000', '700000']);
    expect(first.totals[0]?.base).toBe(second.totals[0]?.base);
  });

  it('decisions §1.4 caps per person × FY separately for each person (¥20,000,000 personnel cap)', async () => {
    const facts = { employment: 'part-time', mainDutyMunicipalSupport: true };
    const report = await run([
      prefectureSalaryLine('A1', facts, {
        costType: 'compensation',
        person: 'A',
        amount: '15000000',
      }),
      prefectureSalaryLine('A2', facts, {
        costType: 'compensation',
        person: 'A',
        amount: '8000000',
      }),
      prefectureSalaryLine('B1', facts, {
        costType: 'compensation',
        person: 'B',
        amount: '5000000',
      }),
      prefectureSalaryLine('A3', facts, {
        costType: 'compensation',
        person: 'A',
        amount: '1000000',
        fiscalYear: 2026,
      }),
    ]);
    expect(report.lines.map((reportLine) => reportLine.base)).toEqual([
      '15000000',
      '5000000',
      '5000000',
      '1000000',
    ]);
    expect(line(report, 'A2').caps).toMatchObject([
      { id: 'personnel-cap', scope: 'person', limit: '20000000', headroom: '0', binding: true },
    ]);
  });
});

describe('decisions §1.5 headcount caps', () => {
  const fourPersons = (extra: (person: string) => Json = () => ({})) =>
    [
      ['P1', '1000000'],
      ['P2', '3000000'],
      ['P3', '2000000'],
      ['P4', '3000000'],
    ].map(([person = '', amount]) =>
      cioLine(person, { person, amount, facts: { advisoryDuties: true, ...extra(person) } }),
    );

  it('decisions §1.5 counts the top N by eligible total, the others eligible with amount 0 and a warning', async () => {
    const report = await run(fourPersons());
    expect(
      report.lines.map((reportLine) => [reportLine.id, reportLine.status, reportLine.amount]),
    ).toEqual([
      ['P1', 'eligible', '0'],
      ['P2', 'eligible', '2100000'],
      ['P3', 'eligible', '1400000'],
      ['P4', 'eligible', '2100000'],
    ]);
    expect(line(report, 'P1').caps).toMatchObject([{ scope: 'headcount', limit: '3' }]);
    expect(line(report, 'P1').reasons).toMatchObject([{ code: 'HEADCOUNT_EXCLUDED' }]);
    expect(report.warnings.map((warning) => warning.code)).toEqual(['HEADCOUNT_DEFAULT_SELECTION']);
  });

  it('decisions §1.5 breaks ties by first appearance, ranking a person on all their lines', async () => {
    // FY2023: one person counts. Q's total 2,000,000 (two lines) ties R's; Q appears first.
    const report = await run([
      cioLine('Q1', { fiscalYear: 2023, person: 'Q', amount: '1000000' }),
      cioLine('R1', { fiscalYear: 2023, person: 'R', amount: '2000000' }),
      cioLine('Q2', { fiscalYear: 2023, person: 'Q', amount: '1000000' }),
    ]);
    expect(report.lines.map((reportLine) => reportLine.amount)).toEqual(['700000', '0', '700000']);
  });

  it('decisions §1.5 counts the persons with selectedForHeadcount when any line has it', async () => {
    const report = await run(
      fourPersons((person) => (person === 'P1' ? { selectedForHeadcount: true } : {})),
    );
    expect(report.lines.map((reportLine) => reportLine.amount)).toEqual(['700000', '0', '0', '0']);
    expect(report.warnings).toEqual([]);
  });

  it('decisions §1.5 makes every line of the group invalid when more persons are selected than the cap', async () => {
    const report = await run(fourPersons(() => ({ selectedForHeadcount: true })));
    expect(report.lines.map((reportLine) => reportLine.status)).toEqual([
      'invalid',
      'invalid',
      'invalid',
      'invalid',
    ]);
    expect(report.errors).toHaveLength(4);
    for (const error of report.errors) {
      expect(error.field).toBe('facts.selectedForHeadcount');
      expect(error.expected).toContain('3');
      expect(error.expected).toContain('対象上限');
    }
    expect(report.totals).toEqual([]);
  });
});

describe('decisions §1.6 rate and rounding', () => {
  it('decisions §1.6 floors rate × Σ base on the group total and apportions it by running sums', async () => {
    const report = await run(
      ['1', '1', '1'].map((amount, index) => dxLeaderLine(`D${index}`, amount)),
    );
    // floor(0.7 × 1) = 0, floor(0.7 × 2) = 1, floor(0.7 × 3) = 2: lines 0, 1, 1.
    expect(report.lines.map((reportLine) => reportLine.amount)).toEqual(['0', '1', '1']);
    expect(report.totals).toMatchObject([{ base: '3', amount: '2' }]);
  });

  it('decisions §1.6 policy roundingUnit floors the running total to whole units', async () => {
    const report = await run(
      ['1500', '1500', '1500'].map((amount, index) => dxLeaderLine(`D${index}`, amount)),
      { roundingUnit: '1000' },
    );
    // 0.7 × 1500 = 1050 → 1000; 0.7 × 3000 = 2100 → 2000; 0.7 × 4500 = 3150 → 3000.
    expect(report.lines.map((reportLine) => reportLine.amount)).toEqual(['1000', '1000', '1000']);
    expect(report.totals).toMatchObject([{ base: '4500', amount: '3000' }]);
  });

  it('decisions §1.6 keeps the rate exact (no float): 0.7 × 10,000,000,000,001', async () => {
    const report = await run([dxLeaderLine('BIG', '10000000000001')]);
    expect(line(report, 'BIG')).toMatchObject({ rate: '0.7', amount: '7000000000000' });
  });

  it('decisions §1.6 floors bond and 交付税措置 on running totals too (digital-katsuyo-bond)', async () => {
    const report = await run([bondLine('B1', '1001'), bondLine('B2', '1001')]);
    // bond: floor(0.9 × 1001) = 900, floor(0.9 × 2002) = 1801; amount: floor(0.5 × 900) = 450,
    // floor(0.5 × 1801) = 900.
    expect(report.lines.map((reportLine) => [reportLine.bond, reportLine.amount])).toEqual([
      ['900', '450'],
      ['901', '450'],
    ]);
    expect(report.totals).toMatchObject([{ base: '2002', bond: '1801', amount: '900' }]);
  });
});

describe('decisions §1.7 several measures match one line', () => {
  it('decisions §1.7 gives the line to the measure with the largest amount and lists the other', async () => {
    const richer = withRate(bundledMeasureCopy('cio-aide-tokko'), '0.9');
    richer.id = 'cio-aide-richer';
    const rules = ruleSetWith([bundledMeasureCopy('cio-aide-tokko'), richer]);
    const report = await evaluate(ledgerOf([cioLine('L', { amount: '1000000' })]), { rules });
    expect(line(report, 'L')).toMatchObject({
      status: 'eligible',
      measure: 'cio-aide-richer',
      amount: '900000',
      alternatives: [
        { measure: 'cio-aide-tokko', component: 'appointment', indicativeAmount: '700000' },
      ],
    });
  });

  it('decisions §1.7 breaks a tie by the order of measures in the rule set', async () => {
    const twin = bundledMeasureCopy('cio-aide-tokko');
    twin.id = 'cio-aide-twin';
    for (const order of [
      [bundledMeasureCopy('cio-aide-tokko'), twin],
      [twin, bundledMeasureCopy('cio-aide-tokko')],
    ]) {
      const rules = ruleSetWith(order);
      const report = await evaluate(ledgerOf([cioLine('L')]), { rules });
      expect(line(report, 'L').measure).toBe(order[0]?.id);
      expect(line(report, 'L').alternatives.map((alternative) => alternative.measure)).toEqual([
        order[1]?.id,
      ]);
    }
  });

  it('decisions §1.7 lists a measure that could also apply (undetermined) as an alternative', async () => {
    // FY2024, a 過疎 village's ZEB: the 脱炭素化推進事業債 takes it; the 過疎対策事業債
    // 「脱炭素化推進特別分」 could too, but whether the work is at a 過疎債 facility is not stated.
    const village: Json = {
      code: '393070',
      name: '村A（過疎）',
      kind: 'village',
      attributes: { kaso: true },
    };
    const report = await evaluate(
      ledgerOf(
        [
          {
            id: 'ZEB',
            entity: '393070',
            fiscalYear: 2024,
            program: 'datsutanso',
            costType: 'datsutanso-zeb',
            amount: '1000000',
          },
        ],
        [village],
      ),
    );
    expect(line(report, 'ZEB')).toMatchObject({
      status: 'eligible',
      measure: 'datsutanso-bond-chiikinai',
      alternatives: [
        { measure: 'kaso-bond-datsutanso', status: 'undetermined', indicativeAmount: null },
      ],
    });
  });

  it('decisions §1.2 lists no alternative from a measure not yet in force', async () => {
    // FY2024: a full-time 都道府県 person is still under the 特別交付税 measure (「現行」); the
    // 普通交付税 accelerator measure starts 「令和7年度から」, so it is no alternative.
    const report = await run([
      prefectureSalaryLine('FY24', QUALIFYING_FULL_TIME, { fiscalYear: 2024 }),
    ]);
    expect(line(report, 'FY24')).toMatchObject({
      status: 'eligible',
      measure: 'pref-dx-talent-tokko',
      alternatives: [],
    });
  });
});

describe('decisions §1.8 不交付団体 and 特別区', () => {
  it('decisions §1.8 makes allocation-tax amounts 0 for a 不交付団体 and a 特別区, reason NON_RECIPIENT', async () => {
    const report = await run([
      cioLine('WARD', { entity: CODES.ward }),
      cioLine('RICH', { entity: CODES.nonRecipientCity }),
      cioLine('CITY'),
    ]);
    for (const id of ['WARD', 'RICH']) {
      expect(line(report, id)).toMatchObject({
        status: 'eligible',
        measure: 'cio-aide-tokko',
        base: '1000000',
        amount: '0',
      });
      expect(line(report, id).reasons.map((reason) => reason.code)).toEqual(['NON_RECIPIENT']);
    }
    expect(line(report, 'CITY').amount).toBe('700000');
    expect(report.totals.map((total) => [total.entity, total.base, total.amount]).sort()).toEqual(
      [
        [CODES.ward, '1000000', '0'],
        [CODES.city, '1000000', '700000'],
        [CODES.nonRecipientCity, '1000000', '0'],
      ].sort(),
    );
  });

  it('decisions §1.8 still reports the bond of a local bond, with amount 0', async () => {
    const report = await run([
      bondLine('RICH', '1000000', { entity: CODES.nonRecipientCity }),
      bondLine('WARD', '1000000', { entity: CODES.ward }),
    ]);
    for (const reportLine of report.lines) {
      expect(reportLine).toMatchObject({ status: 'eligible', bond: '900000', amount: '0' });
      expect(reportLine.reasons.map((reason) => reason.code)).toEqual(['NON_RECIPIENT']);
    }
  });

  it('decisions §1.8 counts a 不交付団体 prefecture’s accelerator person at 0', async () => {
    const report = await evaluate({
      entities: [{ code: '130001', name: '東京都', kind: 'prefecture', nonRecipient: true }],
      lines: [prefectureSalaryLine('TOKYO', QUALIFYING_FULL_TIME, { entity: '130001' })],
    });
    expect(line(report, 'TOKYO')).toMatchObject({
      status: 'eligible',
      measure: 'pref-dx-accelerator-futsu',
      amount: '0',
    });
  });
});

describe('decisions §1.9 determinism', () => {
  const ledger = () =>
    ledgerOf([
      cioLine('A', { date: '2025-06-30', fiscalYear: undefined }),
      cioLine('B', { fiscalYear: '令和7年度', amount: '３，６００，０００円' }),
      dxLeaderLine('C', '12345'),
      bondLine('D', '1000'),
      prefectureSalaryLine('E', QUALIFYING_FULL_TIME),
    ]);

  it('decisions §1.9 gives a byte-identical report for the same ledger, rules and policy', async () => {
    const first = JSON.stringify(await evaluate(ledger()));
    const second = JSON.stringify(await evaluate(ledger()));
    expect(second).toBe(first);
  });

  it('decisions §1.9 does not depend on the order of keys in the input', async () => {
    const reversed = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(reversed);
      if (value !== null && typeof value === 'object')
        return Object.fromEntries(
          Object.entries(value)
            .reverse()
            .map(([key, inner]) => [key, reversed(inner)]),
        );
      return value;
    };
    const report = JSON.stringify(await evaluate(ledger()));
    expect(JSON.stringify(await evaluate(reversed(ledger())))).toBe(report);
  });

  it('decisions §1.9 writes no timestamp: the report has no date-like value it was not given', async () => {
    const text = JSON.stringify(await evaluate(ledger()));
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/);
  });
});
