import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonNumber } from '../../../src/fields/json-number.js';
import { parseStrictJson, StrictJsonError } from '../../../src/ledger/parse-strict-json.js';
import { sourcePositionOf } from '../../../src/ledger/source-position.js';
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

describe('keys written twice at any depth, beside the records’ places', () => {
  it('notes the object with the key written twice and keeps each record’s line and column', () => {
    const text = [
      '{',
      '  "lines": [',
      '    {"id": "L1", "amount": "1"},',
      '    {"id": "L2", "amount": "2", "amount": "3"},',
      '    {"id": "L3", "facts": {"x": true, "x": false}}',
      '  ]',
      '}',
    ].join('\n');
    const value = parseStrictJson(text, { firstLine: 10 }) as { lines: object[] };
    expect(value).toEqual(JSON.parse(text));
    expect(value.lines.map((line) => sourcePositionOf(line))).toEqual([
      { line: 12, column: 5 },
      { line: 13, column: 5 },
      { line: 14, column: 5 },
    ]);
    expect(value.lines.map((line) => sourceProblemsOf(line).map((issue) => issue.field))).toEqual([
      [],
      ['amount'],
      [],
    ]);
    const facts = (value.lines[2] as { facts: object }).facts;
    expect(sourceProblemsOf(facts).map((issue) => [issue.field, issue.offset])).toEqual([
      ['x', text.lastIndexOf('"x"')],
    ]);
  });

  it('notes a key written twice at every depth, and only there', () => {
    // Objects nested 50 deep, each with its key "k" written twice and an "ok" written once.
    let text = '"leaf"';
    for (let level = 0; level < 50; level += 1) text = `{"ok": 1, "k": 0, "k": ${text}}`;
    const value = parseStrictJson(text);
    expect(value).toEqual(JSON.parse(text));
    let node = value as { k: unknown };
    for (let level = 0; level < 50; level += 1) {
      expect(sourceProblemsOf(node).map((issue) => issue.field)).toEqual(['k']);
      node = node.k as { k: unknown };
    }
    expect(node).toBe('leaf');
  });

  it('agrees with JSON.parse on generated objects with repeated keys', () => {
    // Leaves under keys that repeat; nested objects under keys of their own, so that no object
    // with a problem noted is overwritten by a later member (it would not be reachable to count).
    const key = fc.constantFrom('a', 'b', '__proto__', '1', '01', 'ａ');
    const leaf = fc.constantFrom('1', '"s"', 'true', 'null', '[]', '{}');
    const object: fc.Arbitrary<string> = fc.letrec<{ object: string }>((tie) => ({
      object: fc
        .array(
          fc.oneof(
            { depthSize: 'small' },
            fc.tuple(key, leaf),
            fc.tuple(fc.constant(''), tie('object')),
          ),
          { maxLength: 5 },
        )
        .map(
          (members) =>
            `{${members.map(([k, v], index) => `"${k === '' ? `o${String(index)}` : k}": ${v}`).join(', ')}}`,
        ),
    })).object;
    fc.assert(
      fc.property(object, (text) => {
        const value = parseStrictJson(text, { exactNumbers: false });
        expect(JSON.stringify(value)).toBe(JSON.stringify(JSON.parse(text)));
        // Each object notes one problem per member whose key an earlier member of it used.
        const counted = (node: unknown): number => {
          if (node === null || typeof node !== 'object') return 0;
          return (
            sourceProblemsOf(node).length +
            Object.values(node).reduce<number>((sum, item) => sum + counted(item), 0)
          );
        };
        const repeats = (source: string): number => {
          // The generated text has no strings with braces: count repeats object by object.
          let total = 0;
          const stack: Set<string>[] = [];
          for (const match of source.matchAll(/[{}]|"([^"]*)":/gu)) {
            if (match[0] === '{') stack.push(new Set());
            else if (match[0] === '}') stack.pop();
            else {
              const seen = stack.at(-1) as Set<string>;
              if (seen.has(match[1] as string)) total += 1;
              seen.add(match[1] as string);
            }
          }
          return total;
        };
        expect(counted(value)).toBe(repeats(text));
      }),
      { numRuns: 500 },
    );
  });
});
