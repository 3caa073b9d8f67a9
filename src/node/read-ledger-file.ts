import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { KofuzeiError } from '../errors/kofuzei-error.js';

/** Reads a ledger file as JSON (a UTF-8 BOM is allowed). Unreadable input throws with the file and position. */
export function readLedgerFile(path: string): unknown {
  const extension = extname(path).toLowerCase();
  if (extension !== '.json') {
    throw new KofuzeiError(
      'LEDGER_FORMAT_UNSUPPORTED',
      `${path}: ledgers are read from .json files (got ${extension === '' ? 'no extension' : extension})`,
    );
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new KofuzeiError('LEDGER_UNREADABLE', `${path}: cannot be read`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new KofuzeiError(
      'LEDGER_UNREADABLE',
      `${path}: not valid JSON: ${(error as Error).message}`,
    );
  }
}
