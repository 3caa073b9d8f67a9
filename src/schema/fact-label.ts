import type { Glossary } from './glossary.js';

/** How a fact is named to people: its glossary label, and its id in brackets for the ledger column. */
export type FactLabel = (id: string) => string;

/**
 * 「研修等が育成プログラムに記載されたもの（inTrainingProgram）」: a clerk reads the label, the id
 * says which ledger column to fill. A fact the glossary does not know keeps its bare id.
 */
export function factLabelOf(glossary: { readonly facts: Glossary['facts'] }): FactLabel {
  const facts = glossary.facts;
  return (id) => {
    const definition = Object.hasOwn(facts, id) ? facts[id] : undefined;
    return definition === undefined ? id : `${definition.label}（${id}）`;
  };
}
