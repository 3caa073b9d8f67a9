import { parsed, rejected, type ParseResult } from './parse-result.js';

const EXPECTED = 'a 6-digit 団体コード as a string, such as "392081"';
const EXPECTED_STRING =
  'a 6-digit 団体コード as a string, such as "392081" (a number loses leading zeros: 011002 becomes 11002)';

/** 全国地方公共団体コード: 6 digits, the last a modulus-11 check digit (docs/contract.md §1.1). */
export function checkEntityCode(input: unknown): ParseResult<string> {
  if (typeof input === 'number') return rejected(EXPECTED_STRING, input);
  if (typeof input !== 'string') return rejected(EXPECTED, input);
  const code = toAsciiDigits(input).trim();
  if (/^\d{5}$/u.test(code)) {
    // A 5-digit code is the common form without its check digit; say what the full code would be.
    return rejected(
      `a 6-digit 団体コード including its check digit ("${code}" would be "${code}${checkDigit(code)}")`,
      input,
    );
  }
  if (!/^\d{6}$/u.test(code)) return rejected(EXPECTED, input);
  const expected = checkDigit(code);
  const actual = Number(code[5]);
  if (actual !== expected) {
    return rejected(`a 6-digit 団体コード whose check digit is ${expected} (got ${actual})`, input);
  }
  return parsed(code);
}

/** Weights 6,5,4,3,2 over the first five digits; check = (11 − sum mod 11) mod 10. */
function checkDigit(code: string): number {
  let sum = 0;
  for (let i = 0; i < 5; i += 1) sum += Number(code[i]) * (6 - i);
  return (11 - (sum % 11)) % 10;
}

/** Full-width digits (and U+3000) → ASCII, so 「３９２０８１」 is read as "392081". */
function toAsciiDigits(text: string): string {
  return text
    .replace(/[０-９]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replaceAll('\u3000', ' ');
}
