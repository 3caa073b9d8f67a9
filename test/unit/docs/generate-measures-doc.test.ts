import { describe, expect, it } from 'vitest';
import { loadRuleSet } from '../../../src/rules/load-rule-set.js';
import type { RuleSet } from '../../../src/schema/rule-set.js';
import type { Measure } from '../../../src/schema/measure.js';
import {
  collectStrings,
  formatFiscalYears,
  formatJapaneseFiscalYears,
  formatPercent,
  formatYen,
  japaneseFiscalYear,
  renderMeasuresDoc,
  renderMeasuresTable,
  replaceMarkedSection,
  staleMessages,
} from '../../../scripts/measures-doc.js';

const glossary = {
  programs: { 'test-program': { label: 'テスト事業' } },
  costTypes: { recruitment: { label: '募集経費' }, salary: { label: '給料' } },
  entityKinds: { city: { label: '市' }, town: { label: '町' } },
  facts: {
    costType: { type: 'enum', label: '経費区分', scope: 'builtin' },
    entityKind: { type: 'enum', label: '団体区分', scope: 'builtin' },
    publicRecruitment: { type: 'boolean', label: '公募', scope: 'line' },
    planningOnly: { type: 'boolean', label: '計画策定のみ', scope: 'line' },
  },
};

const assumptions = {
  assumptions: {
    'A-01': { title: '上限の単位 / Unit of the cap', text: '上限は1団体・年度あたりとする。' },
    'A-02': { title: '未使用 / Unused', text: 'この措置では使わない。' },
  },
};

const cityCondition = {
  id: 'entity-city',
  fact: 'entityKind',
  operator: 'in',
  value: ['city', 'town'],
  label: '団体が市町であること',
  cite: ['notice'],
};

function component(limit: string | null) {
  return {
    id: 'recruitment',
    title: '募集経費',
    label: '募集経費',
    conditions: {
      all: [
        {
          id: 'cost-type',
          fact: 'costType',
          operator: 'equal',
          value: 'recruitment',
          label: '経費区分が募集経費であること',
          cite: ['notice'],
        },
        {
          any: [
            {
              id: 'public',
              fact: 'publicRecruitment',
              operator: 'equal',
              value: true,
              label: '公募であること',
              cite: ['notice'],
            },
            {
              not: {
                id: 'planning',
                fact: 'planningOnly',
                operator: 'equal',
                value: true,
                label: '計画策定のみであること',
                cite: ['notice'],
              },
              label: '計画策定のみでないこと',
            },
          ],
          label: '公募又は計画策定のみでないこと',
        },
      ],
    },
    amount: {
      method: 'rate',
      rate: { value: '0.7', label: '措置率0.7', cite: ['notice'] },
    },
    caps: [
      {
        id: 'recruitment-cap',
        label: '募集経費の上限',
        scope: 'entity',
        limit,
        ...(limit === null ? { policyKey: 'recruitment.cap' } : {}),
        cite: ['notice'],
        assumptions: ['A-01'],
      },
    ],
  };
}

const measure = {
  id: 'test-measure',
  title: 'テスト措置',
  kind: 'special-allocation-tax',
  status: 'computable',
  programs: ['test-program'],
  summary: '募集経費に0.7を乗じる。',
  sources: {
    notice: { file: 'notice.txt', lines: '1-2', quote: '募集経費は**100万円**まで … 措置率0.7' },
  },
  versions: [
    {
      id: 'fy2023',
      fiscalYears: { from: 2023, through: 2023, cite: ['notice'] },
      conditions: { all: [cityCondition] },
      components: [component('1000000')],
    },
    {
      id: 'fy2024-onward',
      fiscalYears: { from: 2024, through: null, cite: ['notice'] },
      conditions: { all: [cityCondition] },
      components: [component(null)],
    },
  ],
};

const other = {
  ...measure,
  id: 'a-bond',
  title: '別の措置（地方債）',
  kind: 'local-bond',
  versions: [
    {
      id: 'fy2025',
      fiscalYears: { from: 2025, through: 2027, cite: ['notice'] },
      conditions: { all: [cityCondition] },
      components: [
        {
          title: '単一',
          label: '単一',
          conditions: { all: [] },
          amount: {
            method: 'bond',
            allocationRate: { value: '0.9', label: '充当率', cite: ['notice'] },
            taxMeasureRate: { value: '0.5', label: '交付税措置率', cite: ['notice'] },
            termYears: { value: 5, label: '償還年限', cite: ['notice'] },
          },
        },
      ],
    },
  ],
};

