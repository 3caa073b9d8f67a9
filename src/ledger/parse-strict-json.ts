// Long file: one recursive-descent JSON parser, its states kept together.
import { JsonNumber } from '../fields/json-number.js';
import { noteSourcePosition } from './source-position.js';
import { noteSourceProblem } from './source-problems.js';

/** Where and why a text is not JSON (offset: 0-based character position). */
export class StrictJsonError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = 'StrictJsonError';
  }
}

export interface StrictJsonOptions {
  /**
   * Number literals a double does not keep exactly (a fraction, an exponent, an integer beyond
   * Number.MAX_SAFE_INTEGER) come back as JsonNumber instead of a number. Default true.
   */
  readonly exactNumbers?: boolean;
  /**
   * The depth of the records whose place in the text is noted (source-position.ts): 3 for a ledger
   * file ({ "lines": [ {…} ] }), 1 for a JSON Lines record. Default 3.
   */
  readonly recordDepth?: number;
  /** The line number of the text's first line in its file (JSON Lines). Default 1. */
  readonly firstLine?: number;
}

/**
 * A ledger is a few levels deep. A value nested deeper is handed whole to JSON.parse (which does
 * not recurse on the stack): no exact numbers or duplicate keys are needed that deep, and hostile
 * nesting cannot overflow this parser's stack.
 */
const MAX_DEPTH = 64;
/** How much of each value a duplicate-key issue quotes. */
const SHOWN = 40;

/** Any integer of at most 15 digits is exact as a double (MAX_SAFE_INTEGER has 16). */
const SHORT_INTEGER_DIGITS = 15;

/**
 * JSON.parse for ledgers (Node 20's JSON.parse gives no access to a number's source text): the same
 * grammar and the same values, except that (1) with `exactNumbers` a number literal that a double
 * would round or re-spell comes back as a JsonNumber holding its text, and (2) a key written twice
 * in one object is noted as a SourceProblem of that object (the later value is kept, as JSON.parse
 * does), so the normaliser can refuse the record instead of silently taking the last value.
 * Throws StrictJsonError with the offset for text that is not JSON.
 */
export function parseStrictJson(text: string, options: StrictJsonOptions = {}): unknown {
  return new StrictJsonParser(
    text,
    options.exactNumbers ?? true,
    options.recordDepth ?? 3,
    options.firstLine ?? 1,
  ).parse();
}

class StrictJsonParser {
  private at = 0;
  /** The line the parser is on and the offset where it starts: JSON has newlines only in whitespace. */
  private line: number;
  private lineStart = 0;

  constructor(
    private readonly text: string,
    private readonly exact: boolean,
    private readonly recordDepth: number,
    firstLine: number,
  ) {
    this.line = firstLine;
  }

  parse(): unknown {
    this.skipSpace();
    const value = this.value(0);
    this.skipSpace();
    if (this.at < this.text.length) this.fail('JSON の値の後に余分な文字があります');
    return value;
  }

  private fail(what: string, at = this.at): never {
    const found =
      at < this.text.length
        ? `${JSON.stringify(this.text[at])} があります`
        : 'テキストが終わっています';
    throw new StrictJsonError(`${what}（${found}）`, at);
  }

  private skipSpace(): void {
    const { text } = this;
    let at = this.at;
    for (;;) {
      const c = text.charCodeAt(at);
      // JSON's whitespace: space, tab, line feed, carriage return — nothing else.
      if (c === 0x20 || c === 0x0d || c === 0x09) at += 1;
      else if (c === 0x0a) {
        at += 1;
        this.line += 1;
        this.lineStart = at;
      } else break;
    }
    this.at = at;
  }

