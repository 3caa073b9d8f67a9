import { JsonNumber } from '../fields/json-number.js';
import {
  noteSourcePosition,
  sourcePositionOf,
  type SourcePosition,
} from '../ledger/source-position.js';

/** Where a JsonNumber sat in a record (keys and indexes from the record down), with its text. */
export type NumberAt = readonly [path: readonly (string | number)[], text: string];

/**
 * What a structured clone to a worker would change in a record: JsonNumber (number literals a
 * double would not keep, read by the strict JSON reader) becomes a plain `{text}` object, so each
 * is listed by path and revived in the worker (reviveNumbers). Null when the record holds any
 * other object that is not a plain object or array (a Date, a Map, a class, a null prototype, an
 * own "__proto__" key): it must stay in this thread.
 */
export function numbersIn(value: unknown): NumberAt[] | null {
  const found: NumberAt[] = [];
  const path: (string | number)[] = [];
  const walk = (node: unknown): boolean => {
    if (node === null || typeof node !== 'object') return typeof node !== 'function';
    if (node instanceof JsonNumber) {
      found.push([[...path], node.text]);
      return true;
    }
    const array = Array.isArray(node);
    if (!array) {
      const prototype = Object.getPrototypeOf(node) as unknown;
      // A null prototype, or "__proto__" as an own key, might not come back alike from a clone.
      if (prototype !== Object.prototype || Object.hasOwn(node, '__proto__')) return false;
    }
    for (const [key, item] of Object.entries(node)) {
      path.push(array ? Number(key) : key);
      const kept = walk(item);
      path.pop();
      if (!kept) return false;
    }
    return true;
  };
  return walk(value) ? found : null;
}

/** Puts back the JsonNumbers numbersIn listed, in a record cloned to this thread. */
export function reviveNumbers(value: unknown, numbers: readonly NumberAt[]): unknown {
  let root = value;
  for (const [path, text] of numbers) {
    if (path.length === 0) {
      root = new JsonNumber(text);
      continue;
    }
    let node = root as Record<string | number, unknown>;
    for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
    node[path[path.length - 1] as string | number] = new JsonNumber(text);
  }
  return root;
}

/** The JsonNumbers of each record that has some, by index; null if one cannot cross (numbersIn). */
export function numbersOfAll(records: readonly unknown[]): [number, NumberAt[]][] | null {
  const all: [number, NumberAt[]][] = [];
  for (const [index, record] of records.entries()) {
    const numbers = numbersIn(record);
    if (numbers === null) return null;
    if (numbers.length > 0) all.push([index, numbers]);
  }
  return all;
}

/** Puts back what numbersOfAll listed, in records cloned to this thread. */
export function reviveAll(records: unknown[], all: readonly [number, NumberAt[]][]): void {
  for (const [index, numbers] of all) records[index] = reviveNumbers(records[index], numbers);
}

/**
 * Where each record starts in the JSON file it was read from (kept beside it in this thread, and
 * named in its messages): listed by index for the worker, which notes them on its clones.
 */
export function positionsOfAll(records: readonly unknown[]): [number, SourcePosition][] {
  const all: [number, SourcePosition][] = [];
  for (const [index, record] of records.entries()) {
    const position = sourcePositionOf(record);
    if (position !== undefined) all.push([index, position]);
  }
  return all;
}

/** Notes on records cloned to this thread the positions positionsOfAll listed. */
export function notePositions(
  records: readonly unknown[],
  all: readonly [number, SourcePosition][],
): void {
  for (const [index, position] of all) {
    const record = records[index];
    if (record !== null && typeof record === 'object') noteSourcePosition(record, position);
  }
}
