import { describe, expect, it } from 'vitest';
import { RuleSetError, type RuleIssue } from '../../../src/core/rule-set-error.js';
import { checkRuleSet, loadRuleSet } from '../../../src/rules/load-rule-set.js';
import type { RuleSetInput } from '../../../src/schema/rule-set.js';
import type { ConditionLeaf } from '../../../src/schema/condition.js';
import type { Measure } from '../../../src/schema/measure.js';
import { bundledMeasure, leafAt, measureFileNames, must, readBundledInput } from './rule-files.js';

/** The bundled rule files as parsed, mutable measures, to inject problems into. */
class Rules {
  readonly base = readBundledInput();
  readonly measures: { file: string; json: Measure }[] = measureFileNames().map((file) => ({
    file,
    json: bundledMeasure(file.replace(/\.json$/, '')),
  }));

  get(id: string): Measure {
    return must(this.measures.find((entry) => entry.json.id === id)?.json, `measure ${id}`);
  }

  rename(id: string, file: string): void {
    must(this.measures.find((entry) => entry.json.id === id)).file = file;
  }

  input(withSources = true): RuleSetInput {
    const { glossary, assumptions, sources } = this.base;
    return withSources
      ? { glossary, assumptions, measures: this.measures, sources }
      : { glossary, assumptions, measures: this.measures };
  }
}

function component(measure: Measure, version: number, index: number) {
  return must(must(measure.versions[version], 'version').components[index], 'component');
}

function version(measure: Measure, index: number) {
  return must(measure.versions[index], 'version');
}

/** Changes one character of a text, in its middle. */
function alterOneCharacter(text: string): string {
  const at = Math.floor(text.length / 2);
  const replacement = text[at] === '＊' ? '＃' : '＊';
  return `${text.slice(0, at)}${replacement}${text.slice(at + 1)}`;
}

interface Injection {
  readonly problem: string;
  readonly inject: (rules: Rules) => void;
  readonly file: string;
  /** The issue's path; for schema problems inside a condition tree, the leaf's path (an ancestor is accepted). */
  readonly path: string;
  readonly message: RegExp | null;
}

const CIO = 'cio-aide-tokko.json';
const BOND = 'digital-katsuyo-bond.json';
const LEADER = 'dx-leader-training-tokko.json';
const TALENT = 'pref-dx-talent-tokko.json';

