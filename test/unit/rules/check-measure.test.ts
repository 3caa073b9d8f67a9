import { describe, expect, it } from 'vitest';
import type { RuleIssue } from '../../../src/core/rule-set-error.js';
import { conditionLeaves } from '../../../src/eligibility/explain-condition.js';
import { checkMeasure } from '../../../src/rules/check-measure.js';
import type { Condition, ConditionLeaf } from '../../../src/schema/condition.js';
import { AssumptionsFileSchema, GlossarySchema } from '../../../src/schema/glossary.js';
import type { Component, Measure } from '../../../src/schema/measure.js';
import { bundledMeasure, leafAt, measureFileNames, must, readBundledInput } from './rule-files.js';

const input = readBundledInput();
const glossary = GlossarySchema.parse(input.glossary);
const assumptions = AssumptionsFileSchema.parse(input.assumptions).assumptions;

function check(measure: Measure, sources?: Record<string, string>): RuleIssue[] {
  return checkMeasure(measure, 'm.json', glossary, assumptions, sources);
}

function messages(measure: Measure): string[] {
  return check(measure).map((issue) => issue.message);
}

function component(measure: Measure, version: number, index: number): Component {
  return must(must(measure.versions[version], 'version').components[index], 'component');
}

/** A leaf of the bundled accelerator measure: all[1] employment, all[3].any[0] experienceYears… */
function acceleratorLeaf(...indices: number[]): { measure: Measure; leaf: ConditionLeaf } {
  const measure = bundledMeasure('pref-dx-accelerator-futsu');
  return { measure, leaf: leafAt(component(measure, 0, 0).conditions, ...indices) };
}

describe('checkMeasure: the bundled measures', () => {
  it.each(measureFileNames())('finds no problem in %s, quotes included', (file) => {
    expect(check(bundledMeasure(file.replace(/\.json$/, '')), input.sources)).toEqual([]);
  });
});

