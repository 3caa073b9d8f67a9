import type { ReportWarning } from '../schema/report.js';

/** The message without the 「明細 L5: 」 it may begin with (the evaluation's messages do). */
export function warningBody(warning: ReportWarning): string {
  if (warning.line === null) return warning.message;
  const prefix = `明細 ${warning.line}: `;
  return warning.message.startsWith(prefix)
    ? warning.message.slice(prefix.length)
    : warning.message;
}

/**
 * A warning as a list shows it, naming its line once: most messages begin with 「明細 L5: 」
 * already (the evaluation's), a reader's do not (PERSON_ID_NORMALIZED, DATE_SERIAL_READ …), and
 * the offline page used to add the prefix to both: 「明細 Y1: 明細 Y1: …」.
 */
export function warningText(warning: ReportWarning): string {
  return warning.line === null ? warning.message : `明細 ${warning.line}: ${warningBody(warning)}`;
}
