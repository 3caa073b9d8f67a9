import type { FactValue } from '../../../src/core/missing.js';
import type { LedgerEntity, LedgerLine } from '../../../src/ledger/normalize-ledger.js';
import type { Policy } from '../../../src/core/policy.js';
import type { EntityKind } from '../../../src/schema/ledger.js';
import type { Component, Measure, MeasureKind } from '../../../src/schema/measure.js';

/** Test builders for ledger lines, measures and policies (the shapes evaluate() hands the compute step). */

export function entity(
  overrides: { kind?: EntityKind; nonRecipient?: boolean; code?: string } = {},
): LedgerEntity {
  return {
    code: overrides.code ?? '132012',
    name: '八王子市',
    kind: overrides.kind ?? 'city',
    nonRecipient: overrides.nonRecipient ?? false,
    attributes: new Map(),
  };
}

let nextRow = 1;

export function line(
  amount: string,
  person?: string,
  facts: Record<string, FactValue> = {},
  on: LedgerEntity = entity(),
): LedgerLine {
  const row = nextRow++;
  return {
    row,
    id: `L${row}`,
    entity: on,
    fiscalYear: 2025,
    program: 'cio-aide',
    costType: 'compensation',
    amount,
    person,
    facts: new Map(Object.entries(facts)),
    claim: undefined,
    memo: undefined,
  };
}

export function policy(overrides: Partial<Policy> = {}): Policy {
  return { roundingUnit: '1', headcountSelection: 'rank', values: {}, ...overrides };
}

const cite = ['s'];

export function rateComponent(rate: string, extra: Partial<Component> = {}): Component {
  return {
    id: 'c',
    title: 'component',
    conditions: { all: [] },
    amount: { method: 'rate', rate: { value: rate, label: 'rate', cite } },
    ...extra,
  };
}

export function bondComponent(allocationRate: string, taxMeasureRate: string): Component {
  return {
    id: 'c',
    title: 'component',
    conditions: { all: [] },
    amount: {
      method: 'bond',
      allocationRate: { value: allocationRate, label: '充当率', cite },
      taxMeasureRate: { value: taxMeasureRate, label: '措置率', cite },
      termYears: { value: 5, label: '償還年限', cite },
    },
  };
}

export function perPersonComponent(unitAmount: string): Component {
  return {
    id: 'c',
    title: 'component',
    conditions: { all: [] },
    amount: { method: 'per-person', unitAmount: { value: unitAmount, label: '単価', cite } },
  };
}

export function measure(
  component: Component,
  kind: MeasureKind = 'special-allocation-tax',
): Measure {
  return {
    id: 'test-measure',
    title: 'test measure',
    kind,
    status: 'computable',
    programs: ['cio-aide'],
    summary: 'a measure built by the test',
    sources: { s: { file: 'x.txt', lines: '1', quote: 'q' } },
    versions: [
      {
        id: 'v',
        fiscalYears: { from: 2023, through: null, cite },
        conditions: { all: [] },
        components: [component],
      },
    ],
  };
}
