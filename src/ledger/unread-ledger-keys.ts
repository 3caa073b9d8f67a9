import type { ReportWarning } from '../schema/report.js';
import { noteLedgerWarning } from './source-problems.js';

/** What a ledger file's top level may hold besides entities and lines: an editor's schema link. */
const READ_OR_ALLOWED = new Set(['entities', 'lines', '$schema']);

/**
 * Notes, beside a ledger file's `entities` (the report's first warnings), the top-level keys the
 * file has that kofuzei does not read: `"Lines": [...]` written beside `"lines"` held lines that
 * were dropped with nothing said. Called by the file readers (the CLI's and the offline page's),
 * once per file read; `evaluate` of a caller's object does not warn (readers' results carry other
 * members, such as `headers`).
 */
export function noteUnreadLedgerKeys(
  record: Readonly<Record<string, unknown>> & { readonly entities: readonly unknown[] },
  source: string,
): void {
  const unread = Object.keys(record).filter((key) => !READ_OR_ALLOWED.has(key));
  if (unread.length === 0) return;
  const warning: ReportWarning = {
    code: 'UNKNOWN_FIELD',
    line: null,
    message:
      `${source}: 台帳の最上位の項目 ${unread.map((key) => JSON.stringify(key)).join('、')} は読みません` +
      '（読むのは "entities" と "lines" だけです）。明細があれば "lines" に入れてください',
  };
  noteLedgerWarning(record.entities, warning);
}
