import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CorpusDiff } from '../../src/diff/diff-corpus.js';
import {
  bundledInput,
  git,
  kofuzei,
  raiseRecruitmentCap,
  RECRUITMENT_LEDGER,
  ROOT,
  RULES_DIR,
  tempDir,
  writeRuleDir,
} from './helpers.js';

// Each spawn costs about a second: one per behaviour, everything else is tested in process.
const CAP_CHANGE = 'cio-aide-tokko FY2024–FY2025 recruitment cap recruitment-cap 1000000 → 2000000';
/** The cap change as people read it (the JSON keeps CAP_CHANGE). */
const CAP_CHANGE_JA =
  '市町村におけるCIO補佐官等としての外部人材の任用等に係る特別交付税措置（cio-aide-tokko） 2024〜2025年度 ②募集経費（recruitment）：上限 募集経費の対象経費の上限額（1団体・年度あたり100万円）（recruitment-cap）の額を変更：1,000,000円 → 2,000,000円';

let work: string;
let raised: string;
let ledgers: string;
beforeAll(() => {
  work = tempDir();
  raised = writeRuleDir(raiseRecruitmentCap(bundledInput()), join(work, 'raised'));
  ledgers = join(work, 'ledgers');
  cpSync(
    join(ROOT, 'fixtures/cio-aide-tokko/06-recruitment-cap-running-clamp.json'),
    join(ledgers, 'fixture.json'),
  );
  writeFileSync(join(ledgers, 'ledger.json'), JSON.stringify(RECRUITMENT_LEDGER));
});
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('kofuzei diff', { timeout: 60_000 }, () => {
  it('reports a raised cap per line, attributed to the cap, with totals (text)', () => {
    const result = kofuzei('diff', '--base', 'rules', '--head', raised, ledgers);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines).toContain(`  ${CAP_CHANGE_JA}`);
    // The fixture (its ledger) and the plain ledger, each with its own changed lines.
    expect(lines.filter((line) => line.startsWith('  明細 '))).toEqual([
      '  明細 R2（2行目、392081 2025年度）：対象経費 300,000円 → 600,000円（+300,000円）、措置額 210,000円 → 420,000円（+210,000円）',
      '  明細 R3（3行目、392081 2025年度）：対象経費 -100,000円 → -400,000円（-300,000円）、措置額 -70,000円 → -280,000円（-210,000円）',
      '  明細 R4（4行目、392081 2025年度）：対象経費 100,000円 → 200,000円（+100,000円）、措置額 70,000円 → 140,000円（+70,000円）',
      '  明細 R2（2行目、392081 2025年度）：対象経費 300,000円 → 600,000円（+300,000円）、措置額 210,000円 → 420,000円（+210,000円）',
      '  明細 R3（3行目、392081 2025年度）：対象経費 0円 → 700,000円（+700,000円）、措置額 0円 → 490,000円（+490,000円）',
    ]);
    expect(lines.filter((line) => line.startsWith('    ← '))).toEqual(
      Array.from({ length: 5 }, () => `    ← ${CAP_CHANGE_JA}`),
    );
    expect(lines).toContain('ファイル 2件：変更あり 2件、明細 5件、集計 2件');
  });

  it('reports no change between identical rule sets and exits 0, even with --fail-on-change', () => {
    const result = kofuzei(
      'diff',
      '--base',
      'rules',
      '--head',
      RULES_DIR,
      '--fail-on-change',
      'fixtures',
    );
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^変更なし：ファイル \d+件、規則 rules（\w{12}）→ /);
  });

  it('exits 1 with --fail-on-change when something changed, writing markdown to -o', () => {
    const out = join(work, 'diff.md');
    const result = kofuzei(
      'diff',
      '--base',
      'rules',
      '--head',
      raised,
      '--format',
      'markdown',
      '-o',
      out,
      '--fail-on-change',
      ledgers,
    );
    expect(result.status).toBe(1);
    expect(result.stdout).toBe(`${out}: ファイル 2件のうち 2件で明細 5件、集計 2件が変更\n`);
    const markdown = readFileSync(out, 'utf8').split('\n');
    expect(markdown.slice(0, 2)).toEqual([
      '<!-- kofuzei-diff -->',
      '## kofuzei 差分（規則の変更と結果への影響）',
    ]);
    expect(markdown).toContain(`- ${CAP_CHANGE_JA}`);
    expect(markdown.filter((line) => line.startsWith('<details><summary>'))).toHaveLength(2);
  });

  it('prints the structured diff as JSON', () => {
    const result = kofuzei(
      'diff',
      '--base',
      'rules',
      '--head',
      raised,
      '--format',
      'json',
      ledgers,
    );
    const diff = JSON.parse(result.stdout) as CorpusDiff;
    expect(diff.ruleChanges.map((change) => change.text)).toEqual([CAP_CHANGE]);
    expect(diff.files.map((file) => file.path)).toEqual([
      expect.stringMatching(/fixture\.json$/),
      expect.stringMatching(/ledger\.json$/),
    ]);
    // fixture (2,000,000 → 2,100,000) + ledger (5,000,000 → 6,000,000), at 0.7.
    expect(diff.measures).toEqual([
      {
        measure: 'cio-aide-tokko',
        base: { before: '7000000', after: '8100000', delta: '1100000' },
        amount: { before: '4900000', after: '5670000', delta: '770000' },
        bond: null,
      },
    ]);
  });

  it('runs a fixture under its own policy, never --policy, and refuses one with a key written twice', () => {
    // --policy with a 100,000-yen rounding unit: the plain ledger's amounts move, the fixture's not.
    const policy = join(work, 'rounding.json');
    writeFileSync(policy, '{"roundingUnit":"100000"}');
    const result = kofuzei(
      'diff',
      '--base',
      'rules',
      '--head',
      raised,
      ledgers,
      '--policy',
      policy,
      '--format',
      'json',
    );
    const diff = JSON.parse(result.stdout) as CorpusDiff;
    const fixture = diff.files.find((file) => file.path.endsWith('fixture.json'));
    const ledger = diff.files.find((file) => file.path.endsWith('ledger.json'));
    // The fixture's R2 at 0.7 unrounded (210,000 → 420,000); the ledger's in 100,000s, by running totals.
    expect(fixture?.lines[0]?.changes[1]).toMatchObject({ before: '210000', after: '420000' });
    expect(ledger?.lines[0]?.changes[1]).toMatchObject({ before: '300000', after: '500000' });
    const text = readFileSync(join(ledgers, 'fixture.json'), 'utf8').replace(
      '"ledger": {',
      '"ledger": {\n    "lines": [],',
    );
    writeFileSync(join(work, 'twice.json'), text);
    const refused = kofuzei('diff', '--base', 'rules', '--head', raised, join(work, 'twice.json'));
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('キー "lines" が2度書かれています');
  });

  it('reads the base rules from a git ref of a temporary repository', () => {
    const repo = join(work, 'repo');
    cpSync(RULES_DIR, join(repo, 'rules'), { recursive: true });
    git(repo, 'init', '-q');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'rules');
    cpSync(join(raised, 'cio-aide-tokko.json'), join(repo, 'rules', 'cio-aide-tokko.json'));
    const result = kofuzei('diff', '--base', 'git:HEAD', '--head', join(repo, 'rules'), ledgers);
    expect(result.stderr).toBe('');
    expect(result.stdout.split('\n').slice(1, 3)).toEqual([
      '規則の変更（1件）：',
      `  ${CAP_CHANGE_JA}`,
    ]);

    const missing = kofuzei(
      'diff',
      '--base',
      'git:no-such-ref',
      '--head',
      join(repo, 'rules'),
      ledgers,
    );
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('git:no-such-ref: リポジトリ ');
    expect(missing.stderr).toContain(' にコミット no-such-ref がありません');
  });
});

describe('kofuzei test --update', { timeout: 60_000 }, () => {
  it('rewrites a wrong expected amount from the current rules, keeping the fields listed', () => {
    const dir = join(work, 'update');
    const file = join(dir, 'fixture.json');
    const original = readFileSync(join(ledgers, 'fixture.json'), 'utf8');
    cpSync(join(ledgers, 'fixture.json'), file);
    writeFileSync(file, original.replace('"amount": "210000"', '"amount": "1"'));
    const result = kofuzei('test', '--update', dir);
    expect(result.status).toBe(0);
    expect(result.stdout.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/fixture\.json › 明細 R2 › amount: "1" → "210000"$/),
      '書き換え 1 件、変更なし 0 件、不合格 0 件',
      '1 rewritten, 0 unchanged, 0 failed',
    ]);
    expect(readFileSync(file, 'utf8')).toBe(original);
  });
});
