import { KofuzeiError } from '../errors/kofuzei-error.js';
import type { Measure } from '../schema/measure.js';
import type { RuleSet } from './rule-set.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Every object in a measure that carries a `policyKey` (parameters and caps). */
function* keyed(value: unknown): Generator<Mutable<{ policyKey: string; [k: string]: unknown }>> {
  if (Array.isArray(value)) {
    for (const item of value) yield* keyed(item);
  } else if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    if (typeof record.policyKey === 'string')
      yield record as Mutable<{ policyKey: string; [k: string]: unknown }>;
    for (const item of Object.values(record)) yield* keyed(item);
  }
}

/** The policy keys a rule set accepts, sorted. */
export function policyKeys(ruleSet: RuleSet): string[] {
  const keys = new Set<string>();
  for (const measure of ruleSet.measures)
    for (const item of keyed(measure)) keys.add(item.policyKey);
  return [...keys].sort();
}

/**
 * The rule set with the values a policy supplies for what the sources leave unstated (A-18 rates,
 * unstated 上限). Only elements the rules mark with a `policyKey` can be set, so a stated number
 * is never overridden; an unknown key is an error, not a silent no-op.
 */
export function applyPolicyValues(
  ruleSet: RuleSet,
  values: Readonly<Record<string, string>>,
): RuleSet {
  const wanted = Object.keys(values);
  if (wanted.length === 0) return ruleSet;
  const known = policyKeys(ruleSet);
  const unknown = wanted.filter((key) => !known.includes(key));
  if (unknown.length > 0)
    throw new KofuzeiError(
      'POLICY_INVALID',
      `the policy is invalid: values: unknown key(s) ${unknown.join(', ')}; the rule set accepts ${known.join(', ') || 'none'}`,
    );
  const measures = ruleSet.measures.map((measure) => {
    const copy: Measure = structuredClone(measure);
    for (const item of keyed(copy)) {
      const value = values[item.policyKey];
      if (value === undefined) continue;
      if ('limit' in item) item.limit = value;
      else item.value = value;
      item.label = `${String(item.label)}［ポリシーで ${value} を指定］`;
    }
    return Object.freeze(copy);
  });
  return { ...ruleSet, measures };
}