  private value(depth: number): unknown {
    const c = this.text.charCodeAt(this.at);
    if (c === 0x22) return this.string();
    if ((c === 0x7b || c === 0x5b) && depth >= MAX_DEPTH) return this.nested();
    if (c === 0x7b) return this.object(depth + 1);
    if (c === 0x5b) return this.array(depth + 1);
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return this.number();
    if (this.text.startsWith('true', this.at)) {
      this.at += 4;
      return true;
    }
    if (this.text.startsWith('false', this.at)) {
      this.at += 5;
      return false;
    }
    if (this.text.startsWith('null', this.at)) {
      this.at += 4;
      return null;
    }
    return this.fail('JSON の値（"…"、数値、true/false/null、{…}、[…]）が必要です');
  }

  /** A value nested deeper than MAX_DEPTH: its extent found by a flat scan, its value by JSON.parse. */
  private nested(): unknown {
    const { text } = this;
    const start = this.at;
    let open = 0;
    let at = start;
    for (; at < text.length; at += 1) {
      const c = text.charCodeAt(at);
      if (c === 0x22) {
        for (at += 1; at < text.length; at += 1) {
          const d = text.charCodeAt(at);
          if (d === 0x5c) at += 1;
          else if (d === 0x22) break;
        }
      } else if (c === 0x7b || c === 0x5b) open += 1;
      else if (c === 0x7d || c === 0x5d) {
        open -= 1;
        if (open === 0) break;
      }
    }
    if (open !== 0) this.fail('入れ子の値が閉じられていません', start);
    try {
      const value = JSON.parse(text.slice(start, at + 1)) as unknown;
      this.at = at + 1;
      return value;
    } catch (error) {
      const position = /at position (\d+)/u.exec((error as Error).message);
      return this.fail(
        '深い入れ子の値が JSON として正しくありません',
        start + Number(position?.[1] ?? 0),
      );
    }
  }

  private object(depth: number): Record<string, unknown> {
    const { text } = this;
    const record: Record<string, unknown> = {};
    if (depth === this.recordDepth)
      noteSourcePosition(record, { line: this.line, column: this.at - this.lineStart + 1 });
    this.at += 1;
    this.skipSpace();
    if (text.charCodeAt(this.at) === 0x7d) {
      this.at += 1;
      return record;
    }
    for (;;) {
      if (text.charCodeAt(this.at) !== 0x22) this.fail('「"」で囲んだキーが必要です');
      const keyAt = this.at;
      const key = this.string();
      this.skipSpace();
      if (text.charCodeAt(this.at) !== 0x3a) this.fail('キーの後に「:」が必要です');
      this.at += 1;
      this.skipSpace();
      const start = this.at;
      const value = this.value(depth);
      const end = this.at;
      if (Object.hasOwn(record, key))
        noteSourceProblem(record, {
          code: 'DUPLICATE_KEY',
          field: key,
          expected: `キー ${JSON.stringify(key)} が1つのオブジェクトに1度だけ書かれていること`,
          received: `2度書かれている: ${shownValue(record[key])} と ${this.shown(start, end)}（JSON.parse なら後の値を黙って使う）`,
          offset: keyAt,
        });
      // "__proto__" is an ordinary own key in JSON (as JSON.parse makes it), never the prototype.
      if (key === '__proto__')
        Object.defineProperty(record, key, {
          value,
          writable: true,
          enumerable: true,
          configurable: true,
        });
      else record[key] = value;
      this.skipSpace();
      const c = text.charCodeAt(this.at);
      if (c === 0x2c) {
        this.at += 1;
        this.skipSpace();
        continue;
      }
      if (c === 0x7d) {
        this.at += 1;
        return record;
      }
      this.fail('オブジェクトの中で「,」か「}」が必要です');
    }
  }

  /** A value as written in the text, cut short. */
  private shown(start: number, end: number): string {
    return cut(this.text.slice(start, end));
  }

