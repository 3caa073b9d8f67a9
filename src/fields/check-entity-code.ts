import { toAsciiDigits } from './ascii-digits.js';
import { parsed, rejected, type ParseResult } from './parse-result.js';

const EXPECTED = '6桁の団体コード（文字列、例: "392081"）';
const EXPECTED_STRING =
  '6桁の団体コード（文字列、例: "392081"。数値では先頭の0が消えます: 011002 は 11002 になります）';

/** 全国地方公共団体コード: 6 digits, the last a modulus-11 check digit (docs/contract.md §1.1). */
export function checkEntityCode(input: unknown): ParseResult<string> {
  if (typeof input === 'number') return rejected(EXPECTED_STRING, input);
  if (typeof input !== 'string') return rejected(EXPECTED, input);
  const code = toAsciiDigits(input).trim();
  if (/^\d{5}$/u.test(code)) {
    // A 5-digit code is the common form without its check digit; say what the full code would be.
    return rejected(
      `検査数字を含む6桁の団体コード（"${code}" なら "${code}${checkDigit(code)}"）`,
      input,
    );
  }
  if (!/^\d{6}$/u.test(code)) return rejected(EXPECTED, input);
  const expected = checkDigit(code);
  const actual = Number(code[5]);
  if (actual !== expected) {
    return rejected(
      `検査数字（6桁目）が ${expected} の団体コード（入力の6桁目は ${actual}。番号の写し間違いがないか確認してください）`,
      input,
    );
  }
  return parsed(code);
}

/** Weights 6,5,4,3,2 over the first five digits; check = (11 − sum mod 11) mod 10. */
function checkDigit(code: string): number {
  let sum = 0;
  for (let i = 0; i < 5; i += 1) sum += Number(code[i]) * (6 - i);
  return (11 - (sum % 11)) % 10;
}
