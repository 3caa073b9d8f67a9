// The reference search of docs/decisions.md §4.1, straightforward: every combination re-evaluates
// every line of the entity. settle-facts.ts is the fast path; test/reliability/settle-differential
// keeps the two equal.
import type { FactValue } from '../../core/missing.js';
import type { Policy } from '../../core/policy.js';
import { deepFreeze } from '../../schema/deep-freeze.js';
import type { ReportLine } from '../../schema/report.js';
import type { RuleSet } from '../../schema/rule-set.js';
import { evaluateRows, type RowItem, type RowResult } from './reference-evaluate-rows.js';
import type { FactDomains } from '../fact-domains.js';
import { factDomainsOf } from '../prepared-rule-set.js';
import {
  codeOf,
  entitiesWithAttributes,
  entityOf,
  FactSettlement,
  withFacts,
} from '../fact-settlement.js';

import { MAX_COMBINATIONS } from '../settle-limits.js';
import { variablesOf } from './variables-of.js';

export { MAX_COMBINATIONS, MAX_FACTS_PER_LINE } from '../settle-limits.js';
export { lineVariables, variablesOf, type LineVariable, type Variable } from './variables-of.js';

/** What must not change with the values: the line's result (decisions.md §4.1), its alternatives and warnings. */
export function resultKey(result: RowResult): string {
  const { line } = result;
  return JSON.stringify([
    line.status,
    line.measure,
    line.component,
    line.base,
    line.amount,
    line.bond ?? null,
    line.alternatives,
    result.warnings,
  ]);
}

const LISTS = ['caps', 'reasons', 'citations', 'assumptions', 'parameters'] as const;

/**
 * A row's report line where every value gave the same result: the first value's line, keeping of
 * its caps, reasons, citations, assumptions and parameters those every value gave — a cap, reason
 * or citation that holds only for some value (the 1億円 cap of a contractor not selected before)
 * would speak of a value the ledger does not give.
 */
export function commonLine(
  lines: readonly ReportLine[],
  unneeded: readonly string[] | null,
): ReportLine {
  const [first] = lines;
  if (first === undefined) throw new Error('no line to settle');
  const kept: Record<string, unknown> = {};
  for (const key of LISTS) {
    const others = lines
      .slice(1)
      .map(
        (line) => new Set((line[key] as readonly unknown[]).map((item) => JSON.stringify(item))),
      );
    kept[key] = (first[key] as readonly unknown[]).filter((item) => {
      const text = JSON.stringify(item);
      return others.every((set) => set.has(text));
    });
  }
  const line: Record<string, unknown> = {};
  // `unneededFacts` extends the contract's keys: after `alternatives`, before the optional `memo`.
  const addUnneeded = (): void => {
    if (unneeded !== null) line.unneededFacts = [...unneeded].sort();
  };
  for (const [key, value] of Object.entries(first)) {
    if (key === 'memo') addUnneeded();
    line[key] = key in kept ? kept[key] : key === 'missingFacts' && unneeded !== null ? [] : value;
  }
  if (!('unneededFacts' in line)) addUnneeded();
  return deepFreeze(line as ReportLine);
}

export interface SettleInput {
  readonly entities: readonly unknown[];
  /** The lines of the suspect entities (see Evaluation.suspects), in ledger order. */
  readonly rows: readonly RowItem[];
  readonly suspects: ReadonlySet<string>;
  /** The rows of the lines the first evaluation found may be settled (Evaluation.suspectRows), when known. */
  readonly suspectRows?: ReadonlySet<number>;
  readonly duplicates: ReadonlySet<string>;
  readonly ruleSet: RuleSet;
  readonly policy: Policy;
}

/**
 * docs/decisions.md §4.1: for each entity with `undetermined` lines, tries every combination of
 * values of their missing facts (within the bounds) on all the entity's lines together, so that
 * caps, running sums and 一般管理費 bases are seen; where every combination gives every line of
 * the entity the same result, those facts did not matter. Null when none was found.
 */
