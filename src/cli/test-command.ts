import { readFileSync } from 'node:fs';
import { runFixture } from '../fixtures/run-fixture.js';
import { KofuzeiError } from '../core/kofuzei-error.js';
import { updateFixture } from '../fixtures/update-fixture.js';
import { cliRuleSet, ruleSourceLine } from './cli-rule-set.js';
import { displayPath } from './display-path.js';
import { writeFileAtomic } from '../node/atomic-file.js';
import { collectJsonFiles } from '../node/collect-json-files.js';
import type { RuleSet } from '../schema/rule-set.js';
import { jsonSyntaxProblem } from '../ledger/json-syntax-problem.js';
import { parseFixtureText } from '../fixtures/parse-fixture-text.js';

/**
 * `kofuzei test --update PATH...`: rewrites the expected values each fixture lists from the current
 * rules; it ends with `書き換え N 件、変更なし N 件、不合格 N 件` and, for scripts, `N rewritten, N unchanged, N failed`.
 */
async function updateFixtures(
  files: readonly string[],
  rules: RuleSet,
  write: (line: string) => void,
): Promise<boolean> {
  let rewritten = 0;
  let unchanged = 0;
  let failed = 0;
  for (const file of files) {
    const name = displayPath(file);
    const text = readFileSync(file, 'utf8');
    let result;
    try {
      result = await updateFixture(name, text, rules);
    } catch (error) {
      // Not JSON, or a fixture kofuzei cannot run (an invalid policy): that fixture fails, the rest go on.
      if (!(error instanceof SyntaxError) && !(error instanceof KofuzeiError)) throw error;
      failed += 1;
      const why =
        error instanceof KofuzeiError
          ? error.message
          : `JSON として読めません（${jsonSyntaxProblem(text.replace(/^\uFEFF/u, ''))}）`;
      write(`${name} › (fixture): ${why}`);
      continue;
    }
    if (result.text !== text) {
      // Whole or not at all: a full disk leaves the fixture as it was, never half-written JSON.
      writeFileAtomic(file, result.text);
      rewritten += 1;
      for (const line of result.updated) write(`${name} › ${line}`);
    } else if (result.problems.length === 0) unchanged += 1;
    if (result.problems.length > 0) {
      failed += 1;
      for (const problem of result.problems) write(`${problem}（更新していません）`);
    }
  }
  write(`書き換え ${rewritten} 件、変更なし ${unchanged} 件、不合格 ${failed} 件`);
  write(`${rewritten} rewritten, ${unchanged} unchanged, ${failed} failed`);
  return failed === 0;
}

/**
 * `kofuzei test PATH...`: runs every fixture; it ends with `合格 N 件、不合格 N 件` for people and then
 * the line `N passed, N failed` that scripts and CI read (the public contract's last line). The rule
 * set used is named through `note` (stderr in the CLI).
 */
export async function testCommand(
  paths: readonly string[],
  options: { rules?: string; update?: boolean },
  write: (line: string) => void,
  note: (line: string) => void = () => undefined,
): Promise<boolean> {
  // The rules on disk (never dist/'s copy): an edited number shows in the fixtures at once.
  const { ruleSet: rules, dir } = cliRuleSet(options.rules);
  note(ruleSourceLine(dir, rules));
  const files = collectJsonFiles(paths);
  // A wrong path must not pass a CI job with "0 passed, 0 failed".
  if (files.length === 0)
    throw new KofuzeiError('USAGE', `${paths.join(' ')}: .json の事例が見つかりません`);
  if (options.update === true) return updateFixtures(files, rules, write);
  let passed = 0;
  let failed = 0;
  for (const file of files) {
    // Named as --update and diff name them: relative under the working directory, else absolute.
    const name = displayPath(file);
    // Read as evaluate and diff read a ledger file (a BOM allowed, exact numbers, duplicate keys).
    const parsed = parseFixtureText(readFileSync(file, 'utf8').replace(/^\uFEFF/u, ''));
    if ('problem' in parsed) {
      failed += 1;
      write(`${name} › (fixture): ${parsed.problem}`);
      continue;
    }
    const result = await runFixture(name, parsed.json, rules);
    if (result.passed) passed += 1;
    else {
      failed += 1;
      for (const mismatch of result.mismatches) write(mismatch);
    }
  }
  write(`合格 ${passed} 件、不合格 ${failed} 件`);
  write(`${passed} passed, ${failed} failed`);
  return failed === 0;
}
