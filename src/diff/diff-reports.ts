import { Yen } from '../core/yen.js';
import type { Report, ReportLine, Total } from '../schema/report.js';
import { affectsResults, spanCovers, type RuleChange } from './rule-change.js';
import { scheduleChange, schedulesBy, type ScheduleChange } from './schedule-change.js';

export type { ScheduleChange } from './schedule-change.js';
export type { YenDelta } from './yen-delta.js';
import { yenDelta, type YenDelta } from './yen-delta.js';

export const LINE_DIFF_FIELDS = [
  'status',
  'measure',
  'component',
  'base',
  'amount',
  'bond',
] as const;
export type LineDiffField = (typeof LINE_DIFF_FIELDS)[number];

const MONEY_FIELDS: readonly LineDiffField[] = ['base', 'amount', 'bond'];

export interface FieldChange {
  readonly field: LineDiffField;
  readonly before: string | null;
  readonly after: string | null;
  /** Money fields with a value on both sides: after − before, exact yen. */
  readonly delta?: string;
}

export interface LineChange {
  readonly id: string;
  /** 1-based position in the ledger (ids may repeat in an invalid ledger; rows never do). */
  readonly row: number;
  readonly entity: string | null;
  readonly fiscalYear: number | null;
  /** The line's status, measure and component under the head rules, for context. */
  readonly status: ReportLine['status'];
  readonly measure: string | null;
  readonly component: string | null;
  readonly changes: readonly FieldChange[];
  /** The `text` of each rule change that can explain this line: its measure and fiscal year. */
  readonly attribution: readonly string[];
  /** Why nothing is attributed, when nothing is. */
  readonly note: string | null;
}

export interface TotalChange {
  readonly entity: string;
  readonly fiscalYear: number;
  readonly measure: string;
  readonly component: string | null;
  readonly base: YenDelta;
  readonly amount: YenDelta;
  /** Local bonds only. */
  readonly bond: YenDelta | null;
  /** Bond totals with a schedule on either side whose schedule differs; otherwise null. */
  readonly schedule: ScheduleChange | null;
}

export interface MeasureTotalChange {
  readonly measure: string;
  readonly base: YenDelta;
  readonly amount: YenDelta;
  readonly bond: YenDelta | null;
}

export interface ReportDiff {
  readonly lines: readonly LineChange[];
  /** Per entity × fiscal year × measure × component, for the groups whose sums changed. */
  readonly totals: readonly TotalChange[];
  /** Per measure, summed over entities and years, for the measures whose sums changed. */
  readonly measures: readonly MeasureTotalChange[];
  readonly changed: boolean;
}

function isZero(delta: YenDelta | null): boolean {
  return delta === null || new Yen(delta.delta).isZero();
}

function fieldValue(line: ReportLine, field: LineDiffField): string | null {
  const value = line[field];
  return value ?? null;
}

/**
 * The measures a line touched on either side — the one it went to and every candidate its reasons
 * and alternatives name — each with the components named (null: the measure as a whole).
 */
function lineMeasures(...lines: ReportLine[]): Map<string, Set<string | null>> {
  const measures = new Map<string, Set<string | null>>();
  const add = (measure: string | null, component: string | null): void => {
    if (measure === null) return;
    const components = measures.get(measure) ?? new Set<string | null>();
    components.add(component);
    measures.set(measure, components);
  };
  for (const line of lines) {
    add(line.measure, line.component);
    for (const reason of line.reasons) add(reason.measure, reason.component);
    for (const alternative of line.alternatives) add(alternative.measure, alternative.component);
  }
  return measures;
}

function attribute(
  base: ReportLine,
  head: ReportLine,
  ruleChanges: readonly RuleChange[],
): { attribution: string[]; note: string | null } {
  const measures = lineMeasures(base, head);
  const fiscalYear = head.fiscalYear ?? base.fiscalYear;
  const relevant = ruleChanges.filter(affectsResults);
  const own = relevant.filter((change) => {
    if (change.measure === null || !spanCovers(change.fiscalYears, fiscalYear)) return false;
    const components = measures.get(change.measure);
    if (components === undefined) return false;
    // A component's change explains the line when the line was (or could have been) in it, or
    // when the line is known only by its measure (a reason about the measure as a whole).
    return change.component === null || components.has(change.component) || components.has(null);
  });
  if (own.length > 0) return { attribution: own.map((change) => change.text), note: null };
  // Glossary changes (fact types and defaults) can reach any line: the candidates when nothing else is.
  const global = relevant.filter((change) => change.measure === null);
  const names = measures.size === 0 ? 'its measures' : [...measures.keys()].sort().join(', ');
  const year = fiscalYear === null ? 'its year' : `FY${fiscalYear}`;
  return {
    attribution: global.map((change) => change.text),
    note: `no rule parameter change of ${names} covers ${year}; the change comes from other lines in the same group (caps/headcount) or the glossary`,
  };
}

function totalKey(total: Total): string {
  return JSON.stringify([total.entity, total.fiscalYear, total.measure, total.component]);
}

