import type { SourceProblem } from '../ledger/source-problems.js';

/** The 摘要 of the template's example row (write-template.ts), which reading it recognises. */
export const EXAMPLE_ROW_MEMO = '記入例（この行は削除して記入してください）';

/**
 * The problem of a row that is still the template's example (its 摘要 unchanged), if it is one: a
 * clerk who fills rows below it and forgets to delete it would otherwise have its ¥3,600,000
 * judged and added to the totals. The row's line is `invalid`; its values are shown.
 */
export function exampleRowProblem(memo: unknown): SourceProblem | undefined {
  if (memo !== EXAMPLE_ROW_MEMO) return undefined;
  return {
    code: 'TEMPLATE_EXAMPLE_ROW',
    field: 'memo',
    expected: '記入した明細',
    received: `様式の記入例（摘要「${EXAMPLE_ROW_MEMO}」）`,
    message:
      `様式の記入例の行です（摘要「${EXAMPLE_ROW_MEMO}」）。` +
      'この行を削除してから判定してください（この行は無効とし、集計に入れません）',
  };
}
