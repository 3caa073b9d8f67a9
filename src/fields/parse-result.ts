import { JsonNumber } from './json-number.js';

/** The outcome of normalising one input value: the canonical value, or what was wrong with it. */
export type ParseResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly expected: string; readonly received: string };

export function parsed<T>(value: T): ParseResult<T> {
  return { ok: true, value };
}

export function rejected<T>(expected: string, input: unknown): ParseResult<T> {
  return { ok: false, expected, received: describeReceived(input) };
}

/** A short, printable description of a received value for error messages (never the whole value). */
export function describeReceived(input: unknown): string {
  if (input === undefined) return 'なし（空欄）';
  if (input === null) return 'null';
  // A number literal as written in the JSON text (unquoted, unlike a string).
  if (input instanceof JsonNumber) return input.text;
  if (typeof input === 'string') {
    const shown = input.length > 40 ? `${input.slice(0, 40)}…（${input.length} 文字）` : input;
    return JSON.stringify(shown);
  }
  if (typeof input === 'number' || typeof input === 'boolean') return String(input);
  // As JavaScript writes the literal: 100000000000000000000n (the type alone said nothing).
  if (typeof input === 'bigint') return `${input.toString()}n`;
  if (Array.isArray(input)) return `${input.length} 個の値の一覧（配列）`;
  if (typeof input === 'object') return '項目の組（オブジェクト）';
  return typeof input;
}
