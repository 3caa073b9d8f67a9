import type { Glossary } from './glossary.js';

/**
 * How a fact is named to people: its glossary label, and its id in brackets for the ledger column;
 * `unitOf` gives the glossary's unit of a number fact (円, 年, か月…), so a bound reads 「100,000円以上」.
 */
export type FactLabel = ((id: string) => string) & {
  readonly unitOf?: (id: string) => string | undefined;
  /** A choice value's Japanese label (glossary `valueLabels`), or undefined. */
  readonly valueLabelOf?: (id: string, value: string) => string | undefined;
};

/**
 * 「研修等が育成プログラムに記載されたもの（inTrainingProgram）」: a clerk reads the label, the id
 * says which ledger column to fill. A fact the glossary does not know keeps its bare id.
 */
export function factLabelOf(glossary: { readonly facts: Glossary['facts'] }): FactLabel {
  const facts = glossary.facts;
  const definitionOf = (id: string): Glossary['facts'][string] | undefined =>
    Object.hasOwn(facts, id) ? facts[id] : undefined;
  const label = (id: string): string => {
    const definition = definitionOf(id);
    return definition === undefined ? id : `${definition.label}（${id}）`;
  };
  const unitOf = (id: string): string | undefined => {
    const definition = definitionOf(id);
    return definition !== undefined && 'unit' in definition && typeof definition.unit === 'string'
      ? definition.unit
      : undefined;
  };
  const valueLabelOf = (id: string, value: string): string | undefined => {
    const definition = definitionOf(id);
    const labels =
      definition !== undefined && 'valueLabels' in definition ? definition.valueLabels : undefined;
    return labels !== undefined && Object.hasOwn(labels, value) ? labels[value] : undefined;
  };
  return Object.assign(label, { unitOf, valueLabelOf });
}
