/**
 * A JSON number literal that a double would not keep exactly as written: one with a fraction or an
 * exponent (`1.0`, `5e5`), or an integer beyond Number.MAX_SAFE_INTEGER. The strict JSON reader
 * hands these on as their text, so a field that must be an exact integer (an amount, a fiscal
 * year) can refuse `99999999999999.999` instead of taking the 100000000000000 JSON.parse makes of
 * it, and a decimal fact keeps the digits that were written.
 */
export class JsonNumber {
  constructor(readonly text: string) {}

  /** Written back out (e.g. echoed in a template) as the number it stood for. */
  toJSON(): number {
    return Number(this.text);
  }

  toString(): string {
    return this.text;
  }
}
