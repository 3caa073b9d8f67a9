import { describe, expect, it } from 'vitest';
import { evaluate, loadRuleSet, type Report, type RuleSet } from '../src/index.js';
import { TINY_ASSUMPTIONS, TINY_GLOSSARY, TINY_PROGRAM } from './helpers/rule-sets.js';

/*
 * The engine features the catalogue's measures need (issue #3): fraction rates, sub-caps (`when`),
 * unstated caps, line caps from a fact (`shareOf`), measure-wide caps, informational components
 * (`none`), 一般管理費 (`overhead`), policy values for unstated numbers, `caution`, contractors.
 */

const cite = ['source'];
const SOURCE = {
  file: '002_734453b2d9e13e29.txt',
  lines: '725',
  quote: '※いずれも令和7年度までの特別交付税措置（措置率0.7）',
};

const GLOSSARY = {
  ...TINY_GLOSSARY,
  costTypes: { ...TINY_GLOSSARY.costTypes, overhead: { label: '一般管理費' } },
  entityKinds: { ...TINY_GLOSSARY.entityKinds, contractor: { label: '受託事業者' } },
  facts: {
    ...TINY_GLOSSARY.facts,
    projectCost: { type: 'number', label: '事業費', scope: 'line' },
    tax: { type: 'number', label: '消費税額', scope: 'line' },
    ownRate: { type: 'number', label: '一般管理費率', scope: 'entity' },
  },
};

const costIs = (value: string) => ({
  all: [{ id: `cost-${value}`, fact: 'costType', operator: 'equal', value, label: value, cite }],
});

/** Check-rules wants a short label (構成要素) on every component: the title serves here. */
function labelled(component: unknown): unknown {
  const fields = component as { title?: unknown; label?: unknown };
  return { label: fields.title, ...fields };
}

function ruleSet(kind: string, components: unknown[], caution?: string): RuleSet {
  return loadRuleSet({
    glossary: GLOSSARY,
    assumptions: TINY_ASSUMPTIONS,
    measures: [
      {
        file: 'm.json',
        json: {
          id: 'm',
          title: '試験措置',
          kind,
          status: 'computable',
          programs: [TINY_PROGRAM],
          summary: '試験',
          sources: { source: SOURCE },
          versions: [
            {
              id: 'v',
              fiscalYears: { from: 2020, through: null, cite },
              conditions: { all: [] },
              ...(caution === undefined ? {} : { caution }),
              components: components.map(labelled),
            },
          ],
        },
      },
    ],
  });
}

const rate = (value: string, extra: object = {}) => ({
  method: 'rate',
  rate: { value, label: '率', cite, ...extra },
});

function ledger(
  lines: { amount: string; costType?: string; person?: string; facts?: object }[],
  entity: object = { code: '392081', name: '宿毛市', kind: 'city' },
) {
  const code = (entity as { code: string }).code;
  return {
    entities: [entity],
    lines: lines.map((line, index) => ({
      id: `L${index + 1}`,
      entity: code,
      fiscalYear: 2025,
      program: TINY_PROGRAM,
      costType: line.costType ?? 'tiny-cost',
      amount: line.amount,
      ...(line.person === undefined ? {} : { person: line.person }),
      ...(line.facts === undefined ? {} : { facts: line.facts }),
    })),
  };
}

const pick = (report: Report, field: 'status' | 'base' | 'amount') =>
  report.lines.map((line) => line[field]);

describe('fraction rates (2/3 as the sources state it)', () => {
  const rules = ruleSet('national-subsidy', [
    { id: 'c', title: 'c', conditions: costIs('tiny-cost'), amount: rate('2/3') },
  ]);

  it('floors the running product exactly, line by line', async () => {
    const report = await evaluate(ledger([{ amount: '3' }, { amount: '3' }, { amount: '1' }]), {
      rules,
    });
    expect(pick(report, 'amount')).toEqual(['2', '2', '0']);
    expect(report.lines[0]?.rate).toBe('2/3');
    expect(report.totals[0]).toMatchObject({ base: '7', amount: '4' });
  });

  it('is exact where a 40-digit decimal of 2/3 would fall short of an integer', async () => {
    const report = await evaluate(ledger([{ amount: '300000000000003' }]), { rules });
    expect(report.lines[0]?.amount).toBe('200000000000002');
  });
});

