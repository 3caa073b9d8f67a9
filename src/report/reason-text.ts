import type { Reason } from '../schema/report.js';

/** A default value as the ledger's template offers it: はい / いいえ, a list's items, or なし. */
function shownValue(value: unknown): string {
  if (value === true) return 'はい';
  if (value === false) return 'いいえ';
  if (Array.isArray(value)) return value.length === 0 ? 'なし' : value.map(String).join('・');
  return String(value);
}

/**
 * A reason as a clerk reads it: its condition, and — where the line left the fact blank and the
 * glossary's default decided — what the blank was read as (「（空欄のため「いいえ」として判定）」).
 * A clerk who left 「同等以上の知見を有する」 blank otherwise sees a failed condition they never answered.
 */
export function reasonText(reason: Reason): string {
  if (reason.defaulted !== true) return reason.text;
  return `${reason.text}（空欄のため「${shownValue(reason.actual)}」として判定）`;
}
