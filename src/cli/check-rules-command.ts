import { formatRuleIssue } from '../core/rule-set-error.js';
import { checkRuleSet } from '../rules/load-rule-set.js';
import { readRuleDir } from '../node/read-rule-dir.js';

/** `kofuzei check-rules [DIR]`: every problem of a rule set at once; true when there is none. */
export function checkRulesCommand(dir: string, write: (line: string) => void): boolean {
  const input = readRuleDir(dir);
  const { ruleSet, issues } = checkRuleSet(input);
  for (const issue of issues) write(formatRuleIssue(issue));
  if (ruleSet === null) {
    write(`${dir}: 問題 ${issues.length} 件`);
    return false;
  }
  const versions = ruleSet.measures.reduce((sum, measure) => sum + measure.versions.length, 0);
  const citations = ruleSet.measures.reduce(
    (sum, measure) => sum + Object.keys(measure.sources).length,
    0,
  );
  write(
    `${dir}: 措置 ${ruleSet.measures.length} 件、版 ${versions} 件、出典 ${citations} 件の引用を資料 ${Object.keys(input.sources ?? {}).length} 件と逐語照合 — OK（rulesVersion ${ruleSet.version}）`,
  );
  return true;
}
