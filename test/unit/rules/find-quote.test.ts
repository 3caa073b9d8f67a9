import { describe, expect, it } from 'vitest';
import { findQuote } from '../../../src/rules/find-quote.js';
import type { Source } from '../../../src/schema/source.js';

const DOCUMENT = [
  '第一行',
  '対象経費の合計額に 0.7 を乗じて得た額',
  '上限額 100万円',
  '第四行',
].join('\n');

function source(lines: string, quote: string): Source {
  return { file: 'doc.txt', lines, quote };
}

describe('findQuote', () => {
  it('finds a quote verbatim on its cited line', () => {
    expect(findQuote(source('2', '0.7 を乗じて'), DOCUMENT)).toBeNull();
  });

  it('finds a quote spanning the lines of its range', () => {
    expect(findQuote(source('2-3', '得た額\n上限額'), DOCUMENT)).toBeNull();
  });

  it('finds each fragment of a quote joined by " … " within the range', () => {
    expect(findQuote(source('1-4', '第一行 … 100万円 … 第四行'), DOCUMENT)).toBeNull();
  });

  it('reads documents with CRLF line ends', () => {
    expect(findQuote(source('3', '上限額 100万円'), DOCUMENT.replace(/\n/g, '\r\n'))).toBeNull();
  });

  it('does not find a quote that is only outside its cited lines', () => {
    expect(findQuote(source('3', '0.7 を乗じて'), DOCUMENT)).toBe(
      '引用が資料 doc.txt の 3 行に一字一句そのままでは見つかりません: "0.7 を乗じて"',
    );
  });

  it('names only the missing fragments', () => {
    expect(findQuote(source('1-4', '第一行 … 0.8 を乗じて … 第四行'), DOCUMENT)).toBe(
      '引用が資料 doc.txt の 1-4 行に一字一句そのままでは見つかりません: "0.8 を乗じて"',
    );
  });

  it('shortens a long missing fragment to 60 characters', () => {
    const long = 'あ'.repeat(80);
    expect(findQuote(source('1', long), DOCUMENT)).toBe(
      `引用が資料 doc.txt の 1 行に一字一句そのままでは見つかりません: "${'あ'.repeat(60)}…"`,
    );
  });

  it.each(['0', '5', '3-2', '4-5'])(
    'reports the line range %s as outside the document',
    (lines) => {
      expect(findQuote(source(lines, '第一行'), DOCUMENT)).toBe(
        `引用の行 ${lines} が資料 doc.txt の範囲外です（資料は 4 行）`,
      );
    },
  );
});
