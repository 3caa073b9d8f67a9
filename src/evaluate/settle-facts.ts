// Long file: the search of one entity is one story, screened (its first checks) or whole; its stages share its variables.
import type { FactValue } from '../core/missing.js';
import { LedgerReader } from '../ledger/normalize-ledger.js';
import type { ReportLine } from '../schema/report.js';
import {
  closureOf,
  emitRows,
  flagged,
  judgeRows,
  linksOf,
  type RowItem,
  type RowLinks,
  type JudgedRows,
  type LedgerJudgement,
  type RowResult,
} from './evaluate-rows.js';
import type { FactDomains } from './fact-domains.js';
import {
  codeOf,
  entitiesWithAttributes,
  entityOf,
  FactSettlement,
  personOf,
  withFacts,
} from './fact-settlement.js';
import { FoundSettlement } from './found-settlement.js';
import { glossaryFact } from './glossary-fact.js';
import { factDomainsOf } from './prepared-rule-set.js';
import { standaloneBaseline } from './standalone-baseline.js';
import { MAX_COMBINATIONS } from './settle-limits.js';
import {
  commonLine,
  resultKey,
  variablesOf,
  type BaselineLine,
  type EntitySettlement,
  type SettleInput,
} from './reference/reference-settle-facts.js';

export { entityOf, FactSettlement } from './fact-settlement.js';
export { MAX_COMBINATIONS, MAX_FACTS_PER_LINE } from './settle-limits.js';
export type { SettleInput } from './reference/reference-settle-facts.js';

/** The search's input, with the ledger's first evaluation when it kept its lines (`evaluate`). */
export type SettleFactsInput = SettleInput & { readonly judgement?: LedgerJudgement };

/**
 * docs/decisions.md §4.1, as reference/reference-settle-facts.ts searches it (every combination of
 * values of the missing facts, all the entity's lines together), evaluating only the lines that
 * can tell combinations apart: the lines given a value and those tied to them through a measure
 * or a person (evaluate-rows.ts RowLinks). A line outside those gives every combination the
 * line the ledger gives it, so the report line `evaluate` emits for it stays as it is.
 */
export async function settleFacts(input: SettleFactsInput): Promise<FactSettlement | null> {
  const found = new FoundSettlement(input.entities);
  await settleInto(found, input);
  return found.settlement();
}

/**
 * Screens the suspect entities of `input.rows` on some of their lines only — each suspect line
 * and every line of its person (a streamed ledger holds those without the rest,
 * settle-facts-in-batches.ts) — and adds to `search` those whose search may settle something:
 * where a suspect line is grouped (the search needs its group), or where the checks that read
 * only those lines pass. An entity left out settles nothing: the same checks, on all its lines,
 * fail alike (they judge only the lines given a value, with their persons' attributes).
 */
export async function screenInto(search: Set<string>, input: SettleInput): Promise<void> {
  const domains = factDomainsOf(input.ruleSet);
  const records = recordsByCode(input.entities);
  for (const [code, rows] of rowsByEntity(input)) {
    const result = await settleEntity(input, domains, records.get(code) ?? [], rows, true);
    if (result !== null) search.add(code);
  }
}

/**
 * The ledger's entity records by code, in ledger order (what `entities.filter` on the code gives,
 * found once for all the suspects instead of one pass over every record per suspect).
 */
function recordsByCode(entities: readonly unknown[]): Map<string, unknown[]> {
  const byCode = new Map<string, unknown[]>();
  for (const entity of entities) {
    // As the lines' codes are compared (entityOf): a record under 「３９２０８１」 is 392081's.
    const code = codeOf(entity);
    let records = byCode.get(code);
    if (records === undefined) byCode.set(code, (records = []));
    records.push(entity);
  }
  return byCode;
}

function rowsByEntity(input: SettleInput): Map<string, RowItem[]> {
  const byEntity = new Map<string, RowItem[]>();
  for (const row of input.rows) {
    const code = entityOf(row.item);
    if (!input.suspects.has(code)) continue;
    let rows = byEntity.get(code);
    if (rows === undefined) byEntity.set(code, (rows = []));
    rows.push(row);
  }
  return byEntity;
}

/** Searches the entities of `input.rows` and adds what it settles to `found`. */
export async function settleInto(found: FoundSettlement, input: SettleFactsInput): Promise<void> {
  const domains = factDomainsOf(input.ruleSet);
  const records = recordsByCode(input.entities);
  for (const [code, rows] of rowsByEntity(input)) {
    const own = (entity: unknown): boolean => codeOf(entity) === code;
    // The entity as the ledger gives it (`found.entities` holds what earlier batches settled).
    const result = await settleEntity(input, domains, records.get(code) ?? [], rows, false);
    if (result === null || result === SEARCH) continue;
    if (Object.keys(result.attributes).length > 0)
      found.entities = entitiesWithAttributes(found.entities, (entity) =>
        own(entity) ? result.attributes : undefined,
      );
    for (const [row, values] of result.facts) found.facts.set(row, values);
    for (const [row, line] of result.lines) found.lines.set(row, line);
  }
}

