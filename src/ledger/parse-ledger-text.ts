import { KofuzeiError } from '../core/kofuzei-error.js';
import { parseStrictJson, StrictJsonError } from './parse-strict-json.js';
import { sourceProblemsOf } from './source-problems.js';

/** "3 行 14 列" for a character offset into a text (both 1-based). */
export function lineAndColumn(text: string, offset: number): string {
  let line = 1;
  let start = 0;
  for (let at = text.indexOf('\n'); at >= 0 && at < offset; at = text.indexOf('\n', at + 1)) {
    line += 1;
    start = at + 1;
  }
  return `${line} 行 ${columnAt(text, start, offset)} 列`;
}

/**
 * The 1-based column of `offset` on a line starting at `start`, in characters as an editor counts
 * them: a character outside the BMP (an emoji, 𠮷) is one, not its two UTF-16 units.
 */
export function columnAt(text: string, start: number, offset: number): number {
  let column = 1;
  for (let at = start; at < offset; at += 1) {
    const unit = text.charCodeAt(at);
    // The high half of a pair is counted, its low half not.
    if (unit < 0xdc00 || unit > 0xdfff || at === start) column += 1;
    else if (!isHighSurrogate(text.charCodeAt(at - 1))) column += 1;
  }
  return column;
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

export interface ParseLedgerTextOptions {
  /**
   * Number literals a double would not keep exactly (`1.0`, `5e5`, `99999999999999.999`) come back
   * as JsonNumber (so the normaliser can refuse them as amounts); false gives plain numbers, for
   * files that are not ledgers (a policy). Default true.
   */
  readonly exactNumbers?: boolean;
}

/**
 * A ledger file's text parsed as JSON (a UTF-8 BOM is allowed) with the strict reader: number
 * literals keep their text where a double would change them, and a key written twice in one object
 * is noted for the normaliser; twice at the top level, the file is refused (LEDGER_DUPLICATE_KEY).
 * Invalid JSON throws a KofuzeiError naming `path` and the line and column. No file system: the
 * CLI (node/read-ledger-file.ts) and the offline web page read the bytes their own way.
 */
export function parseLedgerText(
  text: string,
  path: string,
  options: ParseLedgerTextOptions = {},
): unknown {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '')
    throw new KofuzeiError(
      'LEDGER_UNREADABLE',
      `${path}: ファイルが空です（台帳の JSON が書かれていません）`,
    );
  let json: unknown;
  try {
    json = parseStrictJson(text, { exactNumbers: options.exactNumbers ?? true });
  } catch (error) {
    if (!(error instanceof StrictJsonError)) throw error;
    throw new KofuzeiError(
      'LEDGER_UNREADABLE',
      `${path}: JSON として読めません（${lineAndColumn(text, error.offset)}）: ${error.message}`,
    );
  }
  const [duplicate] = sourceProblemsOf(json);
  if (duplicate !== undefined)
    throw new KofuzeiError(
      'LEDGER_DUPLICATE_KEY',
      `${path}: ${lineAndColumn(text, duplicate.offset ?? 0)}: 最上位のキー ${JSON.stringify(duplicate.field)} が2度書かれています（${duplicate.received}）。どちらが正しいか決められないため読み込みません`,
    );
  return json;
}
