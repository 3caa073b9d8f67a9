import { KofuzeiError } from '../../core/kofuzei-error.js';

/** What each csv-parse refusal means for a clerk, by csv-parse's error code. */
const MEANINGS: Readonly<Record<string, string>> = {
  CSV_QUOTE_NOT_CLOSED: '「"」で始まったセルが閉じられないままファイルが終わっています',
  CSV_INVALID_CLOSING_QUOTE: '「"」で囲んだセルの閉じる「"」の後に文字があります',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: '「"」で囲んだセルの閉じる「"」の後に文字があります',
  CSV_MAX_RECORD_SIZE: '1 行が長すぎます（閉じられていない「"」で行が続いている可能性があります）',
};

/**
 * The refusal of a CSV file csv-parse cannot read (both CSV readers, whole file and stream): the
 * line of the file it stopped at, what is wrong in Japanese, and csv-parse's own message in
 * brackets for whoever debugs the file.
 */
export function csvUnreadable(source: string, error: unknown): KofuzeiError {
  if (error instanceof KofuzeiError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const { code, lines } = (error ?? {}) as { code?: unknown; lines?: unknown };
  const meaning =
    (typeof code === 'string' ? MEANINGS[code] : undefined) ?? 'CSV の書式が正しくありません';
  const where = typeof lines === 'number' ? `（${lines} 行目）` : '';
  return new KofuzeiError(
    'LEDGER_UNUSABLE',
    `${source}: CSV として読めません${where}: ${meaning}（${message}）`,
  );
}
