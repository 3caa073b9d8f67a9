import { KofuzeiError } from './kofuzei-error.js';

/** One problem in a rule set: which file, where in it, and what is wrong. */
export interface RuleIssue {
  readonly file: string;
  readonly path: string;
  readonly message: string;
  /** The measure a problem is in, as a clerk names it: 「title（id）」 (absent outside a measure). */
  readonly measure?: string;
}

/** 「cio-aide-tokko.json: CIO補佐官等…（cio-aide-tokko） › sources.x: 引用が…」 */
export function formatRuleIssue(issue: RuleIssue): string {
  const measure = issue.measure === undefined ? '' : `: ${issue.measure}`;
  return `${issue.file}${measure}${issue.path === '' ? '' : ` › ${issue.path}`}: ${issue.message}`;
}

/** A rule set failed validation; `issues` lists every problem found, not just the first. */
export class RuleSetError extends KofuzeiError {
  override name = 'RuleSetError';
  readonly issues: readonly RuleIssue[];

  constructor(issues: readonly RuleIssue[]) {
    super(
      'RULES_INVALID',
      `ルールセットに問題が ${issues.length} 件あります:\n${issues.map((issue) => `  - ${formatRuleIssue(issue)}`).join('\n')}`,
    );
    this.issues = issues;
  }
}
