import { toAsciiDigits } from './ascii-digits.js';
import { parsed, rejected, type ParseResult } from './parse-result.js';

const EXPECTED = '13桁の法人番号（文字列、例: "7000012050002"）';

/** 法人番号: 13 digits, the first a check digit over the 12-digit base (国税庁's published formula). */
export function checkCorporateNumber(input: unknown): ParseResult<string> {
  if (typeof input !== 'string') return rejected(EXPECTED, input);
  const number = toAsciiDigits(input).trim();
  if (!/^\d{13}$/u.test(number)) return rejected(EXPECTED, input);
  const expected = checkDigit(number.slice(1));
  const actual = Number(number[0]);
  if (actual !== expected) {
    return rejected(`検査数字（1桁目）が ${expected} の法人番号（入力の1桁目は ${actual}）`, input);
  }
  return parsed(number);
}

/**
 * check = 9 − (Σ Pn × Qn mod 9), Pn the n-th digit of the base counted from its right end,
 * Qn = 1 for odd n and 2 for even n. Always 1..9, so a leading 0 is never valid.
 */
function checkDigit(base: string): number {
  let sum = 0;
  for (let n = 1; n <= 12; n += 1) sum += Number(base[12 - n]) * (n % 2 === 1 ? 1 : 2);
  return 9 - (sum % 9);
}
