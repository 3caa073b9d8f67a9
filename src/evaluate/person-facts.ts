import { Yen } from '../compute/yen.js';
import type { FactValue } from '../eligibility/missing.js';
import type { LedgerLine } from '../ledger/normalize-ledger.js';
import type { FactDefinition, Glossary } from '../schema/glossary.js';

/** Merges two values of one person attribute: booleans OR, numbers the largest, lists the union. */
function merge(definition: FactDefinition, a: FactValue, b: FactValue): FactValue {
  if (definition.type === 'boolean') return a === true || b === true;
  if (definition.type === 'number' && typeof a === 'string' && typeof b === 'string') {
    return new Yen(a).gte(new Yen(b)) ? a : b;
  }
  if (Array.isArray(a) && Array.isArray(b))
    return [...new Set([...(a as string[]), ...(b as string[])])].sort();
  return a;
}

function personKey(line: LedgerLine): string | null {
  return line.person === undefined
    ? null
    : `${line.entity.code}\u0000${line.fiscalYear}\u0000${line.person}`;
}

/**
 * Person attributes (glossary facts marked `perPerson`, e.g. 負担金徴収 or the accelerator
 * qualifications, A-06/A-07): within one entity and fiscal year, a value on any of a person's lines
 * applies to all of them. Tallied in a first pass, so every line of the person is judged alike.
 */
export class PersonFacts {
  private readonly definitions: readonly (readonly [string, FactDefinition])[];
  private readonly persons = new Map<string, Map<string, FactValue>>();
  private readonly merged = new Map<string, ReadonlyMap<string, FactValue>>();

  constructor(glossary: Glossary) {
    this.definitions = Object.entries(glossary.facts).filter(
      ([, definition]) => definition.perPerson === true,
    );
  }

  /** First pass: records the person attributes a line states. */
  note(line: LedgerLine): void {
    if (this.definitions.length === 0) return;
    const key = personKey(line);
    if (key === null) return;
    for (const [id, definition] of this.definitions) {
      const value = line.facts.get(id);
      if (value === undefined) continue;
      let person = this.persons.get(key);
      if (person === undefined) {
        person = new Map();
        this.persons.set(key, person);
      }
      const known = person.get(id);
      person.set(id, known === undefined ? value : merge(definition, known, value));
    }
  }

  /**
   * The line with its person's attributes applied, and the facts that changed; the line itself
   * when nothing changes. The merged facts map is shared by the lines it applies to.
   */
  apply(line: LedgerLine): { line: LedgerLine; changed: readonly string[] } {
    const key = personKey(line);
    const person = key === null ? undefined : this.persons.get(key);
    if (person === undefined) return { line, changed: [] };
    const changed = [...person]
      .filter(([id, value]) => JSON.stringify(line.facts.get(id)) !== JSON.stringify(value))
      .map(([id]) => id);
    if (changed.length === 0) return { line, changed };
    const cacheKey = `${key ?? ''}\u0000${JSON.stringify([...line.facts])}`;
    let facts = this.merged.get(cacheKey);
    if (facts === undefined) {
      facts = new Map([...line.facts, ...person]);
      this.merged.set(cacheKey, facts);
    }
    return { line: { ...line, facts }, changed };
  }
}
