import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffRuleSets } from '../../src/diff/diff-rule-sets.js';
import { KofuzeiError } from '../../src/core/kofuzei-error.js';
import { loadRuleDir } from '../../src/node/load-rule-dir.js';
import { parseGitRuleSpec, readRuleSetFromGit } from '../../src/node/read-rule-set-from-git.js';
import { loadRuleSet } from '../../src/rules/load-rule-set.js';
import { bundledInput, git, raiseRecruitmentCap, RULES_DIR, tempDir } from './helpers.js';

/** A temporary repository: the bundled rules committed under rules/, then a cap raised in the work tree. */
let repo: string;
beforeAll(() => {
  repo = tempDir('kofuzei-git-');
  git(repo, 'init', '-q');
  cpSync(RULES_DIR, join(repo, 'rules'), { recursive: true });
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'rules');
  const changed = raiseRecruitmentCap(bundledInput());
  const measure = changed.measures.find((entry) => entry.file === 'cio-aide-tokko.json');
  writeFileSync(join(repo, 'rules', 'cio-aide-tokko.json'), JSON.stringify(measure?.json, null, 2));
});

afterAll(() => {
  rmSync(repo, { recursive: true, force: true });
});

function refusal(run: () => unknown): KofuzeiError {
  try {
    run();
  } catch (error) {
    if (error instanceof KofuzeiError) return error;
    throw error;
  }
  throw new Error('no error');
}

function code(run: () => unknown): string {
  return refusal(run).code;
}

describe('parseGitRuleSpec', () => {
  it('reads git:REF and git:REF:path, and nothing else', () => {
    expect(parseGitRuleSpec('git:origin/main')).toEqual({ ref: 'origin/main', path: null });
    expect(parseGitRuleSpec('git:v1.2.0:rules/')).toEqual({ ref: 'v1.2.0', path: 'rules' });
    expect(parseGitRuleSpec('rules')).toBeNull();
    expect(code(() => parseGitRuleSpec('git:'))).toBe('USAGE');
    expect(code(() => parseGitRuleSpec('git:--output=x'))).toBe('USAGE');
  });
});

describe('readRuleSetFromGit', () => {
  it('reads the rule set committed at a ref, the head folder by default', () => {
    const head = loadRuleDir(join(repo, 'rules'));
    const base = loadRuleSet(readRuleSetFromGit('git:HEAD', { defaultDir: join(repo, 'rules') }));
    expect(base.version).toBe(loadRuleDir(RULES_DIR).version);
    expect(diffRuleSets(base, head).map((change) => change.text)).toEqual([
      'cio-aide-tokko FY2024–FY2025 recruitment cap recruitment-cap 1000000 → 2000000',
    ]);
    const named = readRuleSetFromGit('git:HEAD:rules', { defaultDir: join(repo, 'rules') });
    expect(loadRuleSet(named).version).toBe(base.version);
    expect(Object.keys(named.sources ?? {})).toHaveLength(5);
  });

  it('fails clearly on a missing ref, a missing folder, or no repository', () => {
    const defaultDir = join(repo, 'rules');
    expect(code(() => readRuleSetFromGit('git:no-such-ref', { defaultDir }))).toBe(
      'GIT_REF_NOT_FOUND',
    );
    expect(code(() => readRuleSetFromGit('git:HEAD:nowhere', { defaultDir }))).toBe(
      'RULES_UNREADABLE',
    );
    const outside = tempDir('kofuzei-no-git-');
    expect(code(() => readRuleSetFromGit('git:HEAD', { defaultDir: outside }))).toBe('GIT_FAILED');
    rmSync(outside, { recursive: true });
  });

  it('says what went wrong in Japanese (the codes stay English)', () => {
    const defaultDir = join(repo, 'rules');
    const top = refusal(() => readRuleSetFromGit('git:no-such-ref', { defaultDir })).message;
    expect(top).toMatch(/^git:no-such-ref: リポジトリ .+ にコミット no-such-ref がありません$/u);
    expect(refusal(() => readRuleSetFromGit('git:HEAD:nowhere', { defaultDir })).message).toBe(
      'git:HEAD:nowhere (nowhere): HEAD の時点にこのフォルダがありません',
    );
    const outside = tempDir('kofuzei-no-git-');
    expect(refusal(() => readRuleSetFromGit('git:HEAD', { defaultDir: outside })).message).toBe(
      `git:HEAD: ${outside} は git のリポジトリの中にありません`,
    );
    rmSync(outside, { recursive: true });
    // A committed folder without glossary.json, and a committed rule file that is not JSON.
    const broken = join(repo, 'broken');
    cpSync(RULES_DIR, broken, { recursive: true });
    rmSync(join(broken, 'glossary.json'));
    writeFileSync(join(broken, 'zz.json'), '{"id": }');
    git(repo, 'add', '-A', 'broken');
    git(repo, 'commit', '-q', '-m', 'broken rules');
    expect(refusal(() => readRuleSetFromGit('git:HEAD:broken', { defaultDir })).message).toBe(
      'git:HEAD:broken (broken): glossary.json がありません（ルールのフォルダには glossary.json と assumptions.json が必要です）',
    );
    writeFileSync(join(broken, 'glossary.json'), '{}');
    git(repo, 'add', '-A', 'broken');
    git(repo, 'commit', '-q', '-m', 'glossary back');
    expect(refusal(() => readRuleSetFromGit('git:HEAD:broken', { defaultDir })).message).toMatch(
      /^git:HEAD:broken \(broken\)(?:\/zz\.json)?.*: JSON として読めません（1 行 8 列: /u,
    );
  });
});