function ruleSet(...measures: object[]): RuleSet {
  return loadRuleSet({
    glossary,
    assumptions,
    measures: measures.map((json) => ({ file: `${(json as Measure).id}.json`, json })),
  });
}

describe('renderMeasuresDoc', () => {
  const doc = renderMeasuresDoc(ruleSet(measure));

  it('has a table of contents and a heading per measure and version', () => {
    expect(doc).toContain(
      '| [`test-measure`](#test-measure) | テスト措置 | 特別交付税 | computable | FY2023– |',
    );
    expect(doc).toContain('## `test-measure` テスト措置');
    expect(doc).toContain('- 事業 (programs): `test-program`（テスト事業）');
    expect(doc).toContain('FY2023–（令和5年度～）');
    expect(doc).toContain('### バージョン `fy2023`: FY2023（令和5年度）');
    expect(doc).toContain('### バージョン `fy2024-onward`: FY2024–（令和6年度～）');
    expect(doc).toContain('#### 構成要素 `recruitment`: 募集経費\n\n表示名 (label): 募集経費\n');
  });

  it('renders conditions, nested groups indented, with their citations', () => {
    expect(doc).toContain(
      '- 団体が市町であること — `entityKind in [city, town]` — 出典: [`notice`](#test-measure--notice)',
    );
    expect(doc).toContain(
      '- いずれかを満たすこと (any)：公募又は計画策定のみでないこと\n  - 公募であること',
    );
    expect(doc).toContain(
      '  - 次に該当しないこと (not)：計画策定のみでないこと\n    - 計画策定のみであること — `planningOnly equal true`',
    );
  });

  it('renders amounts and caps, a null limit as not stated', () => {
    expect(doc).toContain('- 措置率 (rate): **0.7**（70%） — 措置率0.7 — 出典: [`notice`]');
    expect(doc).toContain('上限額 (limit): **1,000,000円**');
    expect(doc).toContain('上限額 (limit): 記載なし (not stated in the sources)');
    expect(doc).toContain('  - ポリシーで上書き可 (policy key): `recruitment.cap`');
    expect(doc).toContain('前提 (assumptions): [A-01](#test-measure--A-01)');
  });

  it('quotes sources verbatim and lists only the assumptions the measure names', () => {
    expect(doc).toContain('**`notice`** — `notice.txt` 行 (lines) 1-2');
    expect(doc).toContain('> 募集経費は\\*\\*100万円\\*\\*まで … 措置率0.7');
    expect(doc).toContain(
      '**A-01** 上限の単位 / Unit of the cap\n\n  上限は1団体・年度あたりとする。',
    );
    expect(doc).not.toContain('A-02');
  });

  it('orders measures by id and renders bond parameters', () => {
    const both = renderMeasuresDoc(ruleSet(measure, other));
    expect(both.indexOf('## `a-bond`')).toBeLessThan(both.indexOf('## `test-measure`'));
    expect(both).toContain('- 充当率 (allocation rate): **0.9**（90%） — 充当率');
    expect(both).toContain('- 交付税措置率 (tax measure rate): **0.5**（50%）');
    expect(both).toContain('- 償還年限 (term): **5年** — 償還年限');
    expect(both).toContain('#### 構成要素 （単一 / single）: 単一');
    expect(both).toContain('- （なし / none）');
  });

  it('is deterministic', () => {
    expect(renderMeasuresDoc(ruleSet(measure))).toBe(doc);
  });

  it('documents fields it does not know: a new amount method, cap option or element', () => {
    const base = ruleSet(measure);
    const parsed = base.measures[0] as Measure;
    const future = structuredClone(parsed) as unknown as {
      versions: { components: Record<string, unknown>[] }[];
    };
    const target = future.versions[0]?.components[0];
    if (target === undefined) throw new Error('no component');
    target.amount = {
      method: 'matching-grant',
      grantRate: { value: '0.5', label: '補助率1/2', cite: ['notice'], assumptions: ['A-02'] },
      ceiling: { value: '3000000', label: '補助基本額', cite: ['notice'] },
    };
    target.caps = [
      {
        id: 'sub-cap',
        label: '下位上限',
        scope: 'entity',
        limit: '500000',
        when: { fact: 'costType', in: ['recruitment'] },
        policyKey: 'caps.sub',
        cite: ['notice'],
      },
    ];
    target.reviewNote = '新しい欄';
    const doc2 = renderMeasuresDoc({ ...base, measures: [future as unknown as Measure] });
    expect(doc2).toContain('**算定方法 (amount)**: `matching-grant` — matching-grant');
    expect(doc2).toContain('- `grantRate`: **0.5**（50%） — 補助率1/2 — 出典: [`notice`]');
    expect(doc2).toContain('- `ceiling`: `3000000` — 補助基本額');
    expect(doc2).toContain(
      '  - 対象の限定 (when):\n    - 事実 (fact): `costType`\n    - 値 (in): `recruitment`',
    );
    expect(doc2).toContain('  - ポリシーで上書き可 (policy key): `caps.sub`');
    expect(doc2).toContain('**その他 (other fields)**\n\n- `reviewNote`: 新しい欄');
    // The walker finds assumptions wherever they are: A-02 is now named, so it is listed.
    expect(doc2).toContain('**A-02** 未使用 / Unused');
  });
});

