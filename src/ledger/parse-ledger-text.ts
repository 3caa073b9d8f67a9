import { KofuzeiError } from '../core/kofuzei-error.js';
import { parseStrictJson, StrictJsonError } from './parse-strict-json.js';
import { sourceProblemsOf } from './source-problems.js';

/** "line 3, column 14" for a character offset into a text (both 1-based). */
export function lineAndColumn(text: string, offset: number): string {
  let line = 1;
  let start = 0;
  for (let at = text.indexOf('\n'); at >= 0 && at < offset; at = text.indexOf('\n', at + 1)) {
    line += 1;
    start = at + 1;
  }
  return `line ${line}, column ${offset - start + 1}`;
}

/** V8 quotes 10 characters either side of an unexpected token. */
const CONTEXT = 10;

/**
 * Where JSON.parse stopped, as "line L, column C: ", from V8's message: "at position N"; the end of
 * the text for a truncated file; or the quoted context around an unexpected token. "" if unknown.
 */
function jsonErrorPosition(text: string, message: string): string {
  const position = /at position (\d+)/u.exec(message);
  if (position !== null) return `${lineAndColumn(text, Number(position[1]))}: `;
  if (message.includes('end of JSON input')) return `${lineAndColumn(text, text.length)}: `;
  const context = /^Unexpected token .*?, (\.\.\.)?"([\s\S]*?)"(\.\.\.)? is not valid JSON$/u.exec(
    message,
  );
  if (context === null) return '';
  const [, before, snippet = '', after] = context;
  if (before !== undefined) {
    const start = text.indexOf(snippet);
    return start < 0 ? '' : `${lineAndColumn(text, start + CONTEXT)}: `;
  }
  return after !== undefined ? `${lineAndColumn(text, snippet.length - CONTEXT)}: ` : '';
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
  if (text.trim() === '') throw new KofuzeiError('LEDGER_UNREADABLE', `${path}: empty file`);
  let json: unknown;
  try {
    json = parseStrictJson(text, { exactNumbers: options.exactNumbers ?? true });
  } catch (error) {
    if (!(error instanceof StrictJsonError)) throw error;
    // JSON.parse's own message for text it refuses too (the wording users and tests know).
    try {
      JSON.parse(text);
    } catch (native) {
      const message = (native as Error).message;
      throw new KofuzeiError(
        'LEDGER_UNREADABLE',
        `${path}: ${jsonErrorPosition(text, message)}not valid JSON: ${message}`,
      );
    }
    throw new KofuzeiError(
      'LEDGER_UNREADABLE',
      `${path}: ${lineAndColumn(text, error.offset)}: not valid JSON: ${error.message}`,
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
