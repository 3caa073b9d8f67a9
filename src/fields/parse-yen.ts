import { parsed, rejected, type ParseResult } from './parse-result.js';

/** At most 15 digits: ¥999,999,999,999,999 (¥1,000兆 − 1), comfortably inside Number.MAX_SAFE_INTEGER. */
export const MAX_YEN_DIGITS = 15;

const BOUND = '絶対値 999,999,999,999,999 以下';
const EXPECTED = `整数の円（例: 3600000、"3,600,000円"。${BOUND}）`;
const EXPECTED_INTEGER = `小数や指数のない整数の円（例: 3600000、"3,600,000円"。${BOUND}）`;
const EXPECTED_RANGE = `${MAX_YEN_DIGITS} 桁以内の整数の円（${BOUND}）`;

/**
 * Optional sign (ASCII, U+2212 or the accounting marks △/▲), optional ¥ on either side of the sign
 * (Excel's ja-JP currency format writes "¥-1,000"; others write "-¥1,000"), digits either plain or
 * grouped by commas in thousands positions, optional 円. No inner whitespace: "1 000" is ambiguous.
 * A grouped amount starts with a digit other than 0: "00,100" and "0,000" are no way of writing
 * an amount, so no reading of them (100? 0?) is taken.
 */
const YEN_PATTERN = /^(?:¥?([-−△▲])?¥?)(\d+|[1-9]\d{0,2}(?:,\d{3})+)円?$/u;

/** A canonical integer string of at most 15 digits ("0", "-1200"; no "-0", no leading zeros). */
const CANONICAL = /^(?:0|-?[1-9]\d{0,14})$/u;

/**
 * Integer yen → canonical integer string ("-1200", "0"; never "-0", no leading zeros).
 *
 * @example
 * ```ts
 * import { parseYen } from 'kofuzei';
 *
 * console.log(parseYen('△1,200円'));
 * // → { ok: true, value: '-1200' }
 * console.log(parseYen('￥3,600,000'));
 * // → { ok: true, value: '3600000' }
 * const fraction = parseYen('12.5');
 * if (!fraction.ok) console.log(fraction.received, fraction.expected.startsWith('小数や指数のない'));
 * // → "12.5" true
 * ```
 */
export function parseYen(input: unknown): ParseResult<string> {
  // Already canonical (the usual case in a big ledger): no normalisation to do.
  if (typeof input === 'string' && CANONICAL.test(input)) return parsed(input);
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return rejected(EXPECTED, input);
    if (!Number.isInteger(input)) return rejected(EXPECTED_INTEGER, input);
    if (!Number.isSafeInteger(input)) return rejected(EXPECTED_RANGE, input);
    // A safe integer stringifies without exponent; the digit check below enforces the bound.
    return canonical(input < 0, String(Math.abs(input)), input);
  }
  if (typeof input === 'bigint') {
    const negative = input < 0n;
    return canonical(negative, String(negative ? -input : input), input);
  }
  if (typeof input !== 'string') return rejected(EXPECTED, input);

  const text = toHalfWidth(yenForBackslash(input.trim())).trim();
  const match = YEN_PATTERN.exec(text);
  if (match === null) {
    // Name the usual mistakes precisely; everything else gets the general form.
    if (/^[-−△▲¥]*\d[\d,]*(?:\.\d*|[eE][-+]?\d+)/u.test(text)) {
      return rejected(EXPECTED_INTEGER, input);
    }
    return rejected(EXPECTED, input);
  }
  const [, sign, digits = ''] = match;
  // The ¥ may appear once at most; the pattern allows it on both sides of the sign.
  if (text.indexOf('¥') !== text.lastIndexOf('¥')) return rejected(EXPECTED, input);
  return canonical(sign !== undefined, digits.replaceAll(',', ''), input);
}

function canonical(negative: boolean, digits: string, input: unknown): ParseResult<string> {
  const significant = digits.replace(/^0+(?=\d)/u, '');
  if (significant.length > MAX_YEN_DIGITS) return rejected(EXPECTED_RANGE, input);
  if (significant === '0') return parsed('0');
  return parsed(negative ? `-${significant}` : significant);
}

/**
 * Byte 0x5C is the yen sign in Japanese Excel's Shift_JIS CSV, but CP932 decodes it as a
 * backslash: \1,000, -\1,000 and \-1,000 mean ¥. Only a leading currency sign (first, or right
 * after the sign) is read so; a backslash anywhere else stays, and the amount is refused.
 */
function yenForBackslash(text: string): string {
  return text.replace(/^([-−△▲\uFF0D]?)\\/u, '$1¥');
}

/** Full-width ASCII (digits, comma, minus, letters) and ￥ / U+3000 → their half-width forms. */
function toHalfWidth(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replaceAll('\uFFE5', '¥')
    .replaceAll('\u3000', ' ');
}