export async function settleFactsReference(input: SettleInput): Promise<FactSettlement | null> {
  // Built once per rule set (prepared-rule-set.ts): listing the domains reads every measure.
  const domains = factDomainsOf(input.ruleSet);
  const byEntity = new Map<string, RowItem[]>();
  for (const row of input.rows) {
    const code = entityOf(row.item);
    if (!input.suspects.has(code)) continue;
    let rows = byEntity.get(code);
    if (rows === undefined) byEntity.set(code, (rows = []));
    rows.push(row);
  }
  let entities = input.entities;
  const facts = new Map<number, Record<string, FactValue>>();
  const lines = new Map<number, ReportLine>();
  for (const [code, rows] of byEntity) {
    const own = (entity: unknown): boolean => codeOf(entity) === code;
    const found = await settleEntityReference(input, domains, input.entities.filter(own), rows);
    if (found === null) continue;
    if (Object.keys(found.attributes).length > 0)
      entities = entitiesWithAttributes(entities, (entity) =>
        own(entity) ? found.attributes : undefined,
      );
    for (const [row, values] of found.facts) facts.set(row, values);
    for (const [row, line] of found.lines) lines.set(row, line);
  }
  return lines.size === 0 ? null : new FactSettlement(entities, facts, lines);
}

/** What the search reads of a line's report line before trying values. */
export type BaselineLine = Pick<ReportLine, 'status' | 'missingFacts' | 'fiscalYear'>;

export interface EntitySettlement {
  readonly attributes: Record<string, FactValue>;
  readonly facts: Map<number, Record<string, FactValue>>;
  readonly lines: Map<number, ReportLine>;
}

export async function settleEntityReference(
  input: SettleInput,
  domains: FactDomains,
  entities: readonly unknown[],
  rows: readonly RowItem[],
): Promise<EntitySettlement | null> {
  const { duplicates, ruleSet, policy } = input;
  const baseline = await evaluateRows(entities, rows, duplicates, ruleSet, policy);
  const { variables, targets } = variablesOf(domains, entities, rows, baseline);
  if (targets.size === 0) return null;
  const list = [...variables.values()];
  let count = 1;
  for (const variable of list) count *= variable.values.length;
  // Past the bound nothing is tried: the lines stay undetermined (docs/engine.md).
  if (count > MAX_COMBINATIONS) return null;

  const settlementOf = (choice: readonly number[]): Omit<EntitySettlement, 'lines'> => {
    const attributes: Record<string, FactValue> = {};
    const facts = new Map<number, Record<string, FactValue>>();
    list.forEach((variable, index) => {
      const value = variable.values[choice[index] ?? 0];
      if (value === undefined) return;
      if (variable.rows === null) attributes[variable.fact] = value;
      else
        for (const row of variable.rows) {
          let own = facts.get(row);
          if (own === undefined) facts.set(row, (own = {}));
          own[variable.fact] = value;
        }
    });
    return { attributes, facts };
  };

  const results: Map<number, RowResult>[] = [];
  const choice = list.map(() => 0);
  for (let index = 0; index < count; index += 1) {
    const { attributes, facts } = settlementOf(choice);
    const result = await evaluateRows(
      entitiesWithAttributes(entities, () => attributes),
      rows.map(({ item, row }) => {
        const values = facts.get(row);
        return { item: values === undefined ? item : withFacts(item, values), row };
      }),
      duplicates,
      ruleSet,
      policy,
    );
    const first = results[0];
    if (first !== undefined)
      for (const { row } of rows) {
        const a = first.get(row);
        const b = result.get(row);
        if (a === undefined || b === undefined || resultKey(a) !== resultKey(b)) return null;
      }
    results.push(result);
    // The next combination, the first variable changing fastest.
    for (let at = 0; at < list.length; at += 1) {
      const variable = list[at];
      if (variable === undefined) break;
      const next = (choice[at] ?? 0) + 1;
      choice[at] = next < variable.values.length ? next : 0;
      if (next < variable.values.length) break;
    }
  }

  const lines = new Map<number, ReportLine>();
  for (const { row } of rows) {
    const each = results
      .map((result) => result.get(row)?.line)
      .filter((line) => line !== undefined);
    // A line every value leaves undetermined stays as it was (decisions.md §4.1 only decides lines); so does
    // a line every value makes ineligible for reasons that differ with the value.
    const unneeded = targets.get(row) ?? null;
    const line = commonLine(each, unneeded);
    if (unneeded !== null && line.status === 'undetermined') return null;
    if (unneeded !== null && line.status === 'ineligible' && line.reasons.length === 0) return null;
    lines.set(row, line);
  }
  return { ...settlementOf(list.map(() => 0)), lines };
}