describe('caps', () => {
  it('sub-caps with `when` count only their lines, then the total cap (A-23)', async () => {
    const rules = ruleSet('special-allocation-tax', [
      {
        id: 'activity',
        title: '活動',
        conditions: { any: [costIs('tiny-cost'), costIs('other-cost')] },
        amount: rate('1'),
        caps: [
          {
            id: 'reward',
            label: '報償費等',
            scope: 'person',
            limit: '3200000',
            when: { fact: 'costType', in: ['tiny-cost'] },
            cite,
          },
          {
            id: 'other',
            label: 'その他',
            scope: 'person',
            limit: '2000000',
            when: { fact: 'costType', in: ['other-cost'] },
            cite,
          },
          { id: 'total', label: '合計', scope: 'person', limit: '5200000', cite },
        ],
      },
    ]);
    const report = await evaluate(
      ledger([
        { amount: '3000000', person: 'P1' },
        { amount: '2500000', costType: 'other-cost', person: 'P1' },
        { amount: '500000', person: 'P1' },
        { amount: '4000000', person: 'P2' },
      ]),
      { rules },
    );
    expect(pick(report, 'base')).toEqual(['3000000', '2000000', '200000', '3200000']);
    const second = report.lines[1];
    expect(second?.caps.map((cap) => [cap.id, cap.counted, cap.binding])).toEqual([
      ['other', '2000000', true],
      ['total', '2000000', false],
    ]);
  });

  it('an unstated limit leaves the line undetermined, unless a policy gives it', async () => {
    const rules = ruleSet('national-subsidy', [
      {
        id: 'c',
        title: 'c',
        conditions: costIs('tiny-cost'),
        amount: rate('1'),
        caps: [
          {
            id: 'unstated',
            label: '上限あり',
            scope: 'entity',
            limit: null,
            policyKey: 'm.c.cap',
            cite,
          },
        ],
      },
    ]);
    const open = await evaluate(ledger([{ amount: '500000' }]), { rules });
    expect(open.lines[0]).toMatchObject({ status: 'undetermined', amount: null });
    expect(open.lines[0]?.reasons[0]?.code).toBe('CAP_NOT_STATED');
    expect(open.lines[0]?.reasons[0]?.text).toContain('policy values["m.c.cap"]');
    const given = await evaluate(ledger([{ amount: '500000' }, { amount: '500000' }]), {
      rules,
      policy: { values: { 'm.c.cap': '800000' } },
    });
    expect(pick(given, 'base')).toEqual(['500000', '300000']);
  });

  it('a line cap from a fact (事業費の1/2), undetermined when the fact is missing', async () => {
    const rules = ruleSet('local-bond', [
      {
        id: 'c',
        title: 'c',
        conditions: costIs('tiny-cost'),
        amount: {
          method: 'bond',
          allocationRate: { value: '0.9', label: '充当率', cite },
          taxMeasureRate: { value: '0.5', label: '措置率', cite },
        },
        caps: [
          {
            id: 'half',
            label: '事業費の1/2',
            scope: 'line',
            limit: null,
            shareOf: { fact: 'projectCost', rate: { value: '0.5', label: '1/2', cite } },
            cite,
          },
        ],
      },
    ]);
    const report = await evaluate(
      ledger([
        { amount: '700000', facts: { projectCost: '1000001' } },
        { amount: '400000', facts: { projectCost: '1000000' } },
        { amount: '400000' },
      ]),
      { rules },
    );
    expect(pick(report, 'status')).toEqual(['eligible', 'eligible', 'undetermined']);
    expect(pick(report, 'base')).toEqual(['500000', '400000', null]);
    expect(report.lines[0]?.bond).toBe('450000');
    expect(report.lines[2]?.missingFacts).toEqual(['projectCost']);
  });

  it('a 戻入 under a line cap is undetermined, never silently 0', async () => {
    const rules = ruleSet('national-subsidy', [
      {
        id: 'c',
        title: 'c',
        conditions: costIs('tiny-cost'),
        amount: rate('0.5'),
        caps: [{ id: 'per-project', label: '1事業あたり上限', scope: 'line', limit: '1000', cite }],
      },
    ]);
    const report = await evaluate(ledger([{ amount: '1500' }, { amount: '-200' }]), { rules });
    expect(pick(report, 'status')).toEqual(['eligible', 'undetermined']);
    expect(report.lines[1]?.reasons[0]?.code).toBe('CORRECTION_UNDER_LINE_CAP');
    expect(report.totals[0]).toMatchObject({ base: '1000', amount: '500', lines: 1 });
  });

  it('a measure-wide cap is shared by the components, in ledger order', async () => {
    const total = { id: 'contract', label: '委託費限度額', scope: 'measure', limit: '1000', cite };
    const rules = ruleSet('contract-expense', [
      { id: 'a', title: 'a', conditions: costIs('tiny-cost'), amount: rate('1'), caps: [total] },
      { id: 'b', title: 'b', conditions: costIs('other-cost'), amount: rate('1'), caps: [total] },
    ]);
    const report = await evaluate(
      ledger([{ amount: '600' }, { amount: '300', costType: 'other-cost' }, { amount: '300' }], {
        code: '7000012050002',
        name: '株式会社試験',
        kind: 'contractor',
      }),
      { rules, policy: { roundingUnit: '1000' } },
    );
    expect(pick(report, 'base')).toEqual(['600', '300', '100']);
    // Contract expenses are owed yen: the 措置額 rounding policy does not touch them.
    expect(pick(report, 'amount')).toEqual(['600', '300', '100']);
  });
});