interface Sums {
  base: Yen;
  amount: Yen;
  bond: Yen | null;
}

function addTo(sums: Sums | undefined, total: Total): Sums {
  const start = sums ?? { base: new Yen(0), amount: new Yen(0), bond: null };
  return {
    base: start.base.plus(total.base),
    amount: start.amount.plus(total.amount),
    bond: total.bond === undefined ? start.bond : (start.bond ?? new Yen(0)).plus(total.bond),
  };
}

function sumsDelta(
  before: Sums | undefined,
  after: Sums | undefined,
): { base: YenDelta; amount: YenDelta; bond: YenDelta | null } {
  const zero = new Yen(0);
  const text = (value: Yen | null | undefined): string => (value ?? zero).toFixed(0);
  const hasBond = (before?.bond ?? null) !== null || (after?.bond ?? null) !== null;
  return {
    base: yenDelta(text(before?.base), text(after?.base)),
    amount: yenDelta(text(before?.amount), text(after?.amount)),
    bond: hasBond ? yenDelta(text(before?.bond), text(after?.bond)) : null,
  };
}

/** Sums of totals per key, in order of first appearance over both reports. */
function sumBy(
  base: readonly Total[],
  head: readonly Total[],
  key: (total: Total) => string,
): {
  keys: string[];
  before: Map<string, Sums>;
  after: Map<string, Sums>;
  first: Map<string, Total>;
} {
  const before = new Map<string, Sums>();
  const after = new Map<string, Sums>();
  const first = new Map<string, Total>();
  for (const [totals, sums] of [
    [base, before],
    [head, after],
  ] as const) {
    for (const total of totals) {
      const k = key(total);
      if (!first.has(k)) first.set(k, total);
      sums.set(k, addTo(sums.get(k), total));
    }
  }
  return { keys: [...first.keys()], before, after, first };
}

/** Changed sums per measure over any number of report pairs (a whole corpus). */
export function diffMeasureTotals(
  pairs: readonly { readonly base: Report; readonly head: Report }[],
): MeasureTotalChange[] {
  const sums = sumBy(
    pairs.flatMap((pair) => pair.base.totals),
    pairs.flatMap((pair) => pair.head.totals),
    (total) => total.measure,
  );
  return sums.keys
    .map((measure) => ({
      measure,
      ...sumsDelta(sums.before.get(measure), sums.after.get(measure)),
    }))
    .filter((change) => !isZero(change.base) || !isZero(change.amount) || !isZero(change.bond));
}

/**
 * What changed between two reports of the same ledger: per line (matched by position, since
 * both come from one ledger) the fields among status, measure, component, base, amount and bond
 * that differ, with the rule changes that can explain them; then the changed totals per group
 * (their sums or their bond schedule) and per measure, as exact yen.
 */
export function diffReports(
  base: Report,
  head: Report,
  ruleChanges: readonly RuleChange[],
): ReportDiff {
  const lines: LineChange[] = [];
  for (const [index, before] of base.lines.entries()) {
    const after = head.lines[index];
    if (after === undefined) continue;
    const changes: FieldChange[] = [];
    for (const field of LINE_DIFF_FIELDS) {
      const [was, now] = [fieldValue(before, field), fieldValue(after, field)];
      if (was === now) continue;
      const withDelta =
        MONEY_FIELDS.includes(field) && was !== null && now !== null
          ? { delta: new Yen(now).minus(was).toFixed(0) }
          : {};
      changes.push({ field, before: was, after: now, ...withDelta });
    }
    if (changes.length === 0) continue;
    lines.push({
      id: after.id,
      row: index + 1,
      entity: after.entity ?? before.entity,
      fiscalYear: after.fiscalYear ?? before.fiscalYear,
      status: after.status,
      measure: after.measure,
      component: after.component,
      changes,
      ...attribute(before, after, ruleChanges),
    });
  }

  const groups = sumBy(base.totals, head.totals, totalKey);
  const [schedulesBefore, schedulesAfter] = [
    schedulesBy(base.totals, totalKey),
    schedulesBy(head.totals, totalKey),
  ];
  const totals: TotalChange[] = [];
  for (const key of groups.keys) {
    const total = groups.first.get(key);
    if (total === undefined) continue;
    const delta = sumsDelta(groups.before.get(key), groups.after.get(key));
    // A schedule's yen (years, interest, each year's 交付税措置) can change with the same bond.
    const schedule = scheduleChange(schedulesBefore.get(key), schedulesAfter.get(key));
    if (isZero(delta.base) && isZero(delta.amount) && isZero(delta.bond) && schedule === null)
      continue;
    totals.push({
      entity: total.entity,
      fiscalYear: total.fiscalYear,
      measure: total.measure,
      component: total.component,
      ...delta,
      schedule,
    });
  }
  const measures = diffMeasureTotals([{ base, head }]);
  return {
    lines,
    totals,
    measures,
    changed: lines.length > 0 || totals.length > 0,
  };
}
