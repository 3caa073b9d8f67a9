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
 * Whether the message names its line already: the evaluation's begin with 「明細 L5: 」, the
 * reader's with the line's place, 「行 5（明細ID L5）: 」 or 「lines の 3 件目（明細ID L5、…）: 」
 * (linePlace).
 */
function namesItsLine(message: string, line: string): boolean {
  if (message.startsWith(`明細 ${line}: `)) return true;
  const place = message.slice(0, message.indexOf(': ') + 1);
  return place.includes(`（明細ID ${line}）`) || place.includes(`（明細ID ${line}、`);
}

/**
 * A warning as a list shows it, naming its line once. A group's warning names its entity, year
 * and measure instead, and gets 「明細 L5: 」 in front; one that names its line already is shown
 * as it is (the offline page used to prefix every one: 「明細 Y1: 明細 Y1: …」).
 */
export function warningText(warning: ReportWarning): string {
  if (warning.line === null || namesItsLine(warning.message, warning.line)) return warning.message;
  return `明細 ${warning.line}: ${warning.message}`;
}
