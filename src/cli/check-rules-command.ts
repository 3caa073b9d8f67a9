import { formatRuleIssue } from '../core/rule-set-error.js';
import { checkRuleSet } from '../rules/load-rule-set.js';
import { readRuleDir } from '../node/read-rule-dir.js';

/** `kofuzei check-rules [DIR]`: every problem of a rule set at once; true when there is none. */
export function checkRulesCommand(dir: string, write: (line: string) => void): boolean {
  const input = readRuleDir(dir);
  const { ruleSet, issues } = checkRuleSet(input);
  for (const issue of issues) write(formatRuleIssue(issue));
  if (ruleSet === null) {
    write(`${dir}: ${issues.length} problem(s)`);
    return false;
  }
  const versions = ruleSet.measures.reduce((sum, measure) => sum + measure.versions.length, 0);
  const citations = ruleSet.measures.reduce(
    (sum, measure) => sum + Object.keys(measure.sources).length,
    0,
  );
  write(
    `${dir}: ${ruleSet.measures.length} measures, ${versions} versions, ${citations} citations checked verbatim against ${Object.keys(input.sources ?? {}).length} source documents — OK (rulesVersion ${ruleSet.version})`,
  );
  return true;
}