/** The number of combinations of the variables' values. */
function combinationsOf(
  variables: ReadonlyMap<string, { readonly values: readonly unknown[] }>,
): number {
  let count = 1;
  for (const variable of variables.values()) count *= variable.values.length;
  return count;
}

/** What screening (settleEntity's `screening`) returns for an entity the search may settle. */
const SEARCH = 'search';

/**
 * The search of one entity; `screening`: `rows` are only its suspect lines and their persons'
 * lines, and the search stops with SEARCH where it would need the others.
 */
async function settleEntity(
  input: SettleFactsInput,
  domains: FactDomains,
  entities: readonly unknown[],
  rows: readonly RowItem[],
  screening: boolean,
): Promise<EntitySettlement | typeof SEARCH | null> {
  const { duplicates, ruleSet, policy } = input;
  const fact = glossaryFact(ruleSet);
  const links = new Map<number, RowLinks>();
  const noteLinks = (judged: JudgedRows, of: readonly RowItem[]): void => {
    for (const { item, row } of of) {
      const prepared = judged.prepared.get(row);
      if (prepared !== undefined) links.set(row, linksOf(item, prepared));
    }
  };
  const linksOfRow = (row: number): readonly RowLinks[] => {
    const own = links.get(row);
    return own === undefined ? [] : [own];
  };
  // The entity's records read once for the evaluations below that read them as the ledger gives them.
  let reader: LedgerReader | undefined;
  const entityReader = (): LedgerReader => (reader ??= new LedgerReader(entities, ruleSet));
  let judgedAll: JudgedRows | null = null;
  const judgeAll = async (): Promise<void> => {
    if (judgedAll !== null) return;
    judgedAll = await judgeRows(entities, rows, duplicates, ruleSet, policy, rows, entityReader());
    noteLinks(judgedAll, rows);
  };
  // The baseline, emitted only where the search reads it: the lines that may be settled (only
  // such a line can be a target, may-lack-own-fact.ts) and their persons' lines (whose fiscal
  // years a person attribute's value is shared by).
  const ofSuspects = await standaloneBaseline(input, entities, rows, noteLinks);
  if (ofSuspects === 'none') return null;
  let baseline: ReadonlyMap<number, { readonly line: BaselineLine }>;
  if (ofSuspects instanceof Map) baseline = ofSuspects;
  else {
    // A grouped line that may be settled: the search needs the whole baseline. Its lines that no
    // group reads already give some of its variables, and past the bound on those alone the whole
    // baseline's exceed it too (each variable has at least one value): nothing would be tried.
    const partial = ofSuspects && variablesOf(domains, entities, rows, ofSuspects.standalone);
    if (partial && combinationsOf(partial.variables) > MAX_COMBINATIONS) return null;
    if (screening) return SEARCH;
    // Every line judged; a line no measure takes, or an invalid one, is emitted on its own (no
    // group reads it), a grouped line with the lines tied to it, in ledger order.
    await judgeAll();
    const judged = judgedAll as unknown as JudgedRows;
    const seeds = new Set<number>();
    const seedPersons = new Set<unknown>();
    for (const { item, row } of rows) {
      const prepared = judged.prepared.get(row);
      if (prepared === undefined || !flagged(prepared, fact, domains)) continue;
      seeds.add(row);
      // Compared as the reader compares persons ("P1 " is P1).
      const person = personOf(item);
      if (person !== undefined) seedPersons.add(person);
    }
    if (seeds.size === 0) return null;
    const standalone = new Set<number>();
    const grouped: number[] = [];
    for (const { item, row } of rows) {
      if (!seeds.has(row) && !seedPersons.has(personOf(item))) continue;
      const prepared = judged.prepared.get(row);
      if (prepared === undefined) continue;
      if (prepared.entry.valid && prepared.group !== null) grouped.push(row);
      else standalone.add(row);
    }
    const emitted = closureOf(grouped, rows, linksOfRow);
    for (const row of standalone) emitted.add(row);
    baseline = emitRows(judged, rows, emitted);
  }
  const { variables, targets } = variablesOf(domains, entities, rows, baseline);
  if (targets.size === 0) return null;
  const list = [...variables.values()];
  const count = combinationsOf(variables);
  if (count > MAX_COMBINATIONS) return null;
  // An entity attribute reaches every line: every line is tried with each value.
  const entityWide = list.some((variable) => variable.rows === null);

  const attributesOf = (choice: readonly number[]): Record<string, FactValue> => {
    const attributes: Record<string, FactValue> = {};
    list.forEach((variable, index) => {
      const value = variable.values[choice[index] ?? 0];
      if (value !== undefined && variable.rows === null) attributes[variable.fact] = value;
    });
    return attributes;
  };
  const entitiesOf = (choice: readonly number[]): unknown[] => {
    const attributes = attributesOf(choice);
    return entitiesWithAttributes(entities, () => attributes);
  };
  const factsOf = (choice: readonly number[]): Map<number, Record<string, FactValue>> => {
    const facts = new Map<number, Record<string, FactValue>>();
    list.forEach((variable, index) => {
      const value = variable.values[choice[index] ?? 0];
      if (value === undefined) return;
      for (const row of variable.rows ?? []) {
        let own = facts.get(row);
        if (own === undefined) facts.set(row, (own = {}));
        own[variable.fact] = value;
      }
    });
    return facts;
  };
  const itemsOf = (choice: readonly number[], only: ReadonlySet<number> | null): RowItem[] => {
    const facts = factsOf(choice);
    const items: RowItem[] = [];
    for (const { item, row } of rows) {
      if (only !== null && !only.has(row)) continue;
      const values = facts.get(row);
      items.push({ item: values === undefined ? item : withFacts(item, values), row });
    }
    return items;
  };
  const choices: number[][] = [];
  const choice = list.map(() => 0);
  for (let index = 0; index < count; index += 1) {
    choices.push([...choice]);
    // The next combination, the first variable changing fastest.
    for (let at = 0; at < list.length; at += 1) {
      const variable = list[at];
      if (variable === undefined) break;
      const next = (choice[at] ?? 0) + 1;
      choice[at] = next < variable.values.length ? next : 0;
      if (next < variable.values.length) break;
    }
  }

  // The lines given a value, with their links under every combination (their measures may change).
  // A line no measure takes (or an invalid one) gets its report line on its own, whatever the
  // other lines (its warnings may read them: a receipt not deducted reads its person's costs,
  // which are among the lines compared when they change): where such a line of the targets (of the lines given a value, for facts of lines)
  // differs between two combinations, the search fails here, before any line is emitted with
  // its group.
  const changed = new Set(
    entityWide ? rows.map(({ row }) => row) : list.flatMap((variable) => variable.rows ?? []),
  );
  const checked = entityWide ? new Set(targets.keys()) : changed;
  const changedLinks = new Map<number, RowLinks[]>();
  const standaloneKeys = new Map<number, string>();
  const ineligible = new Set<number>();
  const takenRows = new Set<number>();
  for (const each of choices) {
    const items = itemsOf(each, null);
    const judgedChanged = await judgeRows(
      entityWide ? entitiesOf(each) : entities,
      items.filter(({ row }) => checked.has(row)),
      duplicates,
      ruleSet,
      policy,
      items,
      entityWide ? undefined : entityReader(),
    );
    for (const { item, row } of items) {
      const prepared = judgedChanged.prepared.get(row);
      if (prepared === undefined) continue;
      if (!entityWide) {
        let own = changedLinks.get(row);
        if (own === undefined) changedLinks.set(row, (own = [...linksOfRow(row)]));
        own.push(linksOf(item, prepared));
      }
      // A grouped line is never `ineligible` (eligible-line.ts): against one, that is a difference.
      if (prepared.entry.valid && prepared.group !== null) {
        if (ineligible.has(row)) return null;
        takenRows.add(row);
        continue;
      }
      const result = emitRows(judgedChanged, [{ item, row }]).get(row) as RowResult;
      if (result.line.status === 'ineligible') {
        if (takenRows.has(row)) return null;
        ineligible.add(row);
      }
      const key = resultKey(result);
      const earlier = standaloneKeys.get(row);
      if (earlier === undefined) standaloneKeys.set(row, key);
      else if (earlier !== key) return null;
    }
  }
  // Past this point the search may settle the entity: every line's links are needed.
  if (screening) return SEARCH;
  await judgeAll();
  const touched = entityWide
    ? changed
    : closureOf(changed, rows, (row) => changedLinks.get(row) ?? linksOfRow(row));

  const results: Map<number, RowResult>[] = [];
  for (const each of choices) {
    const items = itemsOf(each, touched);
    const result = emitRows(
      await judgeRows(entitiesOf(each), items, duplicates, ruleSet, policy),
      items,
    );
    const first = results[0];
    if (first !== undefined)
      for (const row of touched) {
        const a = first.get(row);
        const b = result.get(row);
        if (a === undefined || b === undefined || resultKey(a) !== resultKey(b)) return null;
      }
    results.push(result);
  }

  const lines = new Map<number, ReportLine>();
  for (const { row } of rows) {
    if (!touched.has(row)) continue;
    const each = results
      .map((result) => result.get(row)?.line)
      .filter((line) => line !== undefined);
    const unneeded = targets.get(row) ?? null;
    const line = commonLine(each, unneeded);
    if (unneeded !== null && line.status === 'undetermined') return null;
    if (unneeded !== null && line.status === 'ineligible' && line.reasons.length === 0) return null;
    lines.set(row, line);
  }
  const first = list.map(() => 0);
  return { attributes: attributesOf(first), facts: factsOf(first), lines };
}