const INJECTIONS: readonly Injection[] = [
  // Schema problems (cio-aide-tokko.json).
  {
    problem: 'an unknown operator',
    inject: (rules) => {
      const leaf = leafAt(component(rules.get('cio-aide-tokko'), 0, 0).conditions, 1);
      (leaf as { operator: string }).operator = 'equals';
    },
    file: CIO,
    path: 'versions.0.components.0.conditions.all.1.operator',
    message: /^無効な選択: "equal"/u,
  },
  {
    problem: 'a rate written as a JSON number',
    inject: (rules) => {
      const amount = component(rules.get('cio-aide-tokko'), 0, 1).amount;
      if (amount.method !== 'rate') throw new Error('test setup: not a rate');
      (amount.rate as { value: unknown }).value = 0.7;
    },
    file: CIO,
    path: 'versions.0.components.1.amount.rate.value',
    message: /文字列が期待されましたが、数値が入力されました/u,
  },
  {
    problem: 'a condition without cite',
    inject: (rules) => {
      const leaf = leafAt(component(rules.get('cio-aide-tokko'), 1, 1).conditions, 0);
      delete (leaf as Partial<ConditionLeaf>).cite;
    },
    file: CIO,
    path: 'versions.1.components.1.conditions.all.0.cite',
    message: /配列が必要です（未入力）/u,
  },
  {
    problem: 'a condition with a path',
    inject: (rules) => {
      const leaf = leafAt(component(rules.get('cio-aide-tokko'), 1, 0).conditions, 0);
      Object.assign(leaf, { path: '$.value' });
    },
    file: CIO,
    path: 'versions.1.components.0.conditions.all.0',
    message: /認識されていないキー: "path"/u,
  },
  {
    problem: 'a cap limit written as a JSON number',
    inject: (rules) => {
      const cap = must(component(rules.get('cio-aide-tokko'), 1, 1).caps?.[0], 'cap');
      (cap as { limit: unknown }).limit = 1000000;
    },
    file: CIO,
    path: 'versions.1.components.1.caps.0.limit',
    message: /文字列が期待されましたが、数値が入力されました/u,
  },
  // Facts, values, assumptions and quotes (digital-katsuyo-bond.json).
  {
    problem: 'a condition on a fact the glossary does not define',
    inject: (rules) => {
      leafAt(component(rules.get('digital-katsuyo-bond'), 0, 0).conditions, 0).fact =
        'inDigitalPlann';
    },
    file: BOND,
    path: 'versions[fy2025-2029].components[0].conditions.all[0](in-digital-plan)',
    message: /^事実 inDigitalPlann が用語集（glossary.json）にありません$/,
  },
  {
    problem: 'an enum value the glossary does not list',
    inject: (rules) => {
      const leaf = leafAt(component(rules.get('digital-katsuyo-bond'), 0, 0).conditions, 1);
      leaf.value = [...(Array.isArray(leaf.value) ? leaf.value : []), 'systm'];
    },
    file: BOND,
    path: 'versions[fy2025-2029].components[0].conditions.all[1](cost-type)',
    message: /^costType に値 "systm" はありません$/u,
  },
  {
    problem: 'an unknown assumption id',
    inject: (rules) => {
      const amount = component(rules.get('digital-katsuyo-bond'), 0, 0).amount;
      if (amount.method !== 'bond') throw new Error('test setup: not a bond');
      amount.taxMeasureRate.assumptions = ['A-99'];
    },
    file: BOND,
    path: 'versions[fy2025-2029].components[0].amount.taxMeasureRate',
    message: /^仮定 A-99 を挙げていますが、assumptions.json にありません$/,
  },
  {
    problem: 'a quote altered by one character',
    inject: (rules) => {
      const source = must(rules.get('digital-katsuyo-bond').sources['bond-created'], 'source');
      source.quote = alterOneCharacter(source.quote);
    },
    file: BOND,
    path: 'sources.bond-created',
    message: /^引用が資料 000_8b575c24c1c2c428\.txt の \d+ 行に一字一句そのままでは見つかりません/u,
  },
  // Citations and year coverage (dx-leader-training-tokko.json).
  {
    problem: 'a cite id that is not in sources',
    inject: (rules) => {
      const leaf = leafAt(component(rules.get('dx-leader-training-tokko'), 1, 0).conditions, 1);
      leaf.cite = [...leaf.cite, 'nowhere'];
    },
    file: LEADER,
    path: 'versions[fy2024-2025].components[0].conditions.all[1](not-broad-staff-training)',
    message: /^出典 nowhere を引用していますが、sources にありません$/,
  },
  {
    problem: 'a source cited by nothing',
    inject: (rules) => {
      const sources = rules.get('dx-leader-training-tokko').sources;
      sources['notes-copy'] = { ...must(sources.notes, 'source notes') };
    },
    file: LEADER,
    path: 'sources.notes-copy',
    message: /^どこからも引用されていません$/,
  },
  {
    problem: 'overlapping versions',
    inject: (rules) => {
      version(rules.get('dx-leader-training-tokko'), 0).fiscalYears.through = 2024;
    },
    file: LEADER,
    path: 'versions[fy2023].fiscalYears',
    message: /^版 fy2024-2025（FY2024 から）と年度が重なっています$/,
  },
  // Coverage and operator types (pref-dx-talent-tokko.json).
  {
    problem: 'a gap between versions',
    inject: (rules) => {
      version(rules.get('pref-dx-talent-tokko'), 2).fiscalYears.from = 2029;
    },
    file: TALENT,
    path: 'versions[fy2025-2027].fiscalYears',
    message: /^年度の空白（gap）: FY2028–FY2028 を定める版がありません$/,
  },
  {
    problem: 'an open-ended version that is not the last',
    inject: (rules) => {
      version(rules.get('pref-dx-talent-tokko'), 0).fiscalYears.through = null;
    },
    file: TALENT,
    path: 'versions[fy2024].fiscalYears',
    message: /^終わりの年度を決めない（through null）ことができるのは最後の版だけです/,
  },
  {
    problem: 'a boolean fact compared with greaterThan',
    inject: (rules) => {
      leafAt(component(rules.get('pref-dx-talent-tokko'), 1, 0).conditions, 2).operator =
        'greaterThan';
    },
    file: TALENT,
    path: 'versions[fy2025-2027].components[personnel].conditions.all[2](main-duty-municipal-support)',
    message:
      /^はい\/いいえの事実 mainDutyMunicipalSupport の比較は equal か notEqual です（greaterThan は使えません）$/u,
  },
  // File names and ids.
  {
    problem: 'a measure id that differs from its file name',
    inject: (rules) => {
      rules.rename('pref-dx-accelerator-futsu', 'pref-dx-accelerator.json');
    },
    file: 'pref-dx-accelerator.json',
    path: 'id',
    message:
      /^措置の id pref-dx-accelerator-futsu はファイル名（pref-dx-accelerator-futsu\.json）と同じにしてください$/u,
  },
  {
    problem: 'a duplicate measure id',
    inject: (rules) => {
      rules.measures.push({
        file: 'copy/pref-dx-accelerator-futsu.json',
        json: bundledMeasure('pref-dx-accelerator-futsu'),
      });
    },
    file: 'copy/pref-dx-accelerator-futsu.json',
    path: 'id',
    message:
      /^措置 pref-dx-accelerator-futsu は pref-dx-accelerator(-futsu)?\.json でも定義されています$/u,
  },
];

