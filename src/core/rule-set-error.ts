import { KofuzeiError } from './kofuzei-error.js';

/** One problem in a rule set: which file, where in it, and what is wrong. */
export interface RuleIssue {
  readonly file: string;
  readonly path: string;
  readonly message: string;
}

export function formatRuleIssue(issue: RuleIssue): string {
  return `${issue.file}${issue.path === '' ? '' : ` › ${issue.path}`}: ${issue.message}`;
}

/** A rule set failed validation; `issues` lists every problem found, not just the first. */
export class RuleSetError extends KofuzeiError {
  override name = 'RuleSetError';
  readonly issues: readonly RuleIssue[];

  constructor(issues: readonly RuleIssue[]) {
    super(
      'RULES_INVALID',
      `the rule set has ${issues.length} problem(s):\n${issues.map((issue) => `  - ${formatRuleIssue(issue)}`).join('\n')}`,
    );
    this.issues = issues;
  }
}
