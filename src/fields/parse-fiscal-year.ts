import { parsed, rejected, type ParseResult } from './parse-result.js';

const MIN_YEAR = 1900;
const MAX_YEAR = 2200;

const EXPECTED = '年度（例: 2025、"2025年度"、"R7"、"令和7年度"、"R元"）';
const EXPECTED_RANGE = `${MIN_YEAR}〜${MAX_YEAR} の年度`;

interface Era {
  readonly name: string;
  /** Gregorian year = offset + era year. */
  readonly offset: number;
  /**
   * Last era year used for a fiscal year: 平成31年度 = 2019 by convention (the year began under 平成);
   * 昭和64年 (1989-01-01..07) fell inside 昭和63年度, so no 年度 is 昭和64.
   */
  readonly last: number | undefined;
}

// docs/decisions.md §5.2. Only the era start/end *years* matter for a 年度; day spans are parse-date's concern.
const ERAS: Readonly<Record<string, Era>> = {
  令和: { name: '令和', offset: 2018, last: undefined },
  平成: { name: '平成', offset: 1988, last: 31 },
  昭和: { name: '昭和', offset: 1925, last: 63 },
};
const ERA_BY_LETTER: Readonly<Record<string, string>> = { R: '令和', H: '平成', S: '昭和' };

const GREGORIAN_PATTERN = /^(\d{4})\s*(?:年度)?$/u;
// 「令和 7 年度」 has stray spaces in the sources (A-41 of rules/assumptions.json, docs/decisions.md §5.3); 元 = 1. "令和7年" (a calendar year) is not a 年度.
const ERA_PATTERN = /^(令和|平成|昭和|[RHS])\s*(元|\d{1,3})\s*(?:年度)?$/u;

/** A 会計年度 in any notation → the Gregorian year in which it starts (April). */
export function parseFiscalYear(input: unknown): ParseResult<number> {
  if (typeof input === 'number') {
    if (!Number.isInteger(input)) return rejected(EXPECTED, input);
    return inRange(input, input);
  }
  if (typeof input !== 'string') return rejected(EXPECTED, input);

  const text = toHalfWidth(input).trim().toUpperCase();
  const gregorian = GREGORIAN_PATTERN.exec(text);
  if (gregorian !== null) return inRange(Number(gregorian[1]), input);

  const era = ERA_PATTERN.exec(text);
  if (era === null) return rejected(EXPECTED, input);
  const [, eraToken = '', yearToken = ''] = era;
  const info = ERAS[ERA_BY_LETTER[eraToken] ?? eraToken];
  if (info === undefined) return rejected(EXPECTED, input);
  const n = yearToken === '元' ? 1 : Number(yearToken);
  if (n < 1 || (info.last !== undefined && n > info.last)) {
    const span =
      info.last === undefined
        ? `${info.name}元年度以降（${info.name}元年度 = ${info.offset + 1}）`
        : `${info.name}元年度〜${info.name}${info.last}年度（${info.offset + 1}〜${info.offset + info.last}）`;
    return rejected(`${span}の年度`, input);
  }
  return inRange(info.offset + n, input);
}

function inRange(year: number, input: unknown): ParseResult<number> {
  return year >= MIN_YEAR && year <= MAX_YEAR ? parsed(year) : rejected(EXPECTED_RANGE, input);
}

/** Full-width ASCII (digits, letters) and U+3000 → half-width, so 「Ｒ７」 reads as "R7". */
function toHalfWidth(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replaceAll('\u3000', ' ');
}
