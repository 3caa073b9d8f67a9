import { expect } from 'vitest';
import type { RuleSet } from '../../src/index.js';
import { LINE_STATUSES, type Report } from '../../src/schema/report.js';

/** Test helpers: the docs/contract.md §2 invariants every report must satisfy, as assertions. */

/** The id a report line must have for an input line: its id, or "#row" when it has none. */
export function expectedId(line: unknown, row: number): string {
  const id =
    line !== null && typeof line === 'object' ? (line as Record<string, unknown>).id : undefined;
  return typeof id === 'string' && id.trim() !== '' ? id : `#${row}`;
}

interface Sum {
  entity: string;
  fiscalYear: number;
  measure: string;
  component: string | null;
  kind: string;
  base: bigint;
  amount: bigint;
  bond: bigint | null;
  lines: number;
}

/** Totals recomputed from the eligible lines with exact integer arithmetic, keyed by group. */
export function recomputeTotals(report: Report): Map<string, Sum> {
  const sums = new Map<string, Sum>();
  for (const line of report.lines) {
    if (line.status !== 'eligible') continue;
    const { entity, fiscalYear, measure, component, kind, base, amount } = line;
    if (entity === null || fiscalYear === null || measure === null || kind === null)
      throw new Error(`eligible line ${line.id} lacks its entity, year, measure or kind`);
    if (base === null || amount === null)
      throw new Error(`eligible line ${line.id} lacks base or amount`);
    const key = JSON.stringify([entity, fiscalYear, measure, component]);
    const sum = sums.get(key) ?? {
      entity,
      fiscalYear,
      measure,
      component,
      kind,
      base: 0n,
      amount: 0n,
      bond: line.bond === undefined ? null : 0n,
      lines: 0,
    };
    sum.base += BigInt(base);
    sum.amount += BigInt(amount);
    if (line.bond !== undefined) sum.bond = (sum.bond ?? 0n) + BigInt(line.bond);
    sum.lines += 1;
    sums.set(key, sum);
  }
  return sums;
}

/** Asserts the docs/contract.md §2 invariants of a report for the given input lines. */
export function expectReportInvariants(
  report: Report,
  inputLines: readonly unknown[],
  ruleSet: RuleSet,
): void {
  // Every input line exactly once, in input order.
  expect(report.lines.map((line) => line.id)).toEqual(
    inputLines.map((line, index) => expectedId(line, index + 1)),
  );
  expect(report.lines.map((line) => line.row)).toEqual(inputLines.map((_line, index) => index + 1));

  for (const line of report.lines) {
    expect(LINE_STATUSES).toContain(line.status);
    if (line.status === 'invalid')
      expect(
        report.errors.some((error) => error.line === line.id && error.row === line.row),
        `invalid line ${line.id} is named in errors`,
      ).toBe(true);
    if (line.status === 'ineligible') expect(line.reasons.length).toBeGreaterThan(0);
    if (line.status === 'undetermined')
      expect(
        line.missingFacts.length > 0 || line.reasons.some((reason) => reason.code === 'NO_VERSION'),
        `undetermined line ${line.id} says what is missing`,
      ).toBe(true);
    expect(line.missingFacts).toEqual([...line.missingFacts].sort());
  }

  // Totals: exactly the sums of the eligible lines, one row per group.
  const sums = recomputeTotals(report);
  expect(report.totals).toHaveLength(sums.size);
  for (const total of report.totals) {
    const sum = sums.get(
      JSON.stringify([total.entity, total.fiscalYear, total.measure, total.component]),
    );
    expect(sum, `total ${total.entity}/${total.fiscalYear}/${total.measure}`).toBeDefined();
    if (sum === undefined) continue;
    expect(total.kind).toBe(sum.kind);
    expect(total.base).toBe(sum.base.toString());
    expect(total.amount).toBe(sum.amount.toString());
    expect(total.bond).toBe(sum.bond === null ? undefined : sum.bond.toString());
    expect(total.lines).toBe(sum.lines);
  }

  // Assumptions: exactly the union of the lines', each with its text from the rule set.
  const union = [...new Set(report.lines.flatMap((line) => line.assumptions))].sort();
  expect(report.assumptions.map((assumption) => assumption.id)).toEqual(union);
  for (const assumption of report.assumptions) {
    const defined = ruleSet.assumptions[assumption.id];
    expect(defined, `assumption ${assumption.id} is defined`).toBeDefined();
    expect(assumption.text).toBe(defined?.text);
    expect(assumption.title).toBe(defined?.title);
  }
}