  private array(depth: number): unknown[] {
    const { text } = this;
    const items: unknown[] = [];
    this.at += 1;
    this.skipSpace();
    if (text.charCodeAt(this.at) === 0x5d) {
      this.at += 1;
      return items;
    }
    for (;;) {
      items.push(this.value(depth));
      this.skipSpace();
      const c = text.charCodeAt(this.at);
      if (c === 0x2c) {
        this.at += 1;
        this.skipSpace();
        continue;
      }
      if (c === 0x5d) {
        this.at += 1;
        return items;
      }
      this.fail('配列の中で「,」か「]」が必要です');
    }
  }

  private string(): string {
    const { text } = this;
    const start = this.at + 1;
    let at = start;
    let escaped = false;
    for (;;) {
      const c = text.charCodeAt(at);
      if (c === 0x22) break;
      if (c === 0x5c) {
        escaped = true;
        at += 2;
        continue;
      }
      if (Number.isNaN(c)) this.fail('文字列が「"」で閉じられていません', this.at);
      // Raw control characters are not allowed inside a JSON string.
      if (c < 0x20) this.fail('文字列の中に制御文字（改行・タブなど）があります', at);
      at += 1;
    }
    this.at = at + 1;
    if (!escaped) return text.slice(start, at);
    // Escapes are rare in ledgers: the platform decodes them (and checks them) exactly.
    try {
      return JSON.parse(text.slice(start - 1, at + 1)) as string;
    } catch {
      return this.fail('文字列の中の「\\」の使い方が正しくありません', badEscape(text, start, at));
    }
  }

  private number(): number | JsonNumber {
    const { text } = this;
    const start = this.at;
    let at = start;
    if (text.charCodeAt(at) === 0x2d) at += 1;
    const first = text.charCodeAt(at);
    if (first === 0x30) at += 1;
    else if (first >= 0x31 && first <= 0x39) at = digits(text, at);
    else this.fail('数字が必要です', at);
    const integerEnd = at;
    if (text.charCodeAt(at) === 0x2e) {
      const after = digits(text, at + 1);
      if (after === at + 1) this.fail('「.」の後に数字が必要です', after);
      at = after;
    }
    const e = text.charCodeAt(at);
    if (e === 0x65 || e === 0x45) {
      at += 1;
      const sign = text.charCodeAt(at);
      if (sign === 0x2b || sign === 0x2d) at += 1;
      const after = digits(text, at);
      if (after === at) this.fail('指数部に数字が必要です', after);
      at = after;
    }
    this.at = at;
    const literal = text.slice(start, at);
    if (!this.exact) return Number(literal);
    const digitCount = integerEnd - start - (text.charCodeAt(start) === 0x2d ? 1 : 0);
    if (at === integerEnd && digitCount <= SHORT_INTEGER_DIGITS) return Number(literal);
    const value = Number(literal);
    return at === integerEnd && Number.isSafeInteger(value) ? value : new JsonNumber(literal);
  }
}

function cut(text: string): string {
  return text.length > SHOWN ? `${text.slice(0, SHOWN)}…` : text;
}

/** An already read value, as JSON (a JsonNumber as its literal). */
function shownValue(value: unknown): string {
  if (value instanceof JsonNumber) return value.text;
  // Only parsed JSON values reach here: JSON.stringify always gives text for them.
  return cut(JSON.stringify(value));
}

function digits(text: string, from: number): number {
  let at = from;
  for (;;) {
    const c = text.charCodeAt(at);
    if (c >= 0x30 && c <= 0x39) at += 1;
    else return at;
  }
}

/** The place of the first escape JSON does not allow in a string's inside (`from` to `to`). */
function badEscape(text: string, from: number, to: number): number {
  for (let at = from; at < to; at += 1) {
    if (text.charCodeAt(at) !== 0x5c) continue;
    const next = text.charAt(at + 1);
    if (next !== '' && '"\\/bfnrt'.includes(next)) at += 1;
    else if (next === 'u' && /^[0-9a-fA-F]{4}$/u.test(text.slice(at + 2, at + 6))) at += 5;
    else return at;
  }
  // Every escape is allowed (not reached: JSON.parse refused the string): its opening quote.
  return from - 1;
}
