import { describe, expect, it } from 'vitest';
import { diffCorpus } from '../../src/diff/diff-corpus.js';
import { diffLabels } from '../../src/diff/diff-labels.js';
import { diffReports } from '../../src/diff/diff-reports.js';
import { diffRuleSets } from '../../src/diff/diff-rule-sets.js';
import { formatDiffMarkdown } from '../../src/diff/format-diff-markdown.js';
import { formatDiffText } from '../../src/diff/format-diff-text.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { join } from 'node:path';
import {
  bundledInput,
  changeMeasure,
  load,
  raiseRecruitmentCap,
  readText,
  RECRUITMENT_LEDGER,
  ROOT,
} from './helpers.js';

const BASE = load(bundledInput());
const HEAD = load(raiseRecruitmentCap(bundledInput()));
const CAP_CHANGE = 'cio-aide-tokko FY2024–FY2025 recruitment cap recruitment-cap 1000000 → 2000000';
const LABELS = diffLabels(BASE, HEAD);
const CIO =
  '市町村におけるCIO補佐官等としての外部人材の任用等に係る特別交付税措置（cio-aide-tokko）';
/** The cap change as people read it (the JSON keeps CAP_CHANGE). */
const CAP_CHANGE_JA = `${CIO} 2024〜2025年度 ②募集経費（recruitment）：上限 募集経費の対象経費の上限額（1団体・年度あたり100万円）（recruitment-cap）の額を変更：1,000,000円 → 2,000,000円`;

async function reports() {
  return {
    base: await evaluate(RECRUITMENT_LEDGER, { rules: BASE }),
    head: await evaluate(RECRUITMENT_LEDGER, { rules: HEAD }),
  };
}

describe('diffReports', () => {
  it('gives exactly the lines and totals a raised cap changes, attributed to that cap', async () => {
    const { base, head } = await reports();
    const diff = diffReports(base, head, diffRuleSets(BASE, HEAD));
    const common = {
      entity: '392081',
      fiscalYear: 2025,
      status: 'eligible',
      measure: 'cio-aide-tokko',
      component: 'recruitment',
      attribution: [CAP_CHANGE],
      note: null,
    };
    // 700k + 600k + 900k against ¥1M, then ¥2M: R2 300k → 600k, R3 0 → 700k; amounts at 0.7.
    expect(diff.lines).toEqual([
      {
        id: 'R2',
        row: 2,
        ...common,
        changes: [
          { field: 'base', before: '300000', after: '600000', delta: '300000' },
          { field: 'amount', before: '210000', after: '420000', delta: '210000' },
        ],
      },
      {
        id: 'R3',
        row: 3,
        ...common,
        changes: [
          { field: 'base', before: '0', after: '700000', delta: '700000' },
          { field: 'amount', before: '0', after: '490000', delta: '490000' },
        ],
      },
    ]);
    expect(diff.totals).toEqual([
      {
        entity: '392081',
        fiscalYear: 2025,
        measure: 'cio-aide-tokko',
        component: 'recruitment',
        base: { before: '1000000', after: '2000000', delta: '1000000' },
        amount: { before: '700000', after: '1400000', delta: '700000' },
        bond: null,
        schedule: null,
      },
    ]);
    // FY2023 recruitment (its own ¥1M cap) and the 任用等経費 line count in the sums, unchanged.
    expect(diff.measures).toEqual([
      {
        measure: 'cio-aide-tokko',
        base: { before: '5000000', after: '6000000', delta: '1000000' },
        amount: { before: '3500000', after: '4200000', delta: '700000' },
        bond: null,
      },
    ]);
    expect(diff.changed).toBe(true);
  });

  it('lists a bond total whose 元利償還 schedule changed though its sums did not', async () => {
    // digital-katsuyo-bond FY2025–: 償還年数 5 → 3 at 1% a year. The sample's 392081 bond is
    // 9,405,000: interest falls from 282,150 to 188,100 and the years' 交付税措置 (0.5 × 元利償還)
    // from 4,843,575 to 4,796,550; the bond, base and amount stay the same.
    const shorter = load(
      changeMeasure(bundledInput(), 'digital-katsuyo-bond', (measure) => {
        for (const entry of measure.versions)
          for (const part of entry.components)
            if (part.amount.method === 'bond' && part.amount.termYears !== undefined)
              part.amount.termYears = { ...part.amount.termYears, value: 3 };
      }),
    );
    const ledger = JSON.parse(readText(join(ROOT, 'samples/ledger.json'))) as unknown;
    const policy = { bondInterestRate: '0.01' };
    const base = await evaluate(ledger, { rules: BASE, policy });
    const head = await evaluate(ledger, { rules: shorter, policy });
    const diff = diffReports(base, head, diffRuleSets(BASE, shorter));
    expect(diff.lines).toEqual([]);
    expect(diff.measures).toEqual([]);
    expect(diff.changed).toBe(true);
    const first = diff.totals.find((total) => total.entity === '392081');
    expect(first?.amount.delta).toBe('0');
    expect(first?.schedule).toEqual({
      years: { before: 5, after: 3 },
      principal: { before: '9405000', after: '9405000', delta: '0' },
      interest: { before: '282150', after: '188100', delta: '-94050' },
      taxMeasure: { before: '4843575', after: '4796550', delta: '-47025' },
    });
    // Without the policy there is no schedule, and so no change.
    const plain = diffReports(
      await evaluate(ledger, { rules: BASE }),
      await evaluate(ledger, { rules: shorter }),
      diffRuleSets(BASE, shorter),
    );
    expect(plain.changed).toBe(false);
  });

  it('finds no change between reports of identical rule sets', async () => {
    const report = await evaluate(RECRUITMENT_LEDGER, { rules: BASE });
    const again = await evaluate(RECRUITMENT_LEDGER, { rules: load(bundledInput()) });
    expect(diffReports(report, again, diffRuleSets(BASE, BASE))).toEqual({
      lines: [],
      totals: [],
      measures: [],
      changed: false,
    });
  });

  it('says so when no rule change of the line’s measure covers its year', async () => {
    const { base, head } = await reports();
    const [first] = diffReports(base, head, []).lines;
    expect(first?.attribution).toEqual([]);
    expect(first?.note).toBe(
      'no rule parameter change of cio-aide-tokko covers FY2025; the change comes from other lines in the same group (caps/headcount) or the glossary',
    );
  });
});

