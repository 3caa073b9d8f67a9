import { KofuzeiError } from '../core/kofuzei-error.js';

/** A sheet or CSV file that cannot be read as a ledger: `where` is 「行 1、列 B「金額」」-style. */
export function sheetUnusable(source: string, where: string, message: string): KofuzeiError {
  return new KofuzeiError('LEDGER_UNUSABLE', `${source}: ${where}: ${message}`);
}

/** The refusal of a sheet or CSV file with no row at all (row 1 is where the header belongs). */
export function emptySheet(source: string): KofuzeiError {
  return sheetUnusable(source, '行 1', 'ファイルが空です（行 1 に列名を書いた見出し行が必要です）');
}
