import { KofuzeiError } from '../core/kofuzei-error.js';
import type { Measure } from '../schema/measure.js';
import type { RuleSet } from '../schema/rule-set.js';
import { deepFreeze } from '../schema/deep-freeze.js';

type Keyed = { policyKey: string; [k: string]: unknown };

/** What a policy value stands for: a rate (0 < r ≤ 1) or whole yen (a 上限 or a per-person amount). */
type ValueKind = 'rate' | 'yen';

/**
 * Every object in a measure that carries a `policyKey` (parameters and caps), with the kind of
 * number it holds: a cap's `limit` and a `unitAmount` are yen, every other parameter is a rate.
 */
function* keyed(value: unknown, name = ''): Generator<{ item: Keyed; kind: ValueKind }> {
  if (Array.isArray(value)) {
    for (const item of value) yield* keyed(item, name);
  } else if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    if (typeof record.policyKey === 'string')
      yield {
        item: record as Keyed,
        kind: 'limit' in record || name === 'unitAmount' ? 'yen' : 'rate',
      };
    for (const [key, item] of Object.entries(record)) yield* keyed(item, key);
  }
}

/** The policy keys a rule set accepts, sorted. */
export function policyKeys(ruleSet: RuleSet): string[] {
  const keys = new Set<string>();
  for (const measure of ruleSet.measures)
    for (const { item } of keyed(measure)) keys.add(item.policyKey);
  return [...keys].sort();
}

/** The kind of each policy key of a rule set (a key used for both kinds must satisfy both). */
function policyKinds(ruleSet: RuleSet): Map<string, Set<ValueKind>> {
  const kinds = new Map<string, Set<ValueKind>>();
  for (const measure of ruleSet.measures)
    for (const { item, kind } of keyed(measure)) {
      const set = kinds.get(item.policyKey) ?? new Set<ValueKind>();
      set.add(kind);
      kinds.set(item.policyKey, set);
    }
  return kinds;
}

const DECIMAL = /^(0|[1-9]\d*)(\.\d+)?$/u;
const FRACTION = /^([1-9]\d*)\/([1-9]\d*)$/u;
const WHOLE_YEN = /^(0|[1-9]\d*)$/u;

/** A rate in (0, 1], judged on its text: a decimal ("0.8") or a fraction n/d with n ≤ d ("2/3"). */
function isPolicyRate(value: string): boolean {
  const fraction = FRACTION.exec(value);
  if (fraction !== null) return BigInt(fraction[1] ?? '0') <= BigInt(fraction[2] ?? '0');
  if (!DECIMAL.test(value)) return false;
  // 0 < value ≤ 1 from the digits alone: "1", "1.000", or "0.xxx" with a non-zero digit.
  return /^1(\.0+)?$/u.test(value) || /^0\.\d*[1-9]\d*$/u.test(value);
}

const EXPECTED: Record<ValueKind, string> = {
  rate: '0より大きく1以下の率（"0.8" のような小数、または "2/3" のような分数の文字列）',
  yen: '0以上の整数の円（"1500000" のような文字列）',
};

/** The value as the user wrote it, for a message: strings quoted, anything else as JSON. */
function shown(value: unknown): string {
  if (value === undefined) return 'undefined';
  return typeof value === 'string'
    ? JSON.stringify(value)
    : `${JSON.stringify(value)}（${typeof value}）`;
}

function invalid(message: string): KofuzeiError {
  return new KofuzeiError('POLICY_INVALID', `ポリシーが不正です: ${message}`);
}

/**
 * Checks policy `values` as given (own keys of the input, so "__proto__" is seen, not dropped):
 * every key must be a policyKey of the rule set and every value a string of its kind. Returns the
 * values as a Map. Throws POLICY_INVALID naming the key, what was expected and what was received.
 */
export function checkPolicyValues(ruleSet: RuleSet, values: unknown): Map<string, string> {
  const checked = new Map<string, string>();
  if (values === undefined) return checked;
  if (typeof values !== 'object' || values === null || Array.isArray(values))
    throw invalid(
      `values: キーと値の組のオブジェクトが必要ですが、${shown(values)} が指定されました`,
    );
  const entries = Object.entries(values as Record<string, unknown>);
  if (entries.length === 0) return checked;
  const kinds = policyKinds(ruleSet);
  for (const [key, value] of entries) {
    const kind = kinds.get(key);
    if (kind === undefined)
      throw invalid(
        `values[${JSON.stringify(key)}]: このルールセットにないキーです（使えるキー: ${[...kinds.keys()].sort().join(', ') || 'なし'}）`,
      );
    for (const each of kind) {
      const ok =
        typeof value === 'string' &&
        (each === 'rate' ? isPolicyRate(value) : WHOLE_YEN.test(value));
      if (!ok)
        throw invalid(
          `values[${JSON.stringify(key)}]: ${EXPECTED[each]}が必要ですが、${shown(value)} が指定されました`,
        );
    }
    checked.set(key, value as string);
  }
  return checked;
}

/**
 * The rule set with the values a policy supplies for what the sources leave unstated (A-18 rates,
 * unstated 上限). Only elements the rules mark with a `policyKey` can be set, so a stated number
 * is never overridden; an unknown key or a value out of range is an error, not a silent no-op.
 */
export function applyPolicyValues(ruleSet: RuleSet, values: unknown): RuleSet {
  const checked = checkPolicyValues(ruleSet, values);
  if (checked.size === 0) return ruleSet;
  const measures = ruleSet.measures.map((measure) => {
    const copy: Measure = structuredClone(measure);
    for (const { item } of keyed(copy)) {
      const value = checked.get(item.policyKey);
      if (value === undefined) continue;
      if ('limit' in item) item.limit = value;
      else item.value = value;
      item.label = `${String(item.label)}［ポリシーで ${value} を指定］`;
    }
    // Deeply: the derived rule set is cached and shared by every evaluation with these values
    // (prepared-rule-set.ts), so one caller editing it would change the others' yen.
    return deepFreeze(copy) as Measure;
  });
  // The copies are ours to freeze; the glossary and assumptions are the base rule set's.
  return Object.freeze({ ...ruleSet, measures: Object.freeze(measures) });
}