describe('informational components (method none)', () => {
  const rules = ruleSet('special-allocation-tax', [
    {
      id: 'free',
      title: '無料派遣',
      conditions: costIs('tiny-cost'),
      amount: {
        method: 'none',
        outcome: 'ineligible',
        reason: '派遣経費は機構が全額負担する',
        cite,
      },
    },
    {
      id: 'unknown',
      title: '額の記載なし',
      conditions: costIs('other-cost'),
      amount: {
        method: 'none',
        outcome: 'undetermined',
        reason: '措置額が資料に記載されていない',
        cite,
      },
    },
  ]);

  it('gives the stated status and reason, never a number', async () => {
    const report = await evaluate(
      ledger([{ amount: '1000' }, { amount: '1000', costType: 'other-cost' }]),
      {
        rules,
      },
    );
    expect(
      report.lines.map((line) => [
        line.status,
        line.amount,
        line.reasons[0]?.code,
        line.reasons[0]?.text,
      ]),
    ).toEqual([
      ['ineligible', null, 'NOT_COMPUTABLE', '派遣経費は機構が全額負担する'],
      ['undetermined', null, 'NOT_COMPUTABLE', '措置額が資料に記載されていない'],
    ]);
    expect(report.lines[1]).toMatchObject({ measure: 'm', component: 'unknown', missingFacts: [] });
    expect(report.totals).toEqual([]);
  });
});

describe('一般管理費 (method overhead)', () => {
  const rules = ruleSet('contract-expense', [
    { id: 'direct', title: '直接経費', conditions: costIs('tiny-cost'), amount: rate('1') },
    { id: 'outsourced', title: '再委託', conditions: costIs('other-cost'), amount: rate('1') },
    {
      id: 'overhead',
      title: '一般管理費',
      conditions: costIs('overhead'),
      amount: {
        method: 'overhead',
        maxRate: { value: '0.1', label: '一般管理費率（10%又は財務諸表の率の低い方）', cite },
        rateFact: 'ownRate',
        taxFact: 'tax',
        baseComponents: ['direct'],
      },
    },
  ]);
  const contractor = (ownRate?: string) => ({
    code: '7000012050002',
    name: '株式会社試験',
    kind: 'contractor',
    ...(ownRate === undefined ? {} : { attributes: { ownRate } }),
  });
  const lines = [
    { amount: '600', costType: 'overhead', facts: { tax: '0' } },
    { amount: '5500', facts: { tax: '500' } },
    { amount: '6600', facts: { tax: '600' } },
    { amount: '9999', costType: 'other-cost', facts: { tax: '0' } },
  ];

  it('caps at floor(min(10%, own rate) × direct costs excluding tax), re-委託 excluded', async () => {
    const low = await evaluate(ledger(lines, contractor('0.08')), { rules });
    // (5000 + 6000) × 0.08 = 880: the 600 claimed fits.
    expect(low.lines[0]).toMatchObject({ status: 'eligible', base: '600' });
    const high = await evaluate(
      ledger(
        [...lines, { amount: '600', costType: 'overhead', facts: { tax: '0' } }],
        contractor('0.12'),
      ),
      { rules },
    );
    // min(0.1, 0.12) × 11000 = 1100: the second 600 counts 500.
    expect(high.lines[4]).toMatchObject({ base: '500', amount: '500' });
    expect(high.lines[4]?.caps[0]).toMatchObject({
      id: 'overhead-limit',
      limit: '1100',
      binding: true,
    });
  });

  it('is undetermined when the own rate or a direct line’s tax is missing', async () => {
    const noRate = await evaluate(ledger(lines, contractor()), { rules });
    expect(noRate.lines[0]).toMatchObject({ status: 'undetermined', missingFacts: ['ownRate'] });
    const noTax = await evaluate(ledger([...lines, { amount: '100' }], contractor('0.08')), {
      rules,
    });
    expect(noTax.lines[0]).toMatchObject({ status: 'undetermined', missingFacts: ['tax'] });
    expect(noTax.lines[0]?.reasons[0]?.text).toContain('L5');
  });
});

