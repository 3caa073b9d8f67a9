import type { MeasureKind } from './measure.js';
import type { LineStatus } from './report.js';

/**
 * The Japanese words every surface shows for a line's status and a measure's kind: the terminal
 * table, the result workbook and CSV sheets, the Apps Script toast and docs/measures.md. One table,
 * so a clerk who reads 判定保留 in the terminal finds 判定保留 in the workbook.
 */
export const STATUS_LABELS: Readonly<Record<LineStatus, string>> = {
  eligible: '対象',
  ineligible: '対象外',
  undetermined: '判定保留',
  invalid: '入力エラー',
};

export const KIND_LABELS: Readonly<Record<MeasureKind, string>> = {
  'special-allocation-tax': '特別交付税',
  // The amount is what the measure adds to 基準財政需要額, not 普通交付税 received: say so.
  'ordinary-allocation-tax-estimate': '普通交付税（基準財政需要額の見込み）',
  'local-bond': '地方債',
  'national-subsidy': '国庫補助',
  'contract-expense': '委託経費',
  // The amount is what may be lent, not a grant.
  loan: 'ふるさと融資（貸付）',
  informational: '参考情報（算定なし）',
};
