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

function code(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof KofuzeiError) return error.code;
    throw error;
  }
  return 'no error';
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
});
