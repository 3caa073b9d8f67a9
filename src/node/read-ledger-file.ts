import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { INPUT_LIMITS } from '../core/input-limits.js';
import { ledgerTooLarge, ledgerUnreadable } from '../core/ledger-file-refusals.js';
import { KofuzeiError } from '../core/kofuzei-error.js';
import { parseLedgerText } from '../ledger/parse-ledger-text.js';

export { lineAndColumn } from '../ledger/parse-ledger-text.js';

export interface ReadLedgerFileOptions {
  /**
   * Number literals a double would not keep exactly (`1.0`, `5e5`, `99999999999999.999`) come back
   * as JsonNumber (so the normaliser can refuse them as amounts); false gives plain numbers, for
   * files that are not ledgers (a policy). Default true.
   */
  readonly exactNumbers?: boolean;
}

/**
 * Reads a ledger file as JSON (a UTF-8 BOM is allowed) with the strict reader: number literals
 * keep their text where a double would change them, and a key written twice in one object is noted
 * for the normaliser (a line or entity with one is invalid); twice at the top level, the file is
 * refused (LEDGER_DUPLICATE_KEY), since it is not known which `lines` or `entities` was meant.
 * Unreadable input throws a KofuzeiError naming the file and, for invalid JSON, the line and
 * column; files above INPUT_LIMITS.jsonBytes are refused before they are read.
 */
export function readLedgerFile(path: string, options: ReadLedgerFileOptions = {}): unknown {
  const extension = extname(path).toLowerCase();
  if (extension !== '.json') {
    throw new KofuzeiError(
      'LEDGER_FORMAT_UNSUPPORTED',
      `${path}: この読み方で読める台帳は .json ファイルです（${extension === '' ? '拡張子がありません' : `${extension} は読めません`}）`,
    );
  }
  let text: string;
  try {
    if (statSync(path).size > INPUT_LIMITS.jsonBytes)
      throw ledgerTooLarge(path, INPUT_LIMITS.jsonBytes, '.json');
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof KofuzeiError) throw error;
    throw ledgerUnreadable(path, error);
  }
  return parseLedgerText(text, path, options);
}
