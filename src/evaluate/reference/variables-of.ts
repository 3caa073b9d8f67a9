// The search's variables (docs/decisions.md §4.1): what each target line gives, keyed so that
// lines sharing a variable (an entity attribute, a person's of one fiscal year) give one.
import type { FactValue } from '../../core/missing.js';
import type { FactDomains } from '../fact-domains.js';
import { personOf, record } from '../fact-settlement.js';
import { MAX_FACTS_PER_LINE } from '../settle-limits.js';
import type { RowItem } from './reference-evaluate-rows.js';
import type { BaselineLine } from './reference-settle-facts.js';

/** A missing fact tried with each of its values: one entity's attribute, or some lines' fact. */
export interface Variable {
  readonly fact: string;
  readonly values: readonly FactValue[];
  /** null for an entity attribute; else the rows that lack the fact and get the value. */
  readonly rows: number[] | null;
}

/** One variable a target line gives the search, keyed so that lines sharing it give one key. */
export interface LineVariable {
  readonly key: string;
  readonly fact: string;
  readonly values: readonly FactValue[];
  readonly scope: 'entity' | 'person' | 'line';
}

/**
 * The variables an undetermined line missing `missing` gives the search, or null when it is no
 * target: 1 to MAX_FACTS_PER_LINE facts, each the line's own (an entity attribute none of the
 * `entities` gives; else a fact the ledger's `item` lacks) and with values to try. search-bound.ts
 * counts pass 1's lines with it, so that its keys are the search's.
 */
export function lineVariables(
  domains: FactDomains,
  entities: readonly unknown[],
  line: { readonly row: number; readonly fiscalYear: number | null; readonly item: unknown },
  missing: Iterable<string>,
): LineVariable[] | null {
  const own = record(line.item);
  const person = personOf(line.item);
  const found: LineVariable[] = [];
  for (const fact of missing) {
    const values = domains.valuesOf(fact);
    const scope = domains.scopeOf(fact);
    if (values === null || scope === null) return null;
    if (scope === 'entity') {
      if (entities.some((entity) => record(record(entity)?.attributes)?.[fact] !== undefined))
        return null;
      found.push({ key: `e\u0000${fact}`, fact, values, scope: 'entity' });
    } else if (record(own?.facts)?.[fact] !== undefined) return null;
    // A person attribute has one value for all of the person's lines of the fiscal year.
    else if (domains.perPerson(fact) && person !== undefined)
      found.push({
        key: `p\u0000${person}\u0000${line.fiscalYear}\u0000${fact}`,
        fact,
        values,
        scope: 'person',
      });
    else found.push({ key: `l\u0000${line.row}\u0000${fact}`, fact, values, scope: 'line' });
  }
  return found.length === 0 || found.length > MAX_FACTS_PER_LINE ? null : found;
}

/** The lines' variables: each missing fact of each undetermined line, if all can be tried. */
export function variablesOf(
  domains: FactDomains,
  entities: readonly unknown[],
  rows: readonly RowItem[],
  baseline: ReadonlyMap<number, { readonly line: BaselineLine }>,
): { variables: Map<string, Variable>; targets: Map<number, readonly string[]> } {
  const variables = new Map<string, Variable>();
  const targets = new Map<number, readonly string[]>();
  const itemOf = new Map(rows.map((row) => [row.row, record(row.item)]));
  const lacks = (row: number, fact: string): boolean =>
    record(itemOf.get(row)?.facts)?.[fact] === undefined;
  for (const { item, row } of rows) {
    const line = baseline.get(row)?.line;
    if (line === undefined || line.status !== 'undetermined') continue;
    const missing = line.missingFacts;
    const found = lineVariables(
      domains,
      entities,
      { row, fiscalYear: line.fiscalYear, item },
      missing,
    );
    if (found === null) continue;
    targets.set(row, missing);
    for (const { key, fact, values, scope } of found) {
      if (variables.has(key)) continue;
      if (scope !== 'person') {
        variables.set(key, { fact, values, rows: scope === 'entity' ? null : [row] });
        continue;
      }
      const person = personOf(itemOf.get(row));
      const same = rows
        .filter(
          (other) =>
            personOf(itemOf.get(other.row)) === person &&
            baseline.get(other.row)?.line.fiscalYear === line.fiscalYear &&
            lacks(other.row, fact),
        )
        .map((other) => other.row);
      variables.set(key, { fact, values, rows: same });
    }
  }
  return { variables, targets };
}
