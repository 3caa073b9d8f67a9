import { checkCorporateNumber } from './check-corporate-number.js';
import { checkEntityCode } from './check-entity-code.js';
import type { ParseResult } from './parse-result.js';

/**
 * An entity's code: a 6-digit 全国地方公共団体コード, or for a `contractor` a 13-digit 法人番号.
 * Each form has its check digit verified; which kind may use which is checked with the kind. A
 * number of 12 to 14 digits is told what a 法人番号 must be (a digit dropped or doubled), not
 * that a 6-digit code was expected.
 */
export function checkEntityOrCorporateCode(input: unknown): ParseResult<string> {
  if (typeof input === 'string' && /^\s*[0-9０-９]{12,14}\s*$/u.test(input))
    return checkCorporateNumber(input);
  return checkEntityCode(input);
}