describe('checkMeasure: amounts', () => {
  it.each(['0', '0.5', '0.999', '1', '1.0', '1.000'])('accepts the rate %s', (rate) => {
    const measure = bundledMeasure('digital-katsuyo-bond');
    const amount = component(measure, 0, 0).amount;
    if (amount.method !== 'bond') throw new Error('test setup: not a bond');
    amount.allocationRate.value = rate;
    expect(messages(measure)).toEqual([]);
  });

  it.each(['1.5', '1.01', '2', '10', '1.00001'])('rejects the rate %s, above 1', (rate) => {
    const measure = bundledMeasure('digital-katsuyo-bond');
    const amount = component(measure, 0, 0).amount;
    if (amount.method !== 'bond') throw new Error('test setup: not a bond');
    amount.taxMeasureRate.value = rate;
    expect(check(measure)).toEqual([
      {
        file: 'm.json',
        path: 'versions[fy2025-2029].components[0].amount.taxMeasureRate',
        message: '0 から 1 までの率にしてください',
      },
    ]);
  });

  it.each(['2/3', '1/2', '9/10', '1/1'])('accepts the fraction rate %s', (rate) => {
    const measure = bundledMeasure('digital-katsuyo-bond');
    const amount = component(measure, 0, 0).amount;
    if (amount.method !== 'bond') throw new Error('test setup: not a bond');
    amount.taxMeasureRate.value = rate;
    expect(messages(measure)).toEqual([]);
  });

  it('rejects a fraction rate above 1', () => {
    const measure = bundledMeasure('digital-katsuyo-bond');
    const amount = component(measure, 0, 0).amount;
    if (amount.method !== 'bond') throw new Error('test setup: not a bond');
    amount.taxMeasureRate.value = '3/2';
    expect(messages(measure)).toEqual(['0 から 1 までの率にしてください']);
  });

  it('an informational measure gives no amount', () => {
    const measure = bundledMeasure('cio-aide-tokko');
    measure.kind = 'informational';
    expect(messages(measure)).toContain(
      '情報提供の措置は額を出しません。method none にしてください',
    );
  });

  it('checks the new cap forms: unstated limits, shareOf scope, when values, facts', () => {
    const measure = bundledMeasure('cio-aide-tokko');
    const target = component(measure, 1, 1);
    target.caps = [
      {
        id: 'unstated',
        label: '上限あり',
        scope: 'entity',
        limit: null,
        cite: ['recruitment-table'],
      },
      {
        id: 'share',
        label: '事業費の1/2',
        scope: 'entity',
        limit: null,
        shareOf: {
          fact: 'noSuchFact',
          rate: { value: '0.5', label: '1/2', cite: ['recruitment-table'] },
        },
        cite: ['recruitment-table'],
      },
      {
        id: 'sub',
        label: '内訳',
        scope: 'entity',
        limit: '1',
        when: { fact: 'costType', in: ['recruitment', 'no-such-cost'] },
        cite: ['recruitment-table'],
      },
    ];
    expect(messages(measure)).toEqual([
      '資料に額のない上限には policyKey が必要です',
      '明細の事実から取る上限は scope "line" にしてください',
      '事実 noSuchFact が用語集（glossary.json）にありません',
      '値 "no-such-cost" は costType の値にありません',
    ]);
  });

  it('checks caps over a term: scope, keyFact, facts, assumptions, and no measure-wide neighbour', () => {
    const measure = bundledMeasure('cio-aide-tokko');
    const target = component(measure, 1, 1);
    const term = {
      priorFact: 'priorCounted',
      priorAssumptions: ['A-60'],
      cite: ['recruitment-table'],
    };
    target.caps = [
      {
        id: 'ok-person',
        label: '通算',
        scope: 'person',
        limit: '1',
        term,
        cite: ['recruitment-table'],
      },
      { id: 'line', label: '明細', scope: 'line', limit: '1', term, cite: ['recruitment-table'] },
      {
        id: 'no-key',
        label: '計画',
        scope: 'entity',
        limit: '1',
        term,
        cite: ['recruitment-table'],
      },
      {
        id: 'bad-facts',
        label: '計画',
        scope: 'entity',
        limit: '1',
        term: { ...term, keyFact: 'noSuchPlan', priorAssumptions: ['A-99'] },
        cite: ['recruitment-table'],
      },
    ];
    expect(messages(measure)).toEqual([
      // The unknown id is both mentioned (as text) and named (in an assumptions list).
      '仮定 A-99 に触れていますが、assumptions.json にありません',
      '期間の上限は scope "person"、または keyFact 付きの "entity" にしてください',
      'scope "entity" の期間の上限には keyFact が必要です',
      '仮定 A-99 を挙げていますが、assumptions.json にありません',
      '事実 noSuchPlan が用語集（glossary.json）にありません',
    ]);
    target.caps = [
      {
        id: 'ok-person',
        label: '通算',
        scope: 'person',
        limit: '1',
        term,
        cite: ['recruitment-table'],
      },
      { id: 'total', label: '全体', scope: 'measure', limit: '1', cite: ['recruitment-table'] },
    ];
    expect(messages(measure)).toEqual([
      '期間の上限は、措置全体の上限や一般管理費と同じ構成要素には付けられません',
    ]);
  });

  it('takes a cap on the amount only on each line alone and on a rate component', () => {
    const measure = bundledMeasure('digital-katsuyo-bond');
    const bond = component(measure, 0, 0);
    bond.caps = [
      {
        id: 'on-bond',
        label: '上限',
        scope: 'line',
        on: 'amount',
        limit: '1',
        cite: ['bond-created'],
      },
    ];
    expect(messages(measure)).toEqual([
      '額に対する上限は scope "line"、算定方法 "rate" の構成要素にしか付けられません',
    ]);
    const rated = bundledMeasure('local10000-kokuhi');
    expect(messages(rated)).toEqual([]);
    const cap = component(rated, 0, 0).caps?.[0];
    if (cap === undefined) throw new Error('test setup: no cap');
    cap.scope = 'entity';
    expect(messages(rated)).toContain(
      '額に対する上限は scope "line"、算定方法 "rate" の構成要素にしか付けられません',
    );
  });

  it('takes a cap of an allowed total only of an overhead component, per entity, without a limit', () => {
    const measure = bundledMeasure('dx-taisei-kochiku-itaku');
    expect(messages(measure)).toEqual([]);
    const tax = measure.versions[0]?.components.find(
      (candidate) => candidate.id === 'ippan-kanrihi-shohizei',
    );
    const cap = tax?.caps?.[0];
    if (cap?.ofAllowed === undefined) throw new Error('test setup: no ofAllowed cap');
    cap.ofAllowed.component = 'jinkenhi';
    cap.scope = 'line';
    cap.ofAllowed.rate.value = '1.1';
    expect(messages(measure)).toEqual([
      '認められる額に対する上限は scope "entity"、limit null にしてください',
      '0 から 1 までの率にしてください',
      'jinkenhi を挙げていますが、この版の一般管理費（overhead）の構成要素ではありません',
    ]);
  });

  it('rejects a 措置率 above 1 on a rate component', () => {
    const measure = bundledMeasure('cio-aide-tokko');
    const amount = component(measure, 1, 0).amount;
    if (amount.method !== 'rate') throw new Error('test setup: not a rate');
    amount.rate.value = '7';
    expect(check(measure)).toEqual([
      {
        file: 'm.json',
        path: 'versions[fy2024-2025].components[appointment].amount.rate',
        message: '0 から 1 までの率にしてください',
      },
    ]);
  });

  it('rejects a cap limit with a fraction of a yen', () => {
    const measure = bundledMeasure('cio-aide-tokko');
    must(component(measure, 1, 1).caps?.[0]).limit = '1000000.5';
    expect(check(measure)).toEqual([
      {
        file: 'm.json',
        path: 'versions[fy2024-2025].components[recruitment].caps[recruitment-cap]',
        message: '上限額は円単位の整数にしてください',
      },
    ]);
  });

  it('rejects a per-person amount with a fraction of a yen', () => {
    const measure = bundledMeasure('pref-dx-accelerator-futsu');
    const amount = component(measure, 0, 0).amount;
    if (amount.method !== 'per-person') throw new Error('test setup: not per person');
    amount.unitAmount.value = '7800000.5';
    expect(messages(measure)).toEqual(['円単位の整数にしてください']);
  });

  it('requires the bond method exactly for local bonds', () => {
    const bond = bundledMeasure('digital-katsuyo-bond');
    bond.kind = 'special-allocation-tax';
    expect(messages(bond)).toEqual([
      '算定方法 bond は種類 special-allocation-tax の措置には使えません',
    ]);
    const perPerson = bundledMeasure('pref-dx-accelerator-futsu');
    perPerson.kind = 'local-bond';
    expect(check(perPerson)).toEqual([
      {
        file: 'm.json',
        path: 'versions[fy2025-onward].components[0].amount',
        message: '算定方法 per-person は種類 local-bond の措置には使えません',
      },
    ]);
  });
});

