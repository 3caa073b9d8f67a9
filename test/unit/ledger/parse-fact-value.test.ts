import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFactValue } from '../../../src/ledger/parse-fact-value.js';
import type { FactDefinition } from '../../../src/schema/glossary.js';
import { BOOLEAN_FORMS } from '../../../src/schema/ledger.js';

const BOOLEAN: FactDefinition = { type: 'boolean', label: 'flag', scope: 'line' };
const NUMBER: FactDefinition = { type: 'number', label: 'years', scope: 'line', unit: '年' };
const ENUM: FactDefinition = {
  type: 'enum',
  label: 'employment',
  scope: 'line',
  values: ['full-time', 'part-time'],
};
const OPEN_LIST: FactDefinition = {
  type: 'string-array',
  label: 'exams',
  scope: 'line',
  values: ['it-strategist', 'system-architect'],
  open: true,
  default: [],
};
const CLOSED_LIST: FactDefinition = { ...OPEN_LIST, open: false };

describe('parseFactValue', () => {
  describe('non-negative number facts (priorCounted, costs)', () => {
    const COUNTED: FactDefinition = { ...NUMBER, unit: '円', nonNegative: true };
    it.each([0, '0', '500000', '-0'])('accepts %j', (input) => {
      expect(parseFactValue(COUNTED, input).ok).toBe(true);
    });
    // A negative amount already counted cut the claim: 800,000 with -500,000 counted gave 300,000.
    it.each([-500000, '-500000', '-0.5'])('refuses %j', (input) => {
      expect(parseFactValue(COUNTED, input)).toEqual({
        ok: false,
        expected: '0 以上の数（負の数は入れられません）',
        received: JSON.stringify(input),
      });
    });
    it('a fact in 円 takes whole yen only: 19000000.5 moved a cap by a yen no note showed', () => {
      const YEN: FactDefinition = { ...NUMBER, unit: '円' };
      expect(parseFactValue(YEN, '19000000.5')).toEqual({
        ok: false,
        expected: '円単位の整数（例: 500000）',
        received: '"19000000.5"',
      });
      expect(parseFactValue(YEN, '19000000')).toEqual({ ok: true, value: '19000000' });
      expect(parseFactValue(NUMBER, '2.5')).toEqual({ ok: true, value: '2.5' });
    });
    it('a plain number fact still takes a negative value', () => {
      expect(parseFactValue(NUMBER, '-1')).toEqual({ ok: true, value: '-1' });
    });
  });

  describe('boolean facts', () => {
    it.each([true, false])('accepts %s', (value) => {
      expect(parseFactValue(BOOLEAN, value)).toEqual({ ok: true, value });
    });

    it.each([
      ['"yes"', 'yes', '"yes"'],
      ['"true"', 'true', '"true"'],
      ['1', 1, '1'],
      ['0', 0, '0'],
      ['null', null, 'null'],
    ])('rejects %s, naming what was expected and received', (_shown, input, received) => {
      expect(parseFactValue(BOOLEAN, input)).toEqual({
        ok: false,
        expected: BOOLEAN_FORMS,
        received,
      });
    });
  });

  describe('number facts', () => {
    it.each([
      [5, '5'],
      ['5', '5'],
      [' 7 ', '7'],
      ['5.50', '5.5'],
      [0, '0'],
      ['-2', '-2'],
      [2.5, '2.5'],
    ])('turns %j into the decimal string %j', (input, value) => {
      expect(parseFactValue(NUMBER, input)).toEqual({ ok: true, value });
    });

    it.each([['abc'], [''], ['1e3'], ['5年'], ['1,000'], [Number.NaN], [Infinity], [true], [null]])(
      'rejects %j',
      (input) => {
        const result = parseFactValue(NUMBER, input);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.expected).toContain('数');
      },
    );

    it('keeps every integer of any size exact', () => {
      fc.assert(
        fc.property(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), (value) => {
          expect(parseFactValue(NUMBER, value.toString())).toEqual({
            ok: true,
            value: value.toString(),
          });
        }),
        { numRuns: 200 },
      );
    });
  });

  describe('enum facts', () => {
    it('accepts a listed value', () => {
      expect(parseFactValue(ENUM, 'part-time')).toEqual({ ok: true, value: 'part-time' });
    });

    it.each([['contractor'], ['Full-Time'], [''], [1], [['full-time']]])('rejects %j', (input) => {
      const result = parseFactValue(ENUM, input);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.expected).toMatch(/^次のいずれか: full-time, part-time/);
    });

    const LABELLED: FactDefinition = {
      ...ENUM,
      valueLabels: { 'full-time': '常勤', 'part-time': '非常勤' },
    };

    it.each([
      ['常勤', 'full-time'],
      [' 非常勤 ', 'part-time'],
      ['part-time', 'part-time'],
    ])('reads the label %j as %j', (input, value) => {
      expect(parseFactValue(LABELLED, input)).toEqual({ ok: true, value });
    });

    it('lists each value with its label, and a near label as 「もしかして」', () => {
      const result = parseFactValue(LABELLED, '非常近');
      expect(result.ok).toBe(false);
      if (!result.ok)
        expect(result.expected).toBe(
          '次のいずれか: full-time（常勤）, part-time（非常勤）（もしかして: part-time（非常勤））',
        );
      // Without labels the label is not a value.
      expect(parseFactValue(ENUM, '常勤').ok).toBe(false);
    });
  });

  describe('string-array facts', () => {
    it('de-duplicates and sorts the list', () => {
      expect(
        parseFactValue(OPEN_LIST, ['system-architect', 'it-strategist', 'system-architect']),
      ).toEqual({ ok: true, value: ['it-strategist', 'system-architect'] });
    });

    it('accepts unlisted values when the list is open, not when it is closed', () => {
      expect(parseFactValue(OPEN_LIST, ['fe-exam'])).toEqual({ ok: true, value: ['fe-exam'] });
      expect(parseFactValue(CLOSED_LIST, ['fe-exam'])).toMatchObject({
        ok: false,
        expected: '次の値の一覧: it-strategist, system-architect',
      });
    });

    it('accepts the empty list', () => {
      expect(parseFactValue(OPEN_LIST, [])).toEqual({ ok: true, value: [] });
    });

    it.each([['it-strategist'], [['']], [[1]], [null], [{ 0: 'it-strategist' }]])(
      'rejects %j',
      (input) => {
        expect(parseFactValue(OPEN_LIST, input)).toMatchObject({
          ok: false,
          expected: '文字列の一覧',
        });
      },
    );

    it('gives the same value whatever the order of the input', () => {
      fc.assert(
        fc.property(
          fc.array(fc.constantFrom('it-strategist', 'system-architect', 'other-exam'), {
            maxLength: 6,
          }),
          (list) => {
            const reversed = [...list].reverse();
            expect(parseFactValue(OPEN_LIST, list)).toEqual(parseFactValue(OPEN_LIST, reversed));
          },
        ),
      );
    });
  });
});
