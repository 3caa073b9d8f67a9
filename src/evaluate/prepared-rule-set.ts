import { KofuzeiError } from '../core/kofuzei-error.js';
import { PolicySchema, type Policy, type PolicyInput } from '../core/policy.js';
import { bundledRuleSet } from '../rules/bundled-rule-set.js';
import { applyPolicyValues, checkPolicyValues } from '../rules/apply-policy-values.js';
import type { RuleSet } from '../schema/rule-set.js';
import { FactDomains } from './fact-domains.js';
import { LineAssessor } from './line-assessor.js';
import { japaneseIssueText } from '../schema/japanese-issues.js';

/**
 * A rule set made ready to evaluate with one policy: the policy checked and its values applied,
 * and the judging machinery built (fact bands, one json-rules-engine per measure version, the
 * judgement caches). Give it to `evaluate` / `evaluateStream` as `{ prepared }`. It holds nothing
 * of any ledger: judgements depend only on the rule set and the facts a line states (by their
 * band), so any number of evaluations — one after another or at the same time — may share it.
 * The rule set is read as immutable (its type is read-only): changing it afterwards is not seen.
 */
export class PreparedRuleSet {
  /** @internal Use `prepareRuleSet`. */
  constructor(
    /** The rule set with the policy's values applied. */
    readonly ruleSet: RuleSet,
    /** The validated policy. */
    readonly policy: Policy,
  ) {
    Object.freeze(this);
  }
}

/** The judging machinery of a rule set (policy values applied), by its object. */
const assessors = new WeakMap<RuleSet, LineAssessor>();

/**
 * The one assessor of a rule set: every evaluation with it — including the searches that
 * evaluate a ledger's rows again (settle-facts.ts) — shares its engines and judgement caches.
 */
export function assessorOf(ruleSet: RuleSet): LineAssessor {
  let assessor = assessors.get(ruleSet);
  if (assessor === undefined) {
    assessor = new LineAssessor(ruleSet);
    assessors.set(ruleSet, assessor);
  }
  return assessor;
}

/**
 * Makes every later evaluation with this rule-set object judge conditions through json-rules-engine,
 * the engine of record, instead of the compiled conditions: for the tests that hold the two equal
 * (test/reliability/compiled-conditions.test.ts). Call it before the rule set's first evaluation.
 */
export function judgeWithEngineOfRecord(ruleSet: RuleSet): void {
  assessors.set(ruleSet, new LineAssessor(ruleSet, 'json-rules-engine'));
}

/** The values to try for missing facts (settle-facts.ts), by rule set: they follow from its rules alone. */
const domains = new WeakMap<RuleSet, FactDomains>();

export function factDomainsOf(ruleSet: RuleSet): FactDomains {
  let found = domains.get(ruleSet);
  if (found === undefined) {
    found = new FactDomains(ruleSet);
    domains.set(ruleSet, found);
  }
  return found;
}

/** Distinct policy values kept per rule set (a service uses one or two; a bound keeps odd callers cheap). */
const KEPT_PER_RULE_SET = 8;

/** Keyed weakly by the rule-set object the caller holds: the derived state goes with it. */
const derivedByRuleSet = new WeakMap<RuleSet, Map<string, RuleSet>>();

/** The policy's own `values` member as given, before zod copies it (and drops a "__proto__" key). */
function rawValues(policy: unknown): unknown {
  if (typeof policy !== 'object' || policy === null || !Object.hasOwn(policy, 'values'))
    return undefined;
  return (policy as { values: unknown }).values;
}

/**
 * The policy as a plain object, each member read once: its own keys, and the policy's members
 * that it has only through a getter or prototype (a class instance). zod reads those too, while
 * `values` is checked and applied from the object's own member: a class's `values` getter was
 * accepted and not applied (its rates silently left out).
 */
function plainPolicy(policy: unknown): unknown {
  if (typeof policy !== 'object' || policy === null || Array.isArray(policy)) return policy;
  const record = policy as Record<string, unknown>;
  const plain: Record<string, unknown> = {};
  const keep = (key: string): void => {
    // defineProperty: a "__proto__" key stays a key (to be refused), not the prototype.
    Object.defineProperty(plain, key, {
      value: record[key],
      enumerable: true,
      writable: true,
      configurable: true,
    });
  };
  for (const key of Object.keys(record)) keep(key);
  for (const key of Object.keys(PolicySchema.shape))
    if (!Object.hasOwn(plain, key) && key in record) keep(key);
  return plain;
}

/**
 * Prepares a rule set (the bundled one by default) and a policy for many evaluations. An invalid
 * policy throws POLICY_INVALID, as `evaluate` would. Preparing the same rule-set object with the
 * same policy values again returns the same machinery: `evaluate` does this on every call, so
 * repeated small calls pay the setup once even without a handle.
 *
 * @example
 * ```ts
 * import { evaluate, prepareRuleSet } from 'kofuzei';
 *
 * const prepared = prepareRuleSet(); // the bundled rule set, the default policy
 * const entities = [{ code: '392081', name: '宿毛市', kind: 'city' }];
 * const line = { entity: '392081', fiscalYear: 2025, program: 'cio-aide', costType: 'recruitment' };
 * for (const amount of ['800000', '400000']) {
 *   const report = await evaluate({ entities, lines: [{ ...line, id: 'L1', amount }] }, { prepared });
 *   console.log(report.lines[0]?.amount);
 * }
 * // → 560000
 * // → 280000
 * ```
 */
export function prepareRuleSet(rules?: RuleSet, policy?: PolicyInput): PreparedRuleSet {
  const base = rules ?? bundledRuleSet();
  const given = plainPolicy(policy);
  const raw = rawValues(given);
  // Values first: their keys and ranges depend on the rule set, and the messages name the key.
  const values = checkPolicyValues(base, raw);
  const parsed = PolicySchema.safeParse(given ?? {}, { reportInput: true });
  if (!parsed.success)
    throw new KofuzeiError(
      'POLICY_INVALID',
      `ポリシーが不正です: ${japaneseIssueText(parsed.error)}`,
    );
  let kept = derivedByRuleSet.get(base);
  if (kept === undefined) {
    kept = new Map();
    derivedByRuleSet.set(base, kept);
  }
  const key = JSON.stringify([...values].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  let derived = kept.get(key);
  if (derived === undefined) {
    derived = applyPolicyValues(base, raw);
    if (kept.size >= KEPT_PER_RULE_SET) {
      const oldest = kept.keys().next();
      if (oldest.done !== true) kept.delete(oldest.value);
    }
    kept.set(key, derived);
  }
  // Built now, not on the first line: a prepared rule set is ready to judge.
  assessorOf(derived);
  return new PreparedRuleSet(derived, parsed.data);
}