describe('checkMeasure: fiscal years', () => {
  it('reports a version that ends before it starts', () => {
    const measure = bundledMeasure('pref-dx-talent-tokko');
    must(measure.versions[2]).fiscalYears.through = 2027;
    expect(messages(measure)).toEqual(['終わりの年度 2027 が始まりの年度 2028 より前です']);
  });

  it('accepts an open-ended last version', () => {
    const measure = bundledMeasure('pref-dx-talent-tokko');
    must(measure.versions[2]).fiscalYears.through = null;
    expect(messages(measure)).toEqual([]);
  });

  it('reports versions out of order as an overlap', () => {
    const measure = bundledMeasure('cio-aide-tokko');
    measure.versions.reverse();
    expect(messages(measure)).toEqual([
      '版 fy2023（FY2023 から）と年度が重なっています',
      // fy2024-2025, now first, carries the end-of-measure assumption A-12.
      '措置の終わりについての仮定を持てるのは最後の版だけです',
    ]);
  });

  it('reports version ids used twice', () => {
    const measure = bundledMeasure('pref-dx-talent-tokko');
    must(measure.versions[1]).id = 'fy2024';
    expect(check(measure)).toContainEqual({
      file: 'm.json',
      path: 'versions',
      message: '版の id が重複しています',
    });
  });

  it('allows end-of-measure assumptions only on the last version', () => {
    const measure = bundledMeasure('cio-aide-tokko');
    must(measure.versions[0]).fiscalYears.endAssumptions = ['A-12'];
    expect(check(measure)).toEqual([
      {
        file: 'm.json',
        path: 'versions[fy2023].fiscalYears.endAssumptions',
        message: '措置の終わりについての仮定を持てるのは最後の版だけです',
      },
    ]);
  });
});

