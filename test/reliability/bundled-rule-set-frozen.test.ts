import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { prepareRuleSet } from '../../src/evaluate/prepared-rule-set.js';
import { bundledRuleSet } from '../../src/rules/bundled-rule-set.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { isDeeplyFrozen } from '../../src/schema/deep-freeze.js';
import { cioLine } from '../helpers/ledger.js';

const ledger = {
  entities: [{ code: '392081', name: '宿毛市', kind: 'city' }],
  lines: [cioLine('L1', { costType: 'recruitment', amount: '800000' })],
};

describe('the bundled rule set is one frozen object', () => {
  it('cannot be changed by one caller for every other (a what-if edit throws)', async () => {
    const before = JSON.stringify(await evaluate(ledger));
    expect((JSON.parse(before) as { lines: { amount: string }[] }).lines[0]?.amount).toBe('560000');
    const rules = bundledRuleSet();
    expect(isDeeplyFrozen(rules)).toBe(true);
    const component = rules.measures
      .find((measure) => measure.id === 'cio-aide-tokko')
      ?.versions.at(-1)
      ?.components.find((candidate) => candidate.id === 'recruitment');
    expect(component).toBeDefined();
    expect(() => {
      (component as unknown as { amount: { rate: { value: string } } }).amount.rate.value = '0.9';
    }).toThrow(TypeError);
    expect(JSON.stringify(await evaluate(ledger))).toBe(before);
  });

  it('gives a copy to change: structuredClone, evaluated as its own rule set', async () => {
    const copy = structuredClone(bundledRuleSet());
    const component = copy.measures
      .find((measure) => measure.id === 'cio-aide-tokko')
      ?.versions.at(-1)
      ?.components.find((candidate) => candidate.id === 'recruitment');
    (component as unknown as { amount: { rate: { value: string } } }).amount.rate.value = '0.5';
    const report = await evaluate(ledger, { rules: copy });
    expect(report.lines[0]?.amount).toBe('400000');
    expect((await evaluate(ledger)).lines[0]?.amount).toBe('560000');
  });
});

describe('the rule set a policy derives is frozen too', () => {
  it('cannot be changed through prepareRuleSet(...).ruleSet for later calls with that policy', async () => {
    const fixture = JSON.parse(
      readFileSync('fixtures/shuraku-shienin-tokko/04-policy-rate-and-stated-caps.json', 'utf8'),
    ) as { ledger: unknown; policy: { values: Record<string, string> } };
    const before = JSON.stringify(await evaluate(fixture.ledger, { policy: fixture.policy }));
    const { ruleSet } = prepareRuleSet(undefined, fixture.policy);
    expect(ruleSet).not.toBe(bundledRuleSet());
    expect(isDeeplyFrozen(ruleSet.measures)).toBe(true);
    expect(Object.isFrozen(ruleSet)).toBe(true);
    expect(() => {
      (ruleSet.measures as unknown as unknown[]).pop();
    }).toThrow(TypeError);
    const again = await evaluate(fixture.ledger, { policy: structuredClone(fixture.policy) });
    expect(JSON.stringify(again)).toBe(before);
  });
});
