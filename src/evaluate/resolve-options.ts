import type { PolicyInput } from '../core/policy.js';
import type { RuleSet } from '../schema/rule-set.js';
import { PreparedRuleSet, prepareRuleSet } from './prepared-rule-set.js';

export interface EvaluateOptions {
  /** The rule set to run; the bundled one by default. */
  readonly rules?: RuleSet;
  /** Overrides of the product's default decisions (docs/decisions.md §6). */
  readonly policy?: PolicyInput;
  /** A rule set and policy prepared once (`prepareRuleSet`), instead of `rules` and `policy`. */
  readonly prepared?: PreparedRuleSet;
}

/**
 * The prepared rule set an evaluation runs with: the one given, or the one for `rules` and
 * `policy` (built on the first call, then shared); an invalid policy throws POLICY_INVALID.
 */
export function resolveOptions(given: EvaluateOptions | null): PreparedRuleSet {
  // null as no options, as undefined is (a caller's `options ?? null`).
  const options: EvaluateOptions = given ?? {};
  const { prepared, rules } = options;
  // A programming error said plainly, not "Cannot read properties of undefined" from deep inside.
  if (rules !== undefined && (rules as RuleSet | null) !== null && !looksLikeRuleSet(rules))
    throw new TypeError(
      'options.rules must be a rule set (bundledRuleSet(), loadRuleSet() or kofuzei/node loadRuleDir())',
    );
  if (prepared === undefined) return prepareRuleSet(rules, options.policy);
  if (!(prepared instanceof PreparedRuleSet))
    throw new TypeError('options.prepared must come from prepareRuleSet');
  if (options.rules !== undefined || options.policy !== undefined)
    throw new TypeError('options.prepared already holds its rule set and policy: give it alone');
  return prepared;
}

/** The members every rule set has; a checked one comes from loadRuleSet. */
function looksLikeRuleSet(rules: unknown): boolean {
  if (rules === null || typeof rules !== 'object') return false;
  const { version, measures, glossary } = rules as Record<string, unknown>;
  return (
    typeof version === 'string' &&
    Array.isArray(measures) &&
    glossary !== null &&
    typeof glossary === 'object'
  );
}
