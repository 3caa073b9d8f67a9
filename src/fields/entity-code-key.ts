import { toAsciiDigits } from './ascii-digits.js';

/**
 * The code an entity is known by, from an `entity` or `code` as a ledger writes it: full-width
 * digits and spaces around a code of 6 digits (団体コード) or 13 (法人番号) are read as the entity
 * list reads them (checkEntityCode, checkCorporateNumber), so 「３９２０８１」 on a line finds the
 * entity listed as "392081", and either way the search of decisions.md §4.1 finds its record.
 * Any other text is returned as it is: it names no entity, and its error shows what was written.
 */
export function entityCodeKey(code: string): string {
  // The common case, a code written as the list keeps it, costs one test.
  if (ASCII_CODE.test(code)) return code;
  const digits = toAsciiDigits(code).trim();
  return ASCII_CODE.test(digits) ? digits : code;
}

const ASCII_CODE = /^(?:\d{6}|\d{13})$/u;
