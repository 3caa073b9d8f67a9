import { flatString } from '../core/flat-string.js';
import { Yen } from '../core/yen.js';
import type { FactValue } from '../core/missing.js';
import type { LedgerLine } from '../ledger/normalize-ledger.js';
import type { ReportWarning } from '../schema/report.js';
import type { FactDefinition, Glossary } from '../schema/glossary.js';
import type { FactLabel } from '../schema/fact-label.js';
import { entityText } from '../compute/place-text.js';

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

const NONE: readonly string[] = Object.freeze([]);

const MAX_CACHED = 10_000;

function personKey(line: LedgerLine): string | null {
  return line.person === undefined
    ? null
    : `${line.entity.code}\u0000${line.fiscalYear}\u0000${line.person}`;
}

/** Per glossary (an evaluation of a few lines must not walk every fact definition again). */
const perPersonByGlossary = new WeakMap<Glossary, readonly (readonly [string, FactDefinition])[]>();

function perPersonDefinitions(glossary: Glossary): readonly (readonly [string, FactDefinition])[] {
  let definitions = perPersonByGlossary.get(glossary);
  if (definitions === undefined) {
    definitions = Object.entries(glossary.facts).filter(
      ([, definition]) => definition.perPerson === true,
    );
    perPersonByGlossary.set(glossary, definitions);
  }
  return definitions;
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
  private applied = new WeakMap<
    ReadonlyMap<string, FactValue>,
    Map<
      ReadonlyMap<string, FactValue>,
      { changed: readonly string[]; facts: ReadonlyMap<string, FactValue> }
    >
  >();
  /** Outcomes in `applied` (a WeakMap cannot say). */
  private appliedCount = 0;

  constructor(glossary: Glossary) {
    this.definitions = perPersonDefinitions(glossary);
  }

  /**
   * Whether a raw ledger line could state a person attribute: a person and, among its facts, one
   * marked `perPerson` (facts are read by their glossary names, so no other line can). The first
   * pass reads only these lines: reading every line of a big ledger once more costs more than all
   * its judging.
   */
  mayState(item: unknown): boolean {
    if (this.definitions.length === 0 || item === null || typeof item !== 'object') return false;
    const { person, facts } = item as Record<string, unknown>;
    if (person === undefined || person === null || facts === null || typeof facts !== 'object')
      return false;
    return this.definitions.some(([id]) => Object.hasOwn(facts, id));
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
        this.persons.set(flatString(key), person);
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
    if (this.persons.size === 0 || line.person === undefined) return { line, changed: NONE };
    const key = personKey(line);
    const person = key === null ? undefined : this.persons.get(key);
    if (person === undefined) return { line, changed: NONE };
    // Lines share interned facts maps: the comparison is done once per person and facts map.
    // Both caches are bounded: a national ledger has tens of thousands of persons, and a miss
    // only costs the comparison again (the merged map it makes is equal, if not the same object).
    if (this.appliedCount >= MAX_CACHED) {
      this.applied = new WeakMap();
      this.appliedCount = 0;
    }
    let byFacts = this.applied.get(person);
    if (byFacts === undefined) {
      byFacts = new Map();
      this.applied.set(person, byFacts);
    }
    let outcome = byFacts.get(line.facts);
    if (outcome === undefined) {
      const changed = [...person]
        .filter(([id, value]) => JSON.stringify(line.facts.get(id)) !== JSON.stringify(value))
        .map(([id]) => id);
      let facts: ReadonlyMap<string, FactValue> = line.facts;
      if (changed.length > 0) {
        const cacheKey = `${key ?? ''}\u0000${JSON.stringify([...line.facts])}`;
        const merged = this.merged.get(cacheKey);
        facts = merged ?? new Map([...line.facts, ...person]);
        if (merged === undefined) {
          if (this.merged.size >= MAX_CACHED) this.merged.clear();
          this.merged.set(cacheKey, facts);
        }
      }
      outcome = { changed: changed.length === 0 ? NONE : changed, facts };
      byFacts.set(line.facts, outcome);
      this.appliedCount += 1;
    }
    if (outcome.changed.length === 0) return { line, changed: NONE };
    return { line: { ...line, facts: outcome.facts }, changed: outcome.changed };
  }
}

/** PERSON_FACTS_APPLIED: the line's facts that its person's other lines changed. */
export function personFactsApplied(
  line: LedgerLine,
  changed: readonly string[],
  factLabel: FactLabel,
): ReportWarning {
  // As a clerk wrote them: はい/いいえ, a choice by its label with the value in brackets.
  const shown = (id: string, value: unknown): string => {
    if (typeof value === 'boolean') return value ? 'はい' : 'いいえ';
    if (Array.isArray(value)) return value.map((item) => shown(id, item)).join('・');
    if (typeof value !== 'string') return JSON.stringify(value);
    const label = factLabel.valueLabelOf?.(id, value);
    return label === undefined ? value : `${label}（${value}）`;
  };
  const values = changed
    .map((id) => `${factLabel(id)} = ${shown(id, line.facts.get(id))}`)
    .join('、');
  return {
    code: 'PERSON_FACTS_APPLIED',
    line: line.id,
    message: `明細 ${line.id}: ${values} を人物 ${line.person ?? ''} の他の明細（${entityText(line.entity)} FY${line.fiscalYear}）から補った。人物の属性はその人物のすべての明細に適用される`,
  };
}
