import { readdirSync, readFileSync } from 'node:fs';
import { isLeaf, type Condition, type ConditionLeaf } from '../../../src/schema/condition.js';
import { MeasureSchema, type Measure } from '../../../src/schema/measure.js';

/** Test helpers: the rule files of rules/, read with node:fs, for tests to copy and mutate. */

const RULES = new URL('../../../rules/', import.meta.url);
const NOT_MEASURES = ['glossary.json', 'assumptions.json'];

function readJson(name: string): unknown {
  return JSON.parse(readFileSync(new URL(name, RULES), 'utf8')) as unknown;
}

/** The measure files present in rules/, in file-name order. */
export function measureFileNames(): string[] {
  return readdirSync(RULES)
    .filter((name) => name.endsWith('.json') && !NOT_MEASURES.includes(name))
    .sort();
}

export interface BundledInput {
  glossary: unknown;
  assumptions: unknown;
  measures: { file: string; json: unknown }[];
  sources: Record<string, string>;
}

/** A fresh copy of the rule files and source documents of rules/. */
export function readBundledInput(): BundledInput {
  const sourceDir = new URL('sources/', RULES);
  const sources: Record<string, string> = {};
  for (const name of readdirSync(sourceDir).sort())
    if (name.endsWith('.txt')) sources[name] = readFileSync(new URL(name, sourceDir), 'utf8');
  return {
    glossary: readJson('glossary.json'),
    assumptions: readJson('assumptions.json'),
    measures: measureFileNames().map((file) => ({ file, json: readJson(file) })),
    sources,
  };
}

/** A parsed, mutable copy of one bundled measure. */
export function bundledMeasure(id: string): Measure {
  return MeasureSchema.parse(readJson(`${id}.json`));
}

export function must<T>(value: T | null | undefined, what = 'value'): T {
  if (value === null || value === undefined) throw new Error(`test setup: no ${what}`);
  return value;
}

/** The child at `index` of an all/any group. */
export function child(condition: Condition, index: number): Condition {
  if (isLeaf(condition) || 'not' in condition) throw new Error('test setup: not an all/any group');
  return must(('all' in condition ? condition.all : condition.any)[index], `child ${index}`);
}

/** The leaf reached through the given all/any indices. */
export function leafAt(condition: Condition, ...indices: number[]): ConditionLeaf {
  const found = indices.reduce(child, condition);
  if (!isLeaf(found)) throw new Error('test setup: not a leaf');
  return found;
}

/** The same data with every object's keys in reverse order. */
export function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([key, inner]) => [key, reverseKeys(inner)]),
    );
  }
  return value;
}