describe('checkMeasure: citations and assumptions', () => {
  it('reports a cite on a group that is not in sources', () => {
    const measure = bundledMeasure('digital-katsuyo-bond');
    const group = leafParent(component(measure, 0, 0).conditions, 2);
    group.cite = [...(group.cite ?? []), 'ghost'];
    expect(check(measure)).toEqual([
      {
        file: 'm.json',
        path: 'versions[fy2025-2029].components[0].conditions.all[2]',
        message: '出典 ghost を引用していますが、sources にありません',
      },
    ]);
  });

  it.each([
    [
      'a version span',
      (m: Measure) => (must(m.versions[0]).fiscalYears.assumptions = ['A-77']),
      'versions[fy2023].fiscalYears',
    ],
    [
      'a headcount cap',
      (m: Measure) => (must(component(m, 0, 0).headcount).assumptions = ['A-77']),
      'versions[fy2023].components[appointment].headcount',
    ],
    [
      'a cap',
      (m: Measure) => (must(component(m, 0, 1).caps?.[0]).assumptions = ['A-77']),
      'versions[fy2023].components[recruitment].caps[recruitment-cap]',
    ],
    [
      'a condition',
      (m: Measure) => (leafAt(component(m, 0, 0).conditions, 0).assumptions = ['A-77']),
      'versions[fy2023].components[appointment].conditions.all[0](appointment-cost-type)',
    ],
    [
      'a component',
      (m: Measure) => (component(m, 0, 1).assumptions = ['A-77']),
      'versions[fy2023].components[recruitment]',
    ],
  ] as const)('reports an unknown assumption on %s', (_, inject, path) => {
    const measure = bundledMeasure('cio-aide-tokko');
    inject(measure);
    expect(check(measure)).toEqual([
      {
        file: 'm.json',
        path,
        message: '仮定 A-77 を挙げていますが、assumptions.json にありません',
      },
    ]);
  });

  it('names only the fragment of a multi-part quote that is not in the cited lines', () => {
    const measure = bundledMeasure('cio-aide-tokko');
    const source = must(measure.sources['eligible-duties']);
    const [first, second] = source.quote.split(' … ');
    source.quote = `${must(first)} … ${must(second).replace('計画策定', '計画作成')}`;
    const issues = check(measure, input.sources);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe('sources.eligible-duties');
    expect(issues[0]?.message).toContain('計画作成');
    expect(issues[0]?.message).not.toContain(must(first).slice(0, 20));
  });

  it('reports a program the glossary does not define', () => {
    const measure = bundledMeasure('cio-aide-tokko');
    measure.programs.push('no-such-program');
    expect(check(measure)).toEqual([
      {
        file: 'm.json',
        path: 'programs',
        message: '事業区分 no-such-program が用語集（glossary.json）にありません',
      },
    ]);
  });
});

describe('checkMeasure: components and condition ids', () => {
  it('requires every component of a several-component version to be named', () => {
    const measure = bundledMeasure('cio-aide-tokko');
    delete component(measure, 0, 1).id;
    expect(messages(measure)).toEqual([
      '構成要素が複数ある措置では、すべての構成要素に id が必要です',
    ]);
  });

  it('reports component ids used twice', () => {
    const measure = bundledMeasure('cio-aide-tokko');
    component(measure, 0, 1).id = 'appointment';
    expect(messages(measure)).toEqual(['構成要素の id が重複しています']);
  });

  it('reports a condition id used twice in a version', () => {
    const measure = bundledMeasure('dx-leader-training-tokko');
    leafAt(component(measure, 1, 0).conditions, 3, 0).id = 'cost-type';
    expect(messages(measure)).toEqual([
      '条件の id cost-type が版 fy2024-2025 の中で 2 度使われています',
    ]);
  });

  it('allows the same condition id in two versions', () => {
    const measure = bundledMeasure('cio-aide-tokko');
    expect(leafAt(component(measure, 0, 0).conditions, 0).id).toBe(
      leafAt(component(measure, 1, 0).conditions, 0).id,
    );
    expect(messages(measure)).toEqual([]);
  });

  it('reports a component that has no condition at all', () => {
    const measure = bundledMeasure('pref-dx-accelerator-futsu');
    const version = must(measure.versions[0]);
    version.conditions = { all: [] };
    component(measure, 0, 0).conditions = { all: [{ any: [] }] };
    expect(check(measure)).toContainEqual({
      file: 'm.json',
      path: 'versions[fy2025-onward].components[0]',
      message:
        '判定する条件がありません（「記入があるときのみ判定」の条件は数えません）。この事業の明細がすべて対象になってしまいます',
    });
  });
});

