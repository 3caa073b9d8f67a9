import { resolve } from 'node:path';
import { parseRuleDirTexts, readRuleDirTexts } from '../node/read-rule-dir.js';
import { loadRuleSet } from '../rules/load-rule-set.js';
import { COMPILED_RULES_PATH, compiledRuleSet, compiledRuleSetOfTexts } from './compiled-rules.js';
import type { RuleSet } from '../schema/rule-set.js';
import { bundledRulesDir } from './package-paths.js';

/** The rule set a CLI command runs with, and the folder it was read from. */
export interface CliRuleSet {
  readonly ruleSet: RuleSet;
  /** Absolute path of the rules folder. */
  readonly dir: string;
}

/**
 * The rules every CLI command evaluates: `--rules DIR`, or else the rules/ folder on disk of the
 * package (a source checkout or the installed package, which ships rules/). Never the copy built
 * into dist/: after editing rules/*.json, `test`, `evaluate` and `check-rules` all see the edit
 * without a rebuild, so a maintainer is never shown a green run of the old numbers.
 */
export function cliRuleSet(
  rules: string | undefined,
  compiledPath = COMPILED_RULES_PATH,
): CliRuleSet {
  const dir = resolve(rules ?? bundledRulesDir());
  const texts = readRuleDirTexts(dir);
  // Files that read exactly as at build time were validated then (compiled-rules.ts): no need
  // to parse them. Else the parsed contents may still be the same (a whitespace edit).
  const built = compiledRuleSetOfTexts(texts, compiledPath);
  if (built !== null) return { ruleSet: built, dir };
  const input = parseRuleDirTexts(texts, dir);
  return { ruleSet: compiledRuleSet(input, compiledPath) ?? loadRuleSet(input), dir };
}

/**
 * The line naming the rule set a command used, for stderr (stdout carries the report):
 * `ルール: /path/rules (rulesVersion 90b1…)`, the version as the report's `rulesVersion`.
 */
export function ruleSourceLine(source: string, ruleSet: RuleSet, label = 'ルール'): string {
  return `${label}: ${source} (rulesVersion ${ruleSet.version})`;
}
