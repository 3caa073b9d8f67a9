import { JsonNumber } from './json-number.js';
import { rejected, type ParseResult } from './parse-result.js';
import { parseYen } from './parse-yen.js';

const EXPECTED_LITERAL =
  '整数の円（JSON の数値なら小数点も指数もない整数、例 3600000、または "3,600,000円" のような文字列）';
const EXPECTED_RANGE = '整数の円（絶対値 999,999,999,999,999 以下）';

/**
 * A line's amount: parseYen, and a number literal the strict JSON reader kept as text because a
 * double would have changed it (`1.0`, `5e5`, `99999999999999.999`, 20 digits) is refused with that
 * text as received, where JSON.parse would have handed parseYen a rounded integer.
 */
export function parseAmount(input: unknown): ParseResult<string> {
  if (input instanceof JsonNumber)
    return rejected(/^-?\d+$/u.test(input.text) ? EXPECTED_RANGE : EXPECTED_LITERAL, input);
  return parseYen(input);
}