describe('checkMeasure: operators and values by fact type', () => {
  it.each([
    [[3, 0], 'equal', '5', '数値の事実 experienceYears の比較は大小比較です（equal は使えません）'],
    [
      [3, 0],
      'greaterThan',
      '5 years',
      '数値の事実 experienceYears は "5" のような10進数の文字列と比較します',
    ],
    [
      [3, 0],
      'greaterThan',
      true,
      '数値の事実 experienceYears は "5" のような10進数の文字列と比較します',
    ],
    [
      [2],
      'equal',
      'true',
      'はい/いいえの事実 mainDutyMunicipalSupport は true か false と比較します',
    ],
    [
      [2],
      'in',
      [],
      'はい/いいえの事実 mainDutyMunicipalSupport の比較は equal か notEqual です（in は使えません）',
    ],
    [[1], 'containsAny', ['full-time'], '選択肢の事実 employment に containsAny は使えません'],
    [[1], 'in', 'full-time', 'employment の in は値の一覧と比較します'],
    [[1], 'equal', ['full-time'], 'employment の equal は値 1 つと比較します'],
    [[1], 'notIn', ['full-time', 'contract'], 'employment に値 "contract" はありません'],
    [[1], 'equal', true, 'employment に値 true はありません'],
    [[3, 1], 'in', ['it-strategist'], '一覧の事実 ipaExams に in は使えません'],
    [[3, 1], 'containsAny', 'it-strategist', 'ipaExams の containsAny は値の一覧と比較します'],
    [[3, 1], 'contains', ['it-strategist'], 'ipaExams の contains は値 1 つと比較します'],
    [[3, 1], 'containsAny', ['it-strategist', 'kihon'], 'ipaExams に値 "kihon" はありません'],
    [[0], 'equal', 'bonus', 'costType に値 "bonus" はありません'],
  ] as const)('leaf %j: %s %j → %s', (indices, operator, value, message) => {
    const { measure, leaf } = acceleratorLeaf(...indices);
    leaf.operator = operator;
    leaf.value = value as ConditionLeaf['value'];
    expect(messages(measure)).toEqual([message]);
  });

  it.each([
    [[3, 0], 'lessThanInclusive', '-1.5'],
    [[3, 0], 'greaterThan', '0'],
    [[1], 'notEqual', 'part-time'],
    [[1], 'in', ['part-time', 'outsourced']],
    [[3, 1], 'contains', 'systems-auditor'],
    [[3, 1], 'doesNotContain', 'systems-auditor'],
    [[2], 'notEqual', false],
  ] as const)('accepts leaf %j: %s %j', (indices, operator, value) => {
    const { measure, leaf } = acceleratorLeaf(...indices);
    leaf.operator = operator;
    leaf.value = value as ConditionLeaf['value'];
    expect(messages(measure)).toEqual([]);
  });

  it('checks builtin enum facts against the glossary sections', () => {
    const { measure, leaf } = acceleratorLeaf(0);
    leaf.fact = 'entityKind';
    leaf.operator = 'in';
    leaf.value = ['prefecture', 'metropolis'];
    expect(messages(measure)).toEqual(['entityKind に値 "metropolis" はありません']);
    leaf.fact = 'program';
    leaf.operator = 'equal';
    leaf.value = 'municipal-dx-support';
    expect(messages(measure)).toEqual([]);
    leaf.value = 'cio-aid';
    expect(messages(measure)).toEqual(['program に値 "cio-aid" はありません']);
  });
});

