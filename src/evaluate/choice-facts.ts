import type { RuleSet } from '../schema/rule-set.js';

/** Per glossary: the line facts that are choices (enums), which reasons show by name. */
const choiceFactsByGlossary = new WeakMap<RuleSet['glossary'], ReadonlySet<string>>();

export function choiceFactsOf(glossary: RuleSet['glossary']): ReadonlySet<string> {
  let facts = choiceFactsByGlossary.get(glossary);
  if (facts === undefined) {
    facts = new Set(
      Object.entries(glossary.facts).flatMap(([id, definition]) =>
        definition.scope === 'line' && definition.type === 'enum' ? [id] : [],
      ),
    );
    choiceFactsByGlossary.set(glossary, facts);
  }
  return facts;
}
