import { sourceRowOf } from '../ledger/source-row.js';
import type { RuleSet } from '../schema/rule-set.js';
import { entityCodeKey } from '../fields/entity-code-key.js';

/**
 * What the result sheets show people instead of ids: 措置名 by measure id, 構成要素 labels by
 * "measure/component", 経費区分 labels by costType id, 団体名 by 団体コード and each line's 経費区分
 * by its row (the report line does not carry it; the ledger does).
 */
export interface ReportLabels {
  readonly measures: ReadonlyMap<string, string>;
  readonly components: ReadonlyMap<string, string>;
  readonly costTypes: ReadonlyMap<string, string>;
  readonly entities: ReadonlyMap<string, string>;
  /** Fact labels by fact name (the 根拠 sheet's 不足事実). */
  readonly facts: ReadonlyMap<string, string>;
  readonly lineCostTypes: ReadonlyMap<number, string>;
}

export const NO_LABELS: ReportLabels = {
  measures: new Map(),
  components: new Map(),
  costTypes: new Map(),
  entities: new Map(),
  facts: new Map(),
  lineCostTypes: new Map(),
};

/** A measure-titles map (the older argument) or labels, as labels. */
export function asReportLabels(
  labels: ReadonlyMap<string, string> | Partial<ReportLabels> | undefined,
): ReportLabels {
  if (labels === undefined) return NO_LABELS;
  if (labels instanceof Map) return { ...NO_LABELS, measures: labels };
  return { ...NO_LABELS, ...(labels as Partial<ReportLabels>) };
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

/** The labels of a rule set, with the ledger's entity names and the 経費区分 of each row (1-based). */
export function reportLabels(
  ruleSet: RuleSet,
  entities: readonly unknown[] = [],
  lineCostTypes: ReadonlyMap<number, string> = new Map(),
): ReportLabels {
  const components = new Map<string, string>();
  for (const measure of ruleSet.measures)
    for (const version of measure.versions)
      for (const component of version.components)
        if (component.id !== undefined && !components.has(`${measure.id}/${component.id}`))
          components.set(`${measure.id}/${component.id}`, component.label ?? component.title);
  const names = new Map<string, string>();
  for (const entity of entities) {
    const { code, name } = record(entity);
    // Report lines name the entity by its code as read (entityCodeKey), not as the list wrote it.
    const key = typeof code === 'string' ? entityCodeKey(code) : undefined;
    if (key !== undefined && typeof name === 'string' && !names.has(key)) names.set(key, name);
  }
  return {
    measures: new Map(ruleSet.measures.map((measure) => [measure.id, measure.title])),
    components,
    costTypes: new Map(
      Object.entries(ruleSet.glossary.costTypes).map(([id, term]) => [id, term.label]),
    ),
    entities: names,
    facts: new Map(
      Object.entries(ruleSet.glossary.facts).map(([name, fact]) => [name, fact.label]),
    ),
    lineCostTypes,
  };
}

/** The costType of each ledger line by row (1-based), from ledger items as they were given. */
export function costTypesOf(lines: Iterable<unknown>): Map<number, string> {
  const map = new Map<number, string>();
  let row = 0;
  for (const line of lines) {
    row += 1;
    const { costType } = record(line);
    // Keyed by the row the report shows: a spreadsheet's own row, else the position.
    if (typeof costType === 'string') map.set(sourceRowOf(line) ?? row, costType);
  }
  return map;
}