describe('checkMeasure: names that are also Object.prototype properties', () => {
  it('reports a condition on the fact "constructor" as not defined in the glossary', () => {
    const { measure, leaf } = acceleratorLeaf(2);
    leaf.fact = 'constructor';
    expect(messages(measure)).toEqual(['事実 constructor が用語集（glossary.json）にありません']);
  });

  it('reports a cite of "toString" as not in sources', () => {
    const { measure, leaf } = acceleratorLeaf(2);
    leaf.cite = [...leaf.cite, 'toString'];
    expect(messages(measure)).toEqual(['出典 toString を引用していますが、sources にありません']);
  });

  it('reports the program "constructor" as not in the glossary', () => {
    const measure = bundledMeasure('pref-dx-accelerator-futsu');
    measure.programs.push('constructor');
    expect(messages(measure)).toEqual([
      '事業区分 constructor が用語集（glossary.json）にありません',
    ]);
  });
});

/** The all/any group at `index` of a version's all-group. */
function leafParent(condition: Condition, index: number): Exclude<Condition, ConditionLeaf> {
  if (!('all' in condition)) throw new Error('test setup: not an all group');
  const group = must(condition.all[index]);
  if ('fact' in group) throw new Error('test setup: not a group');
  return group;
}

describe('checkMeasure: ifStated', () => {
  const leafOf = (measure: Measure, fact: string): ConditionLeaf =>
    must(
      conditionLeaves(component(measure, 0, 0).conditions).find((leaf) => leaf.fact === fact),
      fact,
    );

  it('takes it on a fact a line may leave blank, and refuses it on one never blank', () => {
    const stated = bundledMeasure('pref-dx-accelerator-futsu');
    leafOf(stated, 'employment').ifStated = true;
    expect(messages(stated)).toEqual([]);
    const builtin = bundledMeasure('pref-dx-accelerator-futsu');
    leafOf(builtin, 'costType').ifStated = true;
    expect(messages(builtin)).toContain(
      'ifStated の条件の事実 costType は空欄になりません（台帳の項目）',
    );
    const defaulted = bundledMeasure('pref-dx-accelerator-futsu');
    leafOf(defaulted, 'equivalentKnowledge').ifStated = true;
    expect(messages(defaulted)).toContain(
      'ifStated の条件の事実 equivalentKnowledge は空欄になりません（既定値あり）',
    );
  });

  it('refuses it under an any or a not, and as a component’s only conditions', () => {
    // experienceYears sits in the accelerator's any (one of three routes).
    const underAny = bundledMeasure('pref-dx-accelerator-futsu');
    leafOf(underAny, 'experienceYears').ifStated = true;
    expect(messages(underAny)).toEqual([
      'ifStated の条件は「すべて（all）」の中にだけ置けます（いずれか・否定の中は不可）',
    ]);
    const underNot = bundledMeasure('pref-dx-accelerator-futsu');
    const employment = leafOf(underNot, 'employment');
    const conditions = component(underNot, 0, 0).conditions;
    if (!('all' in conditions)) throw new Error('test setup: not an all group');
    const at = conditions.all.indexOf(employment);
    conditions.all[at] = {
      not: { ...employment, ifStated: true },
      label: '否定',
      cite: employment.cite,
    };
    expect(messages(underNot)).toContain(
      'ifStated の条件は「すべて（all）」の中にだけ置けます（いずれか・否定の中は不可）',
    );
    const onlyStated = bundledMeasure('pref-dx-talent-tokko');
    const fy2025 = must(onlyStated.versions[1], 'version');
    fy2025.conditions = { all: [] };
    const contribution = must(
      fy2025.components.find((part) => part.id === 'municipal-contribution'),
      'component',
    );
    const { conditions: all } = contribution;
    if (!('all' in all)) throw new Error('test setup: not an all group');
    contribution.conditions = {
      all: all.all.filter((leaf) => 'fact' in leaf && leaf.ifStated === true),
    };
    expect(messages(onlyStated)).toContain(
      '判定する条件がありません（「記入があるときのみ判定」の条件は数えません）。この事業の明細がすべて対象になってしまいます',
    );
  });
});