function matches(issue: RuleIssue, injection: Injection): boolean {
  if (issue.file !== injection.file) return false;
  const pathOk =
    injection.message === null
      ? issue.path !== '' && `${injection.path}.`.startsWith(`${issue.path}.`)
      : issue.path === injection.path;
  return pathOk && (injection.message === null || injection.message.test(issue.message));
}

describe('checkRuleSet', () => {
  it('accepts the bundled rule files, every quote checked against its source', () => {
    const { ruleSet, issues } = checkRuleSet(new Rules().input());
    expect(issues).toEqual([]);
    expect(ruleSet?.measures.map((measure) => measure.id)).toEqual(
      measureFileNames().map((file) => file.replace(/\.json$/, '')),
    );
  });

  it('drops the editor-only $schema key from the loaded glossary and measures', () => {
    const ruleSet = must(checkRuleSet(new Rules().input()).ruleSet);
    expect('$schema' in ruleSet.glossary).toBe(false);
    for (const measure of ruleSet.measures) expect('$schema' in measure).toBe(false);
  });

  it.each(INJECTIONS)('reports $problem as exactly one issue', (injection) => {
    const rules = new Rules();
    injection.inject(rules);
    const { ruleSet, issues } = checkRuleSet(rules.input());
    expect(ruleSet).toBeNull();
    expect(issues).toHaveLength(1);
    expect(matches(must(issues[0]), injection), JSON.stringify(issues[0])).toBe(true);
  });

  it('lists every injected problem at once', () => {
    const rules = new Rules();
    for (const injection of INJECTIONS) injection.inject(rules);
    const { ruleSet, issues } = checkRuleSet(rules.input());
    expect(ruleSet).toBeNull();
    for (const injection of INJECTIONS) {
      const found = issues.filter((issue) => matches(issue, injection));
      expect(found, `${injection.problem}: ${JSON.stringify(issues, null, 1)}`).toHaveLength(1);
    }
    expect(issues).toHaveLength(INJECTIONS.length);
  });

  it('checks quotes only when the source documents are given', () => {
    const rules = new Rules();
    const source = must(rules.get('digital-katsuyo-bond').sources['bond-created']);
    source.quote = alterOneCharacter(source.quote);
    expect(checkRuleSet(rules.input(false)).issues).toEqual([]);
    expect(checkRuleSet(rules.input(true)).issues).toHaveLength(1);
  });

  it('reports a source document missing from the rule set', () => {
    const rules = new Rules();
    must(rules.get('dx-leader-training-tokko').sources.notes).file = '999_missing.txt';
    expect(checkRuleSet(rules.input()).issues).toEqual([
      {
        file: LEADER,
        path: 'sources.notes',
        message: '資料 999_missing.txt がルールセットの sources にありません',
        measure: 'DX推進リーダーの育成に係る特別交付税措置（dx-leader-training-tokko）',
      },
    ]);
  });

  it('reports quote lines outside the source document', () => {
    const rules = new Rules();
    must(rules.get('dx-leader-training-tokko').sources.notes).lines = '99999';
    const [issue] = checkRuleSet(rules.input()).issues;
    expect(issue).toMatchObject({ file: LEADER, path: 'sources.notes' });
    expect(issue?.message).toMatch(
      /^引用の行 99999 が資料 000_8b575c24c1c2c428\.txt の範囲外です/u,
    );
  });

  it('reports a quote found in the document but outside its cited lines', () => {
    const rules = new Rules();
    const source = must(rules.get('digital-katsuyo-bond').sources['bond-created']);
    const line = Number(source.lines.split('-')[0]);
    source.lines = String(line + 1);
    expect(checkRuleSet(rules.input()).issues).toHaveLength(1);
  });

  it('reports problems in the glossary and assumptions files under their names', () => {
    const rules = new Rules();
    const glossary = structuredClone(rules.base.glossary) as { facts: Record<string, unknown> };
    glossary.facts.BadName = { type: 'boolean', label: 'x', scope: 'line' };
    const assumptions = { assumptions: { 'A-1': { title: 't', text: 't' } } };
    const { ruleSet, issues } = checkRuleSet({ ...rules.input(), glossary, assumptions });
    expect(ruleSet).toBeNull();
    expect(issues.map((issue) => issue.file).sort()).toEqual(['assumptions.json', 'glossary.json']);
  });

  it('reports a rule set without measures', () => {
    const rules = new Rules();
    expect(checkRuleSet({ ...rules.input(), measures: [] }).issues).toEqual([
      { file: '(rule set)', path: '', message: '措置が 1 つもありません' },
    ]);
  });

  it('rejects condition keys json-rules-engine would honour but the rules must not use', () => {
    const rules = new Rules();
    const leaf = leafAt(component(rules.get('cio-aide-tokko'), 1, 0).conditions, 0);
    Object.assign(leaf, { params: { x: 1 } });
    const { issues } = checkRuleSet(rules.input());
    expect(issues).toHaveLength(1);
    expect(issues).toEqual([
      {
        file: CIO,
        path: 'versions.1.components.0.conditions.all.0',
        message: '認識されていないキー: "params"',
        measure:
          '市町村におけるCIO補佐官等としての外部人材の任用等に係る特別交付税措置（cio-aide-tokko）',
      },
    ]);
  });
});