describe('diffCorpus and its formats', () => {
  async function corpus(head = HEAD) {
    const { base } = await reports();
    const unchanged = await evaluate({ entities: [], lines: [] }, { rules: BASE });
    return diffCorpus({
      base: { rules: 'git:origin/main', ruleSet: BASE },
      head: { rules: 'rules', ruleSet: head },
      files: [
        { path: 'ledgers/a.json', base, head: await evaluate(RECRUITMENT_LEDGER, { rules: head }) },
        { path: 'ledgers/empty.json', base: unchanged, head: unchanged },
      ],
    });
  }

  it('counts files, lines and totals, and lists only the changed files', async () => {
    const diff = await corpus();
    expect(diff.summary).toEqual({ files: 2, changedFiles: 1, changedLines: 2, changedTotals: 1 });
    expect(diff.files.map((file) => file.path)).toEqual(['ledgers/a.json']);
    expect(diff.base).toEqual({ rules: 'git:origin/main', rulesVersion: BASE.version });
    expect(diff.ruleChanges.map((change) => change.text)).toEqual([CAP_CHANGE]);
  });

  it('renders a markdown pull-request comment in Japanese: heading, rule changes, totals by measure, one <details> per file', async () => {
    const markdown = formatDiffMarkdown(await corpus(), LABELS);
    const lines = markdown.split('\n');
    expect(lines.slice(0, 2)).toEqual([
      '<!-- kofuzei-diff -->',
      '## kofuzei 差分（規則の変更と結果への影響）',
    ]);
    expect(lines).toContain(`- ${CAP_CHANGE_JA}`);
    expect(lines).toContain('| 措置 | 対象経費 | 措置額 |');
    expect(lines).toContain(
      `| ${CIO} | 5,000,000円 → **6,000,000円**（+1,000,000円） | 3,500,000円 → **4,200,000円**（+700,000円） |`,
    );
    expect(lines).toContain(
      '<details><summary><code>ledgers/a.json</code>：明細 2件、集計 1件が変更</summary>',
    );
    expect(lines).toContain(
      `| R3 | 392081 | 2025年度 | 対象 | ${CIO} | ②募集経費（recruitment） | 0円 → **700,000円**（+700,000円） | 0円 → **490,000円**（+490,000円） | ${CAP_CHANGE_JA} |`,
    );
    expect(lines).toContain('</details>');
    expect(markdown).not.toContain('empty.json');
  });

  it('renders text in Japanese: the rule change, each changed line with its cause, the totals', async () => {
    const text = formatDiffText(await corpus(), LABELS);
    expect(text).toContain(`規則の変更（1件）：\n  ${CAP_CHANGE_JA}\n`);
    expect(text).toContain(
      `  明細 R2（2行目、392081 2025年度）：対象経費 300,000円 → 600,000円（+300,000円）、措置額 210,000円 → 420,000円（+210,000円）\n    ← ${CAP_CHANGE_JA}\n`,
    );
    expect(text).toContain(
      `  集計 392081 2025年度 ${CIO} ②募集経費（recruitment）：対象経費 1,000,000円 → 2,000,000円（+1,000,000円）、措置額 700,000円 → 1,400,000円（+700,000円）\n`,
    );
    expect(text.trimEnd().split('\n').at(-1)).toBe(
      'ファイル 2件：変更あり 1件、明細 2件、集計 1件',
    );
  });

  it('says "no change" when nothing changed', async () => {
    const diff = await corpus(BASE);
    expect(diff.changed).toBe(false);
    expect(formatDiffText(diff, LABELS)).toMatch(/^変更なし：ファイル 2件、規則 git:origin\/main/);
    expect(formatDiffMarkdown(diff, LABELS)).toContain('ファイル 2件で**変更なし**');
  });
});