describe('renderMeasuresTable', () => {
  it('lists every measure by id with kind, status and span, linking to docs/measures.md', () => {
    expect(renderMeasuresTable(ruleSet(measure, other))).toBe(
      [
        '| measure | 名称 | kind | status | FY |',
        '| --- | --- | --- | --- | --- |',
        '| [`a-bond`](docs/measures.md#a-bond) | 別の措置（地方債） | 地方債 | computable | FY2025–FY2027 |',
        '| [`test-measure`](docs/measures.md#test-measure) | テスト措置 | 特別交付税 | computable | FY2023– |',
        '',
      ].join('\n'),
    );
  });
});

describe('check mode', () => {
  const doc = renderMeasuresDoc(ruleSet(measure));

  it('is quiet when the files are current', () => {
    expect(staleMessages([{ path: 'docs/measures.md', expected: doc, actual: doc }])).toEqual([]);
  });

  it('names a stale or missing file', () => {
    expect(
      staleMessages([
        { path: 'docs/measures.md', expected: doc, actual: `${doc}edited by hand\n` },
        { path: 'README.md (measures table)', expected: 'x', actual: null },
      ]),
    ).toEqual([
      'docs/measures.md is stale: run npm run docs',
      'README.md (measures table) is stale: run npm run docs',
    ]);
  });

  it('replaces only what lies between the README markers', () => {
    const readme =
      '# T\n\nintro\n\n<!-- measures:start -->\nold\n<!-- measures:end -->\n\n## Next\n';
    expect(replaceMarkedSection(readme, '| new |\n')).toBe(
      '# T\n\nintro\n\n<!-- measures:start -->\n\n| new |\n\n<!-- measures:end -->\n\n## Next\n',
    );
    expect(() => replaceMarkedSection('# no markers\n', 'x')).toThrow(/markers/);
  });
});

describe('formatting helpers', () => {
  it('formats fiscal years, yen and rates exactly', () => {
    expect(formatFiscalYears(2023, 2025)).toBe('FY2023–FY2025');
    expect(formatFiscalYears(2025, null)).toBe('FY2025–');
    expect(formatJapaneseFiscalYears(2023, 2025)).toBe('令和5年度～令和7年度');
    expect(japaneseFiscalYear(2019)).toBe('令和元年度');
    expect(japaneseFiscalYear(2018)).toBe('平成30年度');
    expect(formatYen('1000000')).toBe('1,000,000円');
    expect(formatYen('999')).toBe('999円');
    expect(formatPercent('0.7')).toBe('70%');
    expect(formatPercent('0.125')).toBe('12.5%');
    expect(formatPercent('1')).toBe('100%');
  });

  it('collects cite and assumptions arrays anywhere', () => {
    expect(collectStrings(measure, (key) => key === 'cite')).toEqual(['notice']);
    expect(
      collectStrings({ a: [{ endAssumptions: ['A-09'] }], assumptions: ['A-01'] }, (key) =>
        /assumptions$/i.test(key),
      ).sort(),
    ).toEqual(['A-01', 'A-09']);
  });
});