describe('一般管理費 with the 委託費 limit and undetermined direct lines', () => {
  const limit = { id: 'contract', label: '委託費限度額', scope: 'measure', limit: '12000', cite };
  const rules = ruleSet('contract-expense', [
    {
      id: 'direct',
      title: '直接経費',
      conditions: {
        all: [
          ...costIs('tiny-cost').all,
          { id: 'flag', fact: 'tinyFlag', operator: 'equal', value: true, label: '要件', cite },
        ],
      },
      amount: rate('1'),
      caps: [limit],
    },
    {
      id: 'overhead',
      title: '一般管理費',
      conditions: costIs('overhead'),
      amount: {
        method: 'overhead',
        maxRate: { value: '0.1', label: '一般管理費率', cite },
        rateFact: 'ownRate',
        taxFact: 'tax',
        baseComponents: ['direct'],
      },
      caps: [limit],
    },
  ]);
  const contractor = {
    code: '7000012050002',
    name: '株式会社試験',
    kind: 'contractor',
    attributes: { ownRate: '0.2' },
  };

  it('what the 一般管理費 cap cuts does not use up the measure-wide limit', async () => {
    const report = await evaluate(
      ledger(
        [
          { amount: '10000', facts: { tax: '0', tinyFlag: true } },
          { amount: '3000', costType: 'overhead', facts: { tax: '0' } },
          { amount: '2000', facts: { tax: '0', tinyFlag: true } },
        ],
        contractor,
      ),
      { rules },
    );
    // 一般管理費 ≤ 0.1 × 12,000 = 1,200; the limit 12,000 then leaves 12,000 − 10,000 − 1,200 = 800.
    expect(pick(report, 'base')).toEqual(['10000', '1200', '800']);
  });

  it('an undetermined line that may be a direct cost leaves the 一般管理費 undetermined', async () => {
    const report = await evaluate(
      ledger(
        [
          { amount: '10000', facts: { tax: '0', tinyFlag: true } },
          { amount: '500', costType: 'overhead', facts: { tax: '0' } },
          { amount: '2000', facts: { tax: '0' } },
        ],
        contractor,
      ),
      { rules },
    );
    expect(pick(report, 'status')).toEqual(['eligible', 'undetermined', 'undetermined']);
    expect(report.lines[1]?.reasons[0]?.text).toContain('L3');
  });
});

describe('reasons of an ineligible line', () => {
  it('come from the components whose cost type matched, when one did', async () => {
    const rules = ruleSet('contract-expense', [
      {
        id: 'a',
        title: 'a',
        conditions: {
          all: [
            ...costIs('tiny-cost').all,
            { id: 'flag', fact: 'tinyFlag', operator: 'equal', value: true, label: '要件', cite },
          ],
        },
        amount: rate('1'),
      },
      { id: 'b', title: 'b', conditions: costIs('other-cost'), amount: rate('1') },
    ]);
    const report = await evaluate(
      ledger(
        [
          { amount: '1', facts: { tinyFlag: false } },
          { amount: '1', costType: 'overhead' },
        ],
        { code: '7000012050002', name: '株式会社試験', kind: 'contractor' },
      ),
      { rules },
    );
    expect(report.lines[0]?.reasons.map((reason) => reason.condition)).toEqual(['flag']);
    expect(report.lines[1]?.reasons.map((reason) => reason.condition)).toEqual([
      'cost-tiny-cost',
      'cost-other-cost',
    ]);
  });
});

