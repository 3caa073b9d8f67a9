import { isCalendarDay } from './calendar-day.js';
import { parsed, rejected, type ParseResult } from './parse-result.js';

const MIN_YEAR = 1900;
const MAX_YEAR = 2200;

const EXPECTED = '日付（例: "2025-06-30"、"2025/6/30"、"令和7年6月30日"、"R7.6.30"）';
const EXPECTED_STRING =
  '文字列の日付（例: "2025-06-30"。Date オブジェクトや数値は、時間帯や表計算ソフトによって日が変わるため受け付けません）';
const EXPECTED_NO_TIME = '時刻のない日付（例: 2025-06-30。0:00:00 の時刻は付いていても構いません）';
const EXPECTED_REAL = '暦にある日付（例: 2025-06-30）';
const EXPECTED_RANGE = `${MIN_YEAR}年〜${MAX_YEAR}年の日付`;

interface Era {
  readonly name: string;
  /** Gregorian year = offset + era year. */
  readonly offset: number;
  /** First and last day as yyyymmdd integers (docs/decisions.md §5.2). */
  readonly first: number;
  readonly last: number | undefined;
}

const ERAS: Readonly<Record<string, Era>> = {
  令和: { name: '令和', offset: 2018, first: 2019_05_01, last: undefined },
  平成: { name: '平成', offset: 1988, first: 1989_01_08, last: 2019_04_30 },
  昭和: { name: '昭和', offset: 1925, first: 1926_12_25, last: 1989_01_07 },
};
const ERA_BY_LETTER: Readonly<Record<string, string>> = { R: '令和', H: '平成', S: '昭和' };

// The same separator throughout: "2025-06-30", "2025/6/30", "2025.6.30".
const GREGORIAN_NUMERIC = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/u;
const GREGORIAN_KANJI = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$/u;
const ERA_KANJI = /^(令和|平成|昭和|[RHS])\s*(元|\d{1,2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$/u;
const ERA_NUMERIC = /^(令和|平成|昭和|[RHS])\s*(元|\d{1,2})([./])(\d{1,2})\3(\d{1,2})$/u;
// A datetime at midnight (「2025-05-15 0:00:00」, 「2025-05-15T00:00:00」, as spreadsheets and
// pandas write a date) is that date; any other time of day is refused, since which day was meant
// (UTC? local?) is unknown.
const ZERO_TIME = /^(\S+)(?:\s+|T)0?0:00(?::00(?:\.0+)?)?$/u;
// Only for the message: a clock time anywhere means the input was a datetime.
const TIME_PART = /\d{1,2}:\d{2}|\d\s*時/u;

/** A calendar date in ISO, slash, dotted or 和暦 notation → "YYYY-MM-DD". */
export function parseDate(input: unknown): ParseResult<string> {
  if (typeof input !== 'string') return rejected(EXPECTED_STRING, input);
  const full = toHalfWidth(input).trim().toUpperCase();
  const text = ZERO_TIME.exec(full)?.[1] ?? full;

  let match = GREGORIAN_NUMERIC.exec(text);
  if (match !== null) return gregorian(match[1], match[3], match[4], input);
  match = GREGORIAN_KANJI.exec(text);
  if (match !== null) return gregorian(match[1], match[2], match[3], input);
  match = ERA_KANJI.exec(text);
  if (match !== null) return japanese(match[1], match[2], match[3], match[4], input);
  match = ERA_NUMERIC.exec(text);
  if (match !== null) return japanese(match[1], match[2], match[4], match[5], input);

  return rejected(TIME_PART.test(text) ? EXPECTED_NO_TIME : EXPECTED, input);
}

function gregorian(
  yearToken: string | undefined,
  monthToken: string | undefined,
  dayToken: string | undefined,
  input: unknown,
): ParseResult<string> {
  const year = Number(yearToken);
  if (year < MIN_YEAR || year > MAX_YEAR) return rejected(EXPECTED_RANGE, input);
  return calendarDate(year, Number(monthToken), Number(dayToken), input);
}

function japanese(
  eraToken: string | undefined,
  yearToken: string | undefined,
  monthToken: string | undefined,
  dayToken: string | undefined,
  input: unknown,
): ParseResult<string> {
  const era = ERAS[ERA_BY_LETTER[eraToken ?? ''] ?? eraToken ?? ''];
  if (era === undefined) return rejected(EXPECTED, input);
  const n = yearToken === '元' ? 1 : Number(yearToken);
  const year = era.offset + n;
  const result = calendarDate(year, Number(monthToken), Number(dayToken), input);
  if (!result.ok) return result;
  // Era years are not fiscal years here: 令和元年 starts 1 May 2019, 平成31年 ends 30 April 2019.
  const key = Number(result.value.replaceAll('-', ''));
  if (n < 1 || key < era.first || (era.last !== undefined && key > era.last)) {
    const span =
      era.last === undefined
        ? `${isoOf(era.first)} 以降`
        : `${isoOf(era.first)} から ${isoOf(era.last)} まで`;
    return rejected(`${era.name}の日付（${span}）`, input);
  }
  return result;
}

function calendarDate(
  year: number,
  month: number,
  day: number,
  input: unknown,
): ParseResult<string> {
  // Days in the month (leap years included) come from date-fns.
  if (!isCalendarDay(year, month, day)) {
    return rejected(EXPECTED_REAL, input);
  }
  return parsed(`${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`);
}

function isoOf(yyyymmdd: number): string {
  const text = String(yyyymmdd);
  return `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}`;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** Full-width ASCII (digits, letters, ／, ．, －) and U+3000 → half-width, so 「令和７年６月３０日」 parses. */
function toHalfWidth(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replaceAll('\u3000', ' ');
}
