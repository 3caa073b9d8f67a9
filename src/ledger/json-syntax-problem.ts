import { lineAndColumn } from './parse-ledger-text.js';
import { parseStrictJson, StrictJsonError } from './parse-strict-json.js';

/**
 * Where and why a text JSON.parse refused is not JSON, in Japanese (「3 行 14 列: 「,」か「}」が
 * 必要です（"]" があります）」): JSON.parse's own message is English and gives an offset only. The
 * strict reader accepts the same grammar, so it refuses the text too and says where.
 */
export function jsonSyntaxProblem(text: string): string {
  try {
    parseStrictJson(text, { exactNumbers: false, recordDepth: 0 });
  } catch (error) {
    if (error instanceof StrictJsonError)
      return `${lineAndColumn(text, error.offset)}: ${error.message}`;
    throw error;
  }
  // Not reached for text JSON.parse refused; said plainly should the two readers ever disagree.
  return 'JSON の書き方に誤りがあります';
}