describe('policy values for numbers the sources leave unstated (A-18)', () => {
  const rules = ruleSet('special-allocation-tax', [
    {
      id: 'c',
      title: 'c',
      conditions: costIs('tiny-cost'),
      amount: rate('1', { policyKey: 'm.c.rate' }),
    },
  ]);

  it('replaces a value marked with a policyKey', async () => {
    const report = await evaluate(ledger([{ amount: '1000' }]), {
      rules,
      policy: { values: { 'm.c.rate': '0.8' } },
    });
    expect(report.lines[0]).toMatchObject({ rate: '0.8', amount: '800' });
  });

  it('refuses a key no rule has', async () => {
    await expect(
      evaluate(ledger([{ amount: '1000' }]), { rules, policy: { values: { 'm.c.limit': '1' } } }),
    ).rejects.toThrow(
      /values\["m\.c\.limit"\]: このルールセットにないキーです（使えるキー: m\.c\.rate）/,
    );
  });
});

describe('an undetermined measure that could pay more', () => {
  it('is named in a warning on the line another measure takes', async () => {
    const rules = loadRuleSet({
      glossary: GLOSSARY,
      assumptions: TINY_ASSUMPTIONS,
      measures: ['a', 'b'].map((id) => ({
        file: `${id}.json`,
        json: {
          id,
          title: id,
          kind: 'special-allocation-tax',
          status: 'computable',
          programs: [TINY_PROGRAM],
          summary: id,
          sources: { source: SOURCE },
          versions: [
            {
              id: 'v',
              fiscalYears: { from: 2020, through: null, cite },
              conditions: { all: [] },
              components: [
                {
                  title: id,
                  label: id,
                  conditions:
                    id === 'a'
                      ? costIs('tiny-cost')
                      : {
                          all: [
                            ...costIs('tiny-cost').all,
                            {
                              id: 'flag',
                              fact: 'tinyFlag',
                              operator: 'equal',
                              value: true,
                              label: '要件',
                              cite,
                            },
                          ],
                        },
                  amount: rate(id === 'a' ? '0.5' : '0.7'),
                },
              ],
            },
          ],
        },
      })),
    });
    const report = await evaluate(
      ledger([{ amount: '1000' }, { amount: '1000', facts: { tinyFlag: false } }]),
      {
        rules,
      },
    );
    expect(pick(report, 'amount')).toEqual(['500', '500']);
    expect(report.warnings.map((warning) => [warning.code, warning.line])).toEqual([
      ['UNDETERMINED_ALTERNATIVE', 'L1'],
    ]);
    expect(report.warnings[0]?.message).toContain('b（不足: 試験用の要件（tinyFlag））');
  });
});

describe('cautions and contractors', () => {
  it('repeats a version caution as a warning on every line it takes', async () => {
    const rules = ruleSet(
      'special-allocation-tax',
      [{ id: 'c', title: 'c', conditions: costIs('tiny-cost'), amount: rate('0.5') }],
      '本財政措置は現在要望中',
    );
    const report = await evaluate(ledger([{ amount: '1000' }, { amount: '1' }]), { rules });
    expect(report.warnings.map((warning) => [warning.code, warning.line])).toEqual([
      ['RULE_CAUTION', 'L1'],
      ['RULE_CAUTION', 'L2'],
    ]);
  });

  it('a contractor needs a 法人番号 and only a contractor may have one', async () => {
    const rules = ruleSet('contract-expense', [
      { id: 'c', title: 'c', conditions: costIs('tiny-cost'), amount: rate('1') },
    ]);
    const wrong = await evaluate(
      ledger([{ amount: '1' }], { code: '392081', name: 'x', kind: 'contractor' }),
      { rules },
    );
    expect(wrong.errors[0]).toMatchObject({ field: 'entities[0].code' });
    expect(wrong.errors[0]?.expected).toContain('13桁の法人番号');
    const city = await evaluate(
      ledger([{ amount: '1' }], { code: '7000012050002', name: 'x', kind: 'city' }),
      { rules },
    );
    expect(city.errors[0]?.expected).toContain('6桁の全国地方公共団体コード');
    const badDigit = await evaluate(
      ledger([{ amount: '1' }], { code: '8000012050002', name: 'x', kind: 'contractor' }),
      { rules },
    );
    expect(badDigit.errors[0]?.expected).toContain('検査数字');
  });
});
