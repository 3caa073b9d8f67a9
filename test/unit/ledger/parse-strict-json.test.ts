import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonNumber } from '../../../src/fields/json-number.js';
import { parseStrictJson, StrictJsonError } from '../../../src/ledger/parse-strict-json.js';
import { sourceProblemsOf } from '../../../src/ledger/source-problems.js';

/** A parsed value with every JsonNumber replaced by the double JSON.parse would have made. */
function asDoubles(value: unknown): unknown {
  if (value instanceof JsonNumber) return Number(value.text);
  if (Array.isArray(value)) return value.map(asDoubles);
  if (value !== null && typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value))
      Object.defineProperty(copy, key, {
        value: asDoubles(item),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    return copy;
  }
  return value;
}

/** parseStrictJson's outcome in JSON.parse's terms: the value, or "throws". */
function strict(text: string, exactNumbers: boolean): unknown {
  try {
    return asDoubles(parseStrictJson(text, { exactNumbers }));
  } catch (error) {
    expect(error).toBeInstanceOf(StrictJsonError);
    return 'throws';
  }
}

function native(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return 'throws';
  }
}

describe('parseStrictJson reads what JSON.parse reads, and refuses what it refuses', () => {
  it('agrees on any JSON value, however spaced', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(undefined, 1, '\t', ' \r\n '), (value, space) => {
        const text = JSON.stringify(value, null, space);
        expect(strict(text, false)).toEqual(JSON.parse(text));
        expect(strict(text, true)).toEqual(JSON.parse(text));
      }),
      { numRuns: 500 },
    );
  });

  it('agrees on near-JSON text (cut, spliced, mistyped)', () => {
    const pieces = fc.constantFrom(
      '{',
      '}',
      '[',
      ']',
      ',',
      ':',
      '"a"',
      '"\\u00e9"',
      '"\\x"',
      '"\\',
      '1',
      '-0',
      '01',
      '1.',
      '.5',
      '1e',
      '1e+2',
      '-',
      'true',
      'tru',
      'null',
      'nul',
      ' ',
      '\n',
      '"\t"',
      '"é"',
      '1.5E-3',
      '\u00a0',
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        expect(strict(text, true)).toEqual(native(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps "__proto__" an own key, as JSON.parse does', () => {
    const value = parseStrictJson('{"__proto__": {"polluted": true}}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.hasOwn(value, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reads values nested 100,000 deep without overflowing the stack', () => {
    const text = `{"a":${'['.repeat(100_000)}1${']'.repeat(100_000)}}`;
    // Walked down by a loop: a recursive deep-equal (or JSON.stringify) would overflow itself.
    let value = (parseStrictJson(text) as { a: unknown }).a;
    let depth = 0;
    while (Array.isArray(value) && value.length === 1) {
      value = value[0];
      depth += 1;
    }
    expect([depth, value]).toEqual([100_000, 1]);
    expect(() => parseStrictJson(`${'['.repeat(100_000)}1${']'.repeat(99_999)}`)).toThrow(
      StrictJsonError,
    );
  });
});

describe('number literals a double would change are kept as their text', () => {
  it.each([
    ['99999999999999.999', true],
    ['1000.00000000000001', true],
    ['1.0', true],
    ['5e5', true],
    ['1E3', true],
    ['-0.5', true],
    ['9007199254740993', true],
    ['12345678901234567890', true],
    ['9007199254740991', false],
    ['999999999999999', false],
    ['-42', false],
    ['0', false],
  ])('%s → JsonNumber: %s', (literal, kept) => {
    const value = (parseStrictJson(`{"amount": ${literal}}`) as Record<string, unknown>).amount;
    if (kept) expect(value).toEqual(new JsonNumber(literal));
    else expect(value).toBe(Number(literal));
    // exactNumbers: false is JSON.parse's number.
    expect(
      (
        parseStrictJson(`{"amount": ${literal}}`, { exactNumbers: false }) as Record<
          string,
          unknown
        >
      ).amount,
    ).toBe(Number(literal));
  });
});

describe('a key written twice is noted on its object, with both values and where', () => {
  it('notes the line, not its parent; the later value is kept as JSON.parse does', () => {
    const text = '{"lines": [{"amount": "1", "id": "L1", "amount": "9999"}]}';
    const value = parseStrictJson(text) as { lines: Record<string, unknown>[] };
    const line = value.lines[0] as Record<string, unknown>;
    expect(line.amount).toBe('9999');
    expect(sourceProblemsOf(value)).toEqual([]);
    const [issue] = sourceProblemsOf(line);
    expect(issue?.field).toBe('amount');
    expect(issue?.received).toContain('"1" と "9999"');
    expect(issue?.offset).toBe(text.lastIndexOf('"amount"'));
  });

  it('notes each repetition, number literals as written', () => {
    const line = parseStrictJson('{"a": 1.50, "a": 2, "a": [1, 2]}');
    expect(sourceProblemsOf(line).map((issue) => issue.received)).toEqual([
      expect.stringContaining('1.50 と 2'),
      expect.stringContaining('2 と [1, 2]'),
    ]);
  });
});
