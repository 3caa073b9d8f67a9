import { describe, expect, it } from 'vitest';
import { diffRuleSets } from '../../src/diff/diff-rule-sets.js';
import type { RuleChange } from '../../src/diff/rule-change.js';
import type { Condition } from '../../src/schema/condition.js';
import type { RuleSetInput } from '../../src/schema/rule-set.js';
import {
  bundledInput,
  changeMeasure,
  component,
  load,
  must,
  raiseRecruitmentCap,
  version,
} from './helpers.js';

const BASE = load(bundledInput());

function changesAfter(change: (input: RuleSetInput) => RuleSetInput): RuleChange[] {
  return diffRuleSets(BASE, load(change(bundledInput())));
}

function leaves(condition: Condition): Condition[] {
  if ('all' in condition) return condition.all;
  if ('any' in condition) return condition.any;
  throw new Error('test setup: not an all/any group');
}

describe('diffRuleSets', () => {
  it('finds nothing between identical rule sets', () => {
    expect(diffRuleSets(BASE, load(bundledInput()))).toEqual([]);
  });

  it('names a raised cap with its measure, component, fiscal years and both limits', () => {
    expect(changesAfter((input) => raiseRecruitmentCap(input))).toEqual([
      {
        kind: 'cap',
        measure: 'cio-aide-tokko',
        version: 'fy2024-2025',
        component: 'recruitment',
        fiscalYears: { from: 2024, through: 2025 },
        id: 'recruitment-cap',
        path: 'versions[fy2024-2025].components[recruitment].caps[recruitment-cap].limit',
        before: '1000000',
        after: '2000000',
        text: 'cio-aide-tokko FY2024–FY2025 recruitment cap recruitment-cap 1000000 → 2000000',
      },
    ]);
  });

  it('names rates, headcounts, bond parameters and per-person amounts', () => {
    const changes = changesAfter((input) => {
      changeMeasure(input, 'cio-aide-tokko', (measure) => {
        const appointment = component(measure, 'fy2024-2025', 'appointment');
        if (appointment.amount.method === 'rate') appointment.amount.rate.value = '0.8';
        must(appointment.headcount).limit = 2;
      });
      changeMeasure(input, 'digital-katsuyo-bond', (measure) => {
        const amount = component(measure, 'fy2025-2029', null).amount;
        if (amount.method === 'bond') {
          amount.allocationRate.value = '0.75';
          if (amount.termYears !== undefined) amount.termYears.value = 10;
        }
      });
      return changeMeasure(input, 'pref-dx-accelerator-futsu', (measure) => {
        const amount = component(measure, 'fy2025-onward', null).amount;
        if (amount.method === 'per-person') amount.unitAmount.value = '8000000';
      });
    });
    expect(changes.map((change) => [change.kind, change.id, change.text])).toEqual([
      ['parameter', 'rate', 'cio-aide-tokko FY2024–FY2025 appointment rate 0.7 → 0.8'],
      [
        'headcount',
        'cio-aide-persons',
        'cio-aide-tokko FY2024–FY2025 appointment headcount cio-aide-persons 3 → 2',
      ],
      [
        'parameter',
        'allocationRate',
        'digital-katsuyo-bond FY2025–FY2029 allocationRate 0.9 → 0.75',
      ],
      ['parameter', 'termYears', 'digital-katsuyo-bond FY2025–FY2029 termYears 5 → 10'],
      ['parameter', 'unitAmount', 'pref-dx-accelerator-futsu FY2025– unitAmount 7800000 → 8000000'],
    ]);
    expect(changes[4]?.fiscalYears).toEqual({ from: 2025, through: null });
  });

  it('names condition leaves changed, added and removed, and a changed tree', () => {
    const changes = changesAfter((input) =>
      changeMeasure(input, 'cio-aide-tokko', (measure) => {
        const conditions = leaves(component(measure, 'fy2024-2025', 'appointment').conditions);
        const [costType, duties] = [must(conditions[0]), must(conditions[1])];
        if ('value' in costType) costType.value = ['compensation'];
        conditions.splice(conditions.indexOf(duties), 1);
        conditions.push({
          any: [
            {
              id: 'municipality-hub',
              fact: 'hubCity',
              operator: 'equal',
              value: true,
              label: '連携中枢都市であること',
              cite: ['appointment-table'],
            },
          ],
        });
      }),
    );
    expect(changes.map((change) => [change.kind, change.id])).toEqual([
      ['condition', 'appointment-cost-type'],
      ['condition-removed', 'advisory-duties'],
      ['condition-added', 'municipality-hub'],
      ['condition-structure', null],
    ]);
    expect(changes[0]?.text).toBe(
      'cio-aide-tokko FY2024–FY2025 appointment condition appointment-cost-type costType in ["compensation","outsourcing"] → costType in ["compensation"]',
    );
    expect(changes[3]?.after).toBe(
      'all(appointment-cost-type, not-planning-only, any(municipality-hub))',
    );
  });

  // A condition a line need not state (ifStated) tests something else: a change of result, not wording.
  it('names a condition made ifStated as a changed condition', () => {
    const changes = changesAfter((input) =>
      changeMeasure(input, 'cio-aide-tokko', (measure) => {
        const conditions = leaves(component(measure, 'fy2024-2025', 'appointment').conditions);
        const duties = must(conditions[1]);
        if ('fact' in duties) duties.ifStated = true;
      }),
    );
    expect(changes.map((change) => [change.kind, change.id, change.after])).toEqual([
      ['condition', 'advisory-duties', 'advisoryDuties equal true if stated'],
    ]);
  });

  it('names a version span, the coverage it changes, and added or removed versions and components', () => {
    const changes = changesAfter((input) =>
      changeMeasure(input, 'dx-leader-training-tokko', (measure) => {
        version(measure, 'fy2024-2025').fiscalYears.through = 2026;
      }),
    );
    expect(changes.map((change) => [change.kind, change.fiscalYears, change.text])).toEqual([
      [
        'coverage',
        { from: 2026, through: 2026 },
        'dx-leader-training-tokko coverage FY2023–FY2025 → FY2023–FY2026',
      ],
      [
        'version-span',
        { from: 2024, through: 2026 },
        'dx-leader-training-tokko FY2024–FY2026 version fy2024-2025 fiscal years FY2024–FY2025 → FY2024–FY2026',
      ],
    ]);

    const removed = changesAfter((input) =>
      changeMeasure(input, 'pref-dx-talent-tokko', (measure) => {
        const fy2024 = version(measure, 'fy2024');
        fy2024.components = fy2024.components.filter((c) => c.id !== 'municipal-contribution');
      }),
    );
    expect(removed.map((change) => [change.kind, change.component, change.fiscalYears])).toEqual([
      ['component-removed', 'municipal-contribution', { from: 2024, through: 2024 }],
    ]);
  });

  it('tells wording from results: labels are text, glossary defaults and assumptions are their own kinds', () => {
    const changes = changesAfter((input) => {
      changeMeasure(input, 'cio-aide-tokko', (measure) => {
        must(component(measure, 'fy2023', 'recruitment').caps?.[0]).label = '募集経費の上限';
      });
      const glossary = input.glossary as { facts: Record<string, { default?: unknown }> };
      must(glossary.facts.planningOnly).default = true;
      const assumptions = input.assumptions as { assumptions: Record<string, { text: string }> };
      must(assumptions.assumptions['A-10']).text = 'changed';
      return input;
    });
    expect(changes.map((change) => [change.kind, change.measure, change.path])).toEqual([
      [
        'text',
        'cio-aide-tokko',
        'versions[fy2023].components[recruitment].caps[recruitment-cap].label',
      ],
      ['glossary', null, 'glossary.facts.planningOnly.default'],
      ['assumption', null, 'assumptions.A-10.text'],
    ]);
    expect(changes[1]?.text).toBe('glossary fact planningOnly default false → true');
  });

  it('names a version’s caution, person class and shared persons by field, not as unnamed wording', () => {
    const changes = changesAfter((input) =>
      changeMeasure(input, 'pref-dx-accelerator-futsu', (measure) => {
        const shared = version(measure, 'fy2025-onward');
        shared.caution = '要望中';
        delete shared.personSharedWith;
      }),
    );
    expect(changes.map((change) => [change.kind, change.path])).toEqual([
      ['text', 'versions[fy2025-onward].caution'],
      ['text', 'versions[fy2025-onward].personSharedWith'],
    ]);
  });

  it('names measures added and removed with their coverage', () => {
    const input = bundledInput();
    const head = load({
      ...input,
      measures: input.measures.filter((entry) => entry.file !== 'dx-leader-training-tokko.json'),
    });
    const changes = diffRuleSets(BASE, head);
    expect(changes.map((change) => change.text)).toEqual([
      'dx-leader-training-tokko measure removed (FY2023–FY2025)',
    ]);
    expect(diffRuleSets(head, BASE).map((change) => change.kind)).toEqual(['measure-added']);
  });
});
