import { mebibytes } from './input-limits.js';
import { KofuzeiError } from './kofuzei-error.js';

/** Why a file could not be opened, for a clerk: the common system errors by name, others by code. */
function whyUnreadable(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'ファイルがありません';
  if (code === 'EACCES' || code === 'EPERM') return '読む権限がありません';
  if (code === 'EISDIR') return 'フォルダです';
  return typeof code === 'string' ? code : 'ファイルを開けません';
}

/** A ledger file that cannot be opened or read (every reader: .json, .jsonl, .csv, .xlsx). */
export function ledgerUnreadable(path: string, error: unknown): KofuzeiError {
  return new KofuzeiError('LEDGER_UNREADABLE', `${path}: 読めません（${whyUnreadable(error)}）`);
}

/**
 * A ledger file over the size a reader holds in memory (`extension`: .json, .csv or .xlsx):
 * JSON Lines is the way out, since it is read in bounded memory.
 */
export function ledgerTooLarge(path: string, limit: number, extension: string): KofuzeiError {
  return new KofuzeiError(
    'LEDGER_TOO_LARGE',
    `${path}: ${extension} の台帳の上限 ${mebibytes(limit)} を超えています。JSON Lines（.jsonl）で書き出してください（.jsonl は少ないメモリで読めるため大きさの上限がありません）`,
  );
}

/** A JSON file that parses but is not a ledger object (every command that reads one). */
export function notALedger(path: string): KofuzeiError {
  return new KofuzeiError(
    'LEDGER_UNUSABLE',
    `${path}: 台帳の形ではありません。"entities"（団体の配列）と "lines"（明細の配列）を持つ JSON オブジェクトが必要です`,
  );
}
