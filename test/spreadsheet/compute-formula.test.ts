import { describe, expect, it } from 'vitest';
import { Yen } from '../../src/core/yen.js';
import {
  computeFormula,
  sameNumber,
  type FormulaCell,
} from '../../src/spreadsheet/xlsx/compute-formula.js';

/** A1 = 5, A2 = 7, A3 = "x", A4 = TRUE, B1 = =A1*2, B2 = =B3, B3 = =B2 (circular). */
const CELLS: Readonly<Record<string, FormulaCell>> = {
  '1,1': 5,
  '2,1': 7,
  '3,1': 'x',
  '4,1': true,
  '1,2': { formula: 'A1*2' },
  '2,2': { formula: 'B3' },
  '3,2': { formula: 'B2' },
};
const lookup = (row: number, column: number): FormulaCell => CELLS[`${row},${column}`] ?? null;

function value(formula: string): string | undefined {
  const result = computeFormula(formula, lookup);
  return result.ok ? result.value.toString() : undefined;
}

function reason(formula: string): string | undefined {
  const result = computeFormula(formula, lookup);
  return result.ok ? undefined : result.reason;
}

describe('computeFormula (the check of a formula cell saved value)', () => {
  it('computes literals, + - * /, parentheses and unary minus exactly', () => {
    expect(value('=100*12000')).toBe('1200000');
    expect(value('1+2*3')).toBe('7');
    expect(value('-(1+2)*-3')).toBe('9');
    expect(value(' 0.1 + 0.2 ')).toBe('0.3');
    expect(value('1e3/4')).toBe('250');
  });

  it('reads cells of the same sheet ($ allowed), empty as 0, and computes formulas they hold', () => {
    expect(value('A1+$A$2')).toBe('12');
    expect(value('A9+1')).toBe('1');
    expect(value('B1+1')).toBe('11');
  });

  it('sums ranges and lists, passing over text and booleans as SUM does', () => {
    expect(value('SUM(A1:A4)')).toBe('12');
    expect(value('sum(A1,A2,3)')).toBe('15');
    expect(value('SUM(A1:B1)*0.1')).toBe('1.5');
    expect(value('SUM()')).toBe('0');
  });

  it('does not compute what it cannot compute exactly, saying why', () => {
    expect(reason('ROUND(A1,0)')).toBe('ROUND');
    expect(reason("'他のシート'!A1")).toBeDefined();
    expect(reason('Sheet2!A1')).toBeDefined();
    expect(reason('A3+1')).toBe('a cell that is not a number');
    expect(reason('1/0')).toBe('division by zero');
    expect(reason('B2')).toBe('a circular reference');
    expect(reason('A1:A2')).toBe('a range outside SUM');
    expect(reason('1+')).toBe('an incomplete formula');
    expect(reason('"a"&"b"')).toBeDefined();
    expect(reason('2^3')).toBeDefined();
  });

  it('compares a saved number to 15 significant digits, as Excel keeps it', () => {
    expect(sameNumber(0.30000000000000004, new Yen('0.3'))).toBe(true);
    expect(sameNumber(5, new Yen(5).dividedBy(3).times(3))).toBe(true);
    expect(sameNumber(900000, new Yen(1200000))).toBe(false);
    expect(sameNumber(1200001, new Yen(1200000))).toBe(false);
  });
});
