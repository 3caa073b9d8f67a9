import { afterEach, describe, expect, it, vi } from 'vitest';
import { evaluateStream, collectStream } from '../../src/evaluate/evaluate-stream.js';
import { evaluate } from '../../src/evaluate/evaluate.js';
import { prepareRuleSet, PreparedRuleSet } from '../../src/evaluate/prepared-rule-set.js';
import { bundledRuleSet } from '../../src/rules/bundled-rule-set.js';
import { VersionEvaluator } from '../../src/eligibility/version-evaluator.js';
import type { RuleSet } from '../../src/schema/rule-set.js';
import { fixtureCases, sampleCase, type LedgerCase } from '../helpers/ledger-cases.js';

/*
 * Issue 17, item 1: what evaluate derives from a rule set and policy (fact bands, engines,
 * judgement caches) is built once and shared by every later call with the same rule-set object —
 * one after another or at the same time — and never carries one call's ledger into another.
 */

/** Every golden fixture (persons, caps, headcount, corrections, policies) and the sample ledger. */
const CASES: LedgerCase[] = [sampleCase(), ...fixtureCases()];

/** A rule-set object no call has seen: its evaluation builds everything afresh, as before sharing. */
function freshRuleSet(): RuleSet {
  return { ...bundledRuleSet() };
}

async function fresh(entry: LedgerCase): Promise<string> {
  return JSON.stringify(
    await evaluate(entry.ledger, {
      rules: freshRuleSet(),
      ...(entry.policy === undefined ? {} : { policy: entry.policy }),
    }),
  );
}

async function shared(entry: LedgerCase, rules: RuleSet): Promise<string> {
  return JSON.stringify(
    await evaluate(entry.ledger, {
      rules,
      ...(entry.policy === undefined ? {} : { policy: entry.policy }),
    }),
  );
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('prepared rule sets (issue 17)', () => {
  it('has fixtures with persons, caps and policies to share', () => {
    expect(CASES.length).toBeGreaterThan(100);
    expect(CASES.some((entry) => entry.policy !== undefined)).toBe(true);
  });

  it('gives every ledger, in any order after any other, the report a fresh evaluation gives', async () => {
    const expected = new Map<string, string>();
    for (const entry of CASES) expected.set(entry.name, await fresh(entry));
    const rules = freshRuleSet();
    // Forwards, then backwards: each ledger follows different ones on the same machinery.
    for (const entry of [...CASES, ...[...CASES].reverse()])
      expect(await shared(entry, rules), entry.name).toBe(expected.get(entry.name));
  }, 120_000);

  it('gives the same reports to evaluations running at the same time', async () => {
    const expected = await Promise.all(CASES.map(fresh));
    const rules = freshRuleSet();
    // Cold: their first judgements queue on the shared engines.
    const reports = await Promise.all(CASES.map((entry) => shared(entry, rules)));
    expect(reports).toEqual(expected);
    const streamed = await Promise.all(
      CASES.slice(0, 20).map(async (entry) =>
        JSON.stringify(
          // Read again per pass here, held below: both ways, one shared rule set or fresh ones.
          await collectStream(
            evaluateStream(
              { entities: entry.ledger.entities, lines: () => entry.ledger.lines },
              {
                rules,
                ...(entry.policy === undefined ? {} : { policy: entry.policy }),
              },
            ),
          ),
        ),
      ),
    );
    const streamedFresh = await Promise.all(
      CASES.slice(0, 20).map(async (entry) =>
        JSON.stringify(
          await collectStream(
            evaluateStream(entry.ledger, {
              rules: freshRuleSet(),
              ...(entry.policy === undefined ? {} : { policy: entry.policy }),
            }),
          ),
        ),
      ),
    );
    expect(streamed).toEqual(streamedFresh);
  }, 120_000);

  it('evaluates conditions only on the first call with a rule set', async () => {
    const sample = CASES[0];
    if (sample === undefined) throw new Error('no sample');
    const rules = freshRuleSet();
    const run = vi.spyOn(VersionEvaluator.prototype, 'compiledLeafResults');
    await shared(sample, rules);
    const first = run.mock.calls.length;
    expect(first).toBeGreaterThan(0);
    await shared(sample, rules);
    await evaluate(sample.ledger, { prepared: prepareRuleSet(rules) });
    expect(run.mock.calls.length).toBe(first);
  });

  it('applies policy values once, whether prepared or given per call', async () => {
    const withValues = CASES.find(
      (entry) => entry.policy !== undefined && 'values' in entry.policy,
    );
    if (withValues?.policy === undefined) throw new Error('no fixture with policy values');
    const prepared = prepareRuleSet(undefined, withValues.policy);
    expect(prepared).toBeInstanceOf(PreparedRuleSet);
    // The same values prepare the same rule set; the policy's labels are not applied twice.
    expect(prepareRuleSet(undefined, withValues.policy).ruleSet).toBe(prepared.ruleSet);
    const viaPrepared = JSON.stringify(await evaluate(withValues.ledger, { prepared }));
    expect(viaPrepared).toBe(await fresh(withValues));
    expect(viaPrepared).toBe(await shared(withValues, bundledRuleSet()));
    expect(viaPrepared.match(/ポリシーで [^］]* を指定］［ポリシーで/u)).toBeNull();
  });

  it('checks the policy when preparing, and refuses a handle given with rules or a policy', async () => {
    expect(() => prepareRuleSet(undefined, { values: { 'no-such-key': '0.5' } })).toThrow(
      expect.objectContaining({ code: 'POLICY_INVALID' }),
    );
    const prepared = prepareRuleSet();
    const ledger = CASES[0]?.ledger;
    await expect(evaluate(ledger, { prepared, policy: {} })).rejects.toThrow(TypeError);
    await expect(evaluate(ledger, { prepared, rules: bundledRuleSet() })).rejects.toThrow(
      TypeError,
    );
    await expect(
      evaluate(ledger, {
        prepared: Object.assign<object, PreparedRuleSet>(Object.create(null) as object, prepared),
      }),
    ).rejects.toThrow(TypeError);
  });
});
