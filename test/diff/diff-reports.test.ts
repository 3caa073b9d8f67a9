import { describe, expect, it } from 'vitest';
import { diffCorpus } from '../../src/diff/diff-corpus.js';
import { diffReports } from '../../src/diff/diff-reports.js';
import { diffRuleSets } from '../../src/diff/diff-rule-sets.js';
import { formatDiffMarkdown } from '../../src/diff/format-diff-markdown.js';
import { formatDiffText } from '../../src/diff/format-diff-text.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { bundledInput, load, raiseRecruitmentCap, RECRUITMENT_LEDGER } from './helpers.js';

const BASE = load(bundledInput());
const HEAD = load(raiseRecruitmentCap(bundledInput()));
const CAP_CHANGE = 'cio-aide-tokko FY2024–FY2025 recruitment cap recruitment-cap 1000000 → 2000000';

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

  it('renders a markdown pull-request comment: heading, rule changes, totals by measure, one <details> per file', async () => {
    const markdown = formatDiffMarkdown(await corpus());
    const lines = markdown.split('\n');
    expect(lines.slice(0, 2)).toEqual(['<!-- kofuzei-diff -->', '## kofuzei diff']);
    expect(lines).toContain(`- ${CAP_CHANGE}`);
    expect(lines).toContain('| measure | base | amount |');
    expect(lines).toContain(
      '| `cio-aide-tokko` | 5,000,000 → **6,000,000** (+1,000,000) | 3,500,000 → **4,200,000** (+700,000) |',
    );
    expect(lines).toContain(
      '<summary><code>ledgers/a.json</code>: 2 line(s), 1 total(s) changed</summary>',
    );
    expect(lines).toContain(
      `| R3 | 392081 | 2025 | eligible | cio-aide-tokko | recruitment | 0 → **700,000** (+700,000) | 0 → **490,000** (+490,000) | ${CAP_CHANGE} |`,
    );
    expect(lines).toContain('</details>');
    expect(markdown).not.toContain('empty.json');
  });

  it('renders text: the rule change, each changed line with its cause, the totals', async () => {
    const text = formatDiffText(await corpus());
    expect(text).toContain(`rule changes (1):\n  ${CAP_CHANGE}\n`);
    expect(text).toContain(
      `  R2 (row 2, 392081 FY2025): base 300,000 → 600,000 (+300,000); amount 210,000 → 420,000 (+210,000)\n    ← ${CAP_CHANGE}\n`,
    );
    expect(text).toContain(
      '  total 392081 FY2025 cio-aide-tokko/recruitment: base 1,000,000 → 2,000,000 (+1,000,000); amount 700,000 → 1,400,000 (+700,000)\n',
    );
    expect(text.trimEnd().split('\n').at(-1)).toBe('2 files: 1 changed, 2 lines, 1 total');
  });

  it('says "no change" when nothing changed', async () => {
    const diff = await corpus(BASE);
    expect(diff.changed).toBe(false);
    expect(formatDiffText(diff)).toMatch(/^no change: 2 files, rules: git:origin\/main/);
    expect(formatDiffMarkdown(diff)).toContain('**No change** in 2 file(s)');
  });
});
