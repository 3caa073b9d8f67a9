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
    expect(lines).toContain(`  ${CAP_CHANGE}`);
    // The fixture (its ledger) and the plain ledger, each with its own changed lines.
    expect(lines.filter((line) => /^ {2}\S+ \(row/.test(line))).toEqual([
      '  R2 (row 2, 392081 FY2025): base 300,000 → 600,000 (+300,000); amount 210,000 → 420,000 (+210,000)',
      '  R3 (row 3, 392081 FY2025): base -100,000 → -400,000 (-300,000); amount -70,000 → -280,000 (-210,000)',
      '  R4 (row 4, 392081 FY2025): base 100,000 → 200,000 (+100,000); amount 70,000 → 140,000 (+70,000)',
      '  R2 (row 2, 392081 FY2025): base 300,000 → 600,000 (+300,000); amount 210,000 → 420,000 (+210,000)',
      '  R3 (row 3, 392081 FY2025): base 0 → 700,000 (+700,000); amount 0 → 490,000 (+490,000)',
    ]);
    expect(lines.filter((line) => line.startsWith('    ← '))).toEqual(
      Array.from({ length: 5 }, () => `    ← ${CAP_CHANGE}`),
    );
    expect(lines).toContain('2 files: 2 changed, 5 lines, 2 totals');
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
    expect(result.stdout).toMatch(/^no change: \d+ files, rules: rules \(\w{12}\) → /);
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
    expect(result.stdout).toBe(`${out}: 5 line(s) changed in 2 of 2 file(s)\n`);
    const markdown = readFileSync(out, 'utf8').split('\n');
    expect(markdown.slice(0, 2)).toEqual(['<!-- kofuzei-diff -->', '## kofuzei diff']);
    expect(markdown).toContain(`- ${CAP_CHANGE}`);
    expect(markdown.filter((line) => line === '<details>')).toHaveLength(2);
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

  it('reads the base rules from a git ref of a temporary repository', () => {
    const repo = join(work, 'repo');
    cpSync(RULES_DIR, join(repo, 'rules'), { recursive: true });
    git(repo, 'init', '-q');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'rules');
    cpSync(join(raised, 'cio-aide-tokko.json'), join(repo, 'rules', 'cio-aide-tokko.json'));
    const result = kofuzei('diff', '--base', 'git:HEAD', '--head', join(repo, 'rules'), ledgers);
    expect(result.stderr).toBe('');
    expect(result.stdout.split('\n').slice(1, 3)).toEqual(['rule changes (1):', `  ${CAP_CHANGE}`]);

    const missing = kofuzei(
      'diff',
      '--base',
      'git:no-such-ref',
      '--head',
      join(repo, 'rules'),
      ledgers,
    );
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('git:no-such-ref: no commit no-such-ref');
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
    ]);
    expect(readFileSync(file, 'utf8')).toBe(original);
  });
});
