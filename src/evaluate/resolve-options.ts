import { KofuzeiError } from '../core/kofuzei-error.js';
import { PolicySchema, type Policy, type PolicyInput } from '../core/policy.js';
import { bundledRuleSet } from '../rules/bundled-rule-set.js';
import { applyPolicyValues } from '../rules/apply-policy-values.js';
import type { RuleSet } from '../schema/rule-set.js';

export interface EvaluateOptions {
  /** The rule set to run; the bundled one by default. */
  readonly rules?: RuleSet;
  /** Overrides of the product's default decisions (docs/decisions.md §6). */
  readonly policy?: PolicyInput;
}

/** The policy's own `values` member as given, before zod copies it (and drops a "__proto__" key). */
function rawValues(policy: unknown): unknown {
  if (typeof policy !== 'object' || policy === null || !Object.hasOwn(policy, 'values'))
    return undefined;
  return (policy as { values: unknown }).values;
}

/** The rule set and validated policy an evaluation runs with; an invalid policy throws POLICY_INVALID. */
export function resolveOptions(options: EvaluateOptions): { ruleSet: RuleSet; policy: Policy } {
  const rules = options.rules ?? bundledRuleSet();
  // Values first: their keys and ranges depend on the rule set, and the messages name the key.
  const ruleSet = applyPolicyValues(rules, rawValues(options.policy));
  const parsed = PolicySchema.safeParse(options.policy ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || '(policy)'}: ${issue.message}`,
    );
    throw new KofuzeiError('POLICY_INVALID', `the policy is invalid: ${problems.join('; ')}`);
  }
  return { ruleSet, policy: parsed.data };
}
