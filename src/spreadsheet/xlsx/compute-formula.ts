import { Yen } from '../../core/yen.js';

/** What a formula may refer to: a value, a formula of its own, or nothing (an empty cell). */
export type FormulaCell = number | string | boolean | Date | { readonly formula: string } | null;

/** A cell of the same sheet, 1-based. */
export type CellLookup = (row: number, column: number) => FormulaCell;

export type FormulaResult =
  { readonly ok: true; readonly value: Yen } | { readonly ok: false; readonly reason: string };

class Unsupported extends Error {}

/** How many cells one formula (with the formulas it refers to) may visit before giving up. */
const MAX_CELLS = 100_000;
const MAX_DEPTH = 64;

type Token =
  | { readonly type: 'number'; readonly text: string }
  | { readonly type: 'ref'; readonly row: number; readonly column: number }
  | { readonly type: 'name'; readonly text: string }
  | { readonly type: 'op'; readonly text: string };

function columnNumber(letters: string): number {
  let number = 0;
  for (const letter of letters.toUpperCase()) number = number * 26 + letter.charCodeAt(0) - 64;
  return number;
}

function tokenize(formula: string): Token[] {
  const tokens: Token[] = [];
  const pattern =
    /\s*(?:(\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|\$?([A-Za-z]{1,3})\$?(\d+)(?![A-Za-z0-9_(!.])|([A-Za-z_][A-Za-z0-9_.]*)|([-+*/(),:]))/y;
  const text = formula.replace(/^\s*=/, '');
  let at = 0;
  while (at < text.length) {
    if (/^\s*$/.test(text.slice(at))) break;
    pattern.lastIndex = at;
    const match = pattern.exec(text);
    if (match === null) throw new Unsupported(`"${text.slice(at).trim()[0]}"`);
    at = pattern.lastIndex;
    const [, number, letters, digits, name, op] = match;
    if (number !== undefined) tokens.push({ type: 'number', text: number });
    else if (letters !== undefined && digits !== undefined) {
      const column = columnNumber(letters);
      const row = Number(digits);
      if (column > 16_384 || row < 1 || row > 1_048_576) throw new Unsupported(letters + digits);
      tokens.push({ type: 'ref', row, column });
    } else if (name !== undefined) tokens.push({ type: 'name', text: name.toUpperCase() });
    else if (op !== undefined) tokens.push({ type: 'op', text: op });
  }
  return tokens;
}

/**
 * Computes a simple formula exactly, as a check of the value the workbook saved for it: numbers,
 * + − × ÷, parentheses, unary minus, references to cells of the same sheet (A1, $A$1) and SUM over
 * such cells and ranges. A referenced formula is computed too (its saved value is not trusted). An
 * empty cell counts 0, as in Excel; anything else (other functions, other sheets, text or dates in
 * arithmetic, division by zero, a circular reference) is not computed: `ok: false` with the reason.
 */
export function computeFormula(formula: string, lookup: CellLookup): FormulaResult {
  const visiting = new Set<string>();
  let visited = 0;

  const cellValue = (row: number, column: number, inSum: boolean, depth: number): Yen | null => {
    visited += 1;
    if (visited > MAX_CELLS) throw new Unsupported('too many cells');
    const cell = lookup(row, column);
    if (cell === null || cell === '') return inSum ? null : new Yen(0);
    if (typeof cell === 'number') return new Yen(cell);
    if (typeof cell === 'object' && !(cell instanceof Date)) {
      const key = `${row},${column}`;
      if (visiting.has(key) || depth > MAX_DEPTH) throw new Unsupported('a circular reference');
      visiting.add(key);
      const value = evaluate(tokenize(cell.formula), depth + 1);
      visiting.delete(key);
      return value;
    }
    // SUM passes over text, booleans and dates of the cells it is given; arithmetic does not.
    if (inSum && typeof cell !== 'object') return null;
    throw new Unsupported('a cell that is not a number');
  };

  const evaluate = (tokens: readonly Token[], depth: number): Yen => {
    let position = 0;
    const peek = (): Token | undefined => tokens[position];
    const isOp = (text: string): boolean => {
      const token = peek();
      return token?.type === 'op' && token.text === text;
    };
    const expect = (text: string): void => {
      if (!isOp(text)) throw new Unsupported(`"${text}" expected`);
      position += 1;
    };
    const expression = (): Yen => {
      let value = term();
      while (isOp('+') || isOp('-')) {
        const op = (peek() as { text: string }).text;
        position += 1;
        const right = term();
        value = op === '+' ? value.plus(right) : value.minus(right);
      }
      return value;
    };
    const term = (): Yen => {
      let value = unary();
      while (isOp('*') || isOp('/')) {
        const op = (peek() as { text: string }).text;
        position += 1;
        const right = unary();
        if (op === '/' && right.isZero()) throw new Unsupported('division by zero');
        value = op === '*' ? value.times(right) : value.dividedBy(right);
      }
      return value;
    };
    const unary = (): Yen => {
      if (isOp('-')) {
        position += 1;
        return unary().negated();
      }
      if (isOp('+')) {
        position += 1;
        return unary();
      }
      return primary();
    };
    const sumArgument = (): Yen => {
      const token = peek();
      const next = tokens[position + 1];
      const after = tokens[position + 2];
      if (token?.type === 'ref' && next?.type === 'op' && next.text === ':') {
        if (after?.type !== 'ref') throw new Unsupported('a range');
        position += 3;
        let total = new Yen(0);
        for (let row = Math.min(token.row, after.row); row <= Math.max(token.row, after.row); row++)
          for (
            let column = Math.min(token.column, after.column);
            column <= Math.max(token.column, after.column);
            column++
          )
            total = total.plus(cellValue(row, column, true, depth) ?? 0);
        return total;
      }
      const closing = tokens[position + 1];
      if (token?.type === 'ref' && closing?.type === 'op' && /^[,)]$/.test(closing.text)) {
        position += 1;
        return cellValue(token.row, token.column, true, depth) ?? new Yen(0);
      }
      return expression();
    };
    const primary = (): Yen => {
      const token = peek();
      if (token === undefined) throw new Unsupported('an incomplete formula');
      position += 1;
      if (token.type === 'number') return new Yen(token.text);
      if (token.type === 'ref') {
        if (isOp(':')) throw new Unsupported('a range outside SUM');
        return cellValue(token.row, token.column, false, depth) ?? new Yen(0);
      }
      if (token.type === 'op' && token.text === '(') {
        const value = expression();
        expect(')');
        return value;
      }
      if (token.type === 'name' && token.text === 'SUM' && isOp('(')) {
        position += 1;
        let total = new Yen(0);
        if (!isOp(')')) {
          total = total.plus(sumArgument());
          while (isOp(',')) {
            position += 1;
            total = total.plus(sumArgument());
          }
        }
        expect(')');
        return total;
      }
      throw new Unsupported(token.type === 'name' ? token.text : `"${token.text}"`);
    };
    const value = expression();
    if (position !== tokens.length) throw new Unsupported('more after the formula');
    return value;
  };

  try {
    return { ok: true, value: evaluate(tokenize(formula), 0) };
  } catch (error) {
    if (error instanceof Unsupported) return { ok: false, reason: error.message };
    throw error;
  }
}

/**
 * Whether a saved value is what the formula computes: equal to 15 significant digits, as far as
 * Excel itself keeps a number (so 0.1+0.2 saved as 0.30000000000000004 agrees with 0.3).
 */
export function sameNumber(saved: number, computed: Yen): boolean {
  if (!Number.isFinite(saved)) return false;
  return new Yen(saved)
    .toSignificantDigits(15, Yen.ROUND_HALF_EVEN)
    .eq(computed.toSignificantDigits(15, Yen.ROUND_HALF_EVEN));
}
