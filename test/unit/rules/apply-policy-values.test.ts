import { describe, expect, it } from 'vitest';
import { KofuzeiError } from '../../../src/core/kofuzei-error.js';
import { bundledRuleSet } from '../../../src/rules/bundled-rule-set.js';
import { applyPolicyValues } from '../../../src/rules/apply-policy-values.js';

const RATE = 'kyoryokutai-tokko.activity.rate';
const CAP = 'digital-katsuyo-shien-koshukai.koshukai.cap';

function refusal(values: unknown): KofuzeiError {
  try {
    applyPolicyValues(bundledRuleSet(), values);
  } catch (error) {
    if (error instanceof KofuzeiError) return error;
    throw error;
  }
  throw new Error(`${JSON.stringify(values)} was accepted`);
}

/** The value a policy key ends up with in the rule set. */
function appliedRate(value: string): unknown {
  const measure = applyPolicyValues(bundledRuleSet(), { [RATE]: value }).measures.find(
    (each) => each.id === 'kyoryokutai-tokko',
  );
  return JSON.stringify(measure).includes(`"value":"${value}","label"`);
}

describe('applyPolicyValues: ranges', () => {
  it.each([['1.5'], ['2'], ['0'], ['0.0'], ['3/2'], ['1.0001'], ['-0.5'], ['.5'], ['0.7e0']])(
    'refuses the rate %s, naming the key, the range and the value',
    (value) => {
      const error = refusal({ [RATE]: value });
      expect(error.code).toBe('POLICY_INVALID');
      expect(error.message).toContain(`values["${RATE}"]`);
      expect(error.message).toContain('0より大きく1以下');
      expect(error.message).toContain(JSON.stringify(value));
    },
  );

  it.each([['1'], ['1.000'], ['0.8'], ['0.00001'], ['2/3'], ['3/3']])(
    'accepts the rate %s',
    (value) => {
      expect(appliedRate(value)).toBe(true);
    },
  );

  it.each([['1.5'], ['-1'], ['1e6'], ['1000000.0'], ['１０００']])(
    'refuses the 上限 %s (whole yen only)',
    (value) => {
      const error = refusal({ [CAP]: value });
      expect(error.message).toContain(`values["${CAP}"]`);
      expect(error.message).toContain('0以上の整数の円');
    },
  );

  it('accepts whole yen for a 上限, zero included', () => {
    expect(() => applyPolicyValues(bundledRuleSet(), { [CAP]: '0' })).not.toThrow();
    expect(() => applyPolicyValues(bundledRuleSet(), { [CAP]: '1500000' })).not.toThrow();
  });

  it('refuses a rate given as a number, showing what was received', () => {
    expect(refusal({ [RATE]: 0.7 }).message).toContain('0.7（number）');
  });
});

describe('applyPolicyValues: keys', () => {
  it.each([['__proto__'], ['constructor'], ['prototype'], ['toString'], ['no-such.rate']])(
    'refuses the key %s by name',
    (key) => {
      // JSON.parse makes "__proto__" an own key, as a policy file does.
      const values = JSON.parse(`{${JSON.stringify(key)}: "0.5"}`) as unknown;
      const error = refusal(values);
      expect(error.code).toBe('POLICY_INVALID');
      expect(error.message).toContain(`values[${JSON.stringify(key)}]`);
      expect(error.message).toContain(RATE);
    },
  );
});