describe('checkRuleSet: schema problems inside condition trees', () => {
  it('names an unknown operator at its condition', () => {
    const rules = new Rules();
    must(INJECTIONS[0]).inject(rules);
    const [issue] = checkRuleSet(rules.input()).issues;
    expect(issue?.path).toMatch(/^versions\.0\.components\.0\.conditions\.all\.1(\.operator)?$/);
    expect(issue?.message).toMatch(/operator|"equals"|無効な選択/u);
  });

  it('names a missing cite at its condition', () => {
    const rules = new Rules();
    must(INJECTIONS[2]).inject(rules);
    const [issue] = checkRuleSet(rules.input()).issues;
    expect(issue?.path).toMatch(/^versions\.1\.components\.1\.conditions\.all\.0(\.cite)?$/);
    expect(`${issue?.path ?? ''} ${issue?.message ?? ''}`).toMatch(/cite/);
  });

  it('reports two problems in one condition group as two issues', () => {
    const rules = new Rules();
    const conditions = component(rules.get('cio-aide-tokko'), 0, 0).conditions;
    (leafAt(conditions, 1) as { operator: string }).operator = 'equals';
    delete (leafAt(conditions, 2) as Partial<ConditionLeaf>).cite;
    expect(checkRuleSet(rules.input()).issues).toHaveLength(2);
  });
});

describe('loadRuleSet', () => {
  it('returns the validated bundled rule set', () => {
    const ruleSet = loadRuleSet(new Rules().input());
    expect(ruleSet.measures).toHaveLength(measureFileNames().length);
    expect(ruleSet.version).toMatch(/^[0-9a-f]{64}$/);
  });

  it('throws a RuleSetError whose issues hold every problem', () => {
    const rules = new Rules();
    for (const injection of INJECTIONS) injection.inject(rules);
    const expected = checkRuleSet(rules.input()).issues;
    let thrown: unknown;
    try {
      loadRuleSet(rules.input());
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(RuleSetError);
    const error = thrown as RuleSetError;
    expect(error.code).toBe('RULES_INVALID');
    expect(error.issues).toEqual(expected);
    expect(error.issues).toHaveLength(INJECTIONS.length);
    expect(error.message).toContain(`ルールセットに問題が ${INJECTIONS.length} 件あります`);
    for (const issue of expected) expect(error.message).toContain(issue.message);
  });
});
