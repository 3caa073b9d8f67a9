import type { PreparedLine } from './evaluation.js';
import type { FactDomains } from './fact-domains.js';
import { entityOf, record } from './fact-settlement.js';
import { MAX_COMBINATIONS, MAX_FACTS_PER_LINE } from './settle-limits.js';

/** What one entity's lines noted so far give of the search's variables. */
interface Noted {
  /** The product of the values of the variables counted. */
  count: number;
  /** The variables counted, keyed as the search keys them. */
  readonly shared: Set<string>;
}

/**
 * The search of docs/decisions.md §4.1 tries nothing for an entity whose variables have more than
 * MAX_COMBINATIONS combinations of values (settle-facts.ts). This counts, line by line in pass 1,
 * some of those variables: those of the lines no measure takes that may lack their own facts. Such
 * a line's report line is the same in the search's baseline (it is emitted on its own there,
 * decided-line.ts: undetermined, listing the missing facts of its undetermined candidates), so
 * whenever it is a target of the search (reference-settle-facts.ts variablesOf) its variables are
 * the search's, keyed alike. The product of a subset of the variables (each has at least one value)
 * is a lower bound: past the bound here, the search would try nothing, and the entity need not be
 * searched — nor, in a streamed ledger, read again.
 */
export class SearchBound {
  private readonly noted = new Map<string, Noted>();
  private readonly beyond = new Set<string>();
  /** The ledger's entities by code, as the search takes them (`input.entities.filter(own)`). */
  private ledgerEntities: Map<string, unknown[]> | null = null;

  constructor(
    private readonly entities: readonly unknown[],
    private readonly domains: FactDomains,
  ) {}

  /** Whether the search is past the bound for the entity, from the lines noted so far. */
  isBeyond(code: string): boolean {
    return this.beyond.has(code);
  }

  /**
   * Notes a judged line that may lack its own facts (may-lack-own-fact.ts), with the ledger's item
   * it was read from (as the search reads it); true while its entity is within the bound.
   */
  note(prepared: PreparedLine, item: unknown): boolean {
    const { entry, chosen, candidates } = prepared;
    if (!entry.valid) return true;
    const { line } = entry;
    const code = line.entity.code;
    if (this.beyond.has(code)) return false;
    // A line a measure takes is emitted with its group: not counted. Nor a line the search would
    // look for under another entity (the search groups lines by the code the item names).
    if (chosen !== null || candidates === null || entityOf(item) !== code) return true;
    const missing = new Set<string>();
    for (const candidate of candidates) {
      if (candidate.status !== 'undetermined') continue;
      for (const unknown of candidate.unknown)
        for (const fact of unknown.explanation.missing) missing.add(fact);
    }
    if (missing.size === 0) return true;
    if (missing.size > MAX_FACTS_PER_LINE) return true;
    const given = record(record(item)?.facts);
    const person = record(item)?.person;
    const keys: { key: string; values: number }[] = [];
    // As variablesOf: a target only if every missing fact is the line's own, with values to try.
    for (const fact of missing) {
      const values = this.domains.valuesOf(fact);
      const scope = this.domains.scopeOf(fact);
      if (values === null || scope === null) return true;
      if (scope === 'entity') {
        if (!this.lackedByEntity(code, fact)) return true;
        keys.push({ key: `e\u0000${fact}`, values: values.length });
        continue;
      }
      if (given?.[fact] !== undefined) return true;
      if (this.domains.perPerson(fact) && typeof person === 'string')
        keys.push({
          key: `p\u0000${person}\u0000${line.fiscalYear}\u0000${fact}`,
          values: values.length,
        });
      // Keyed by row as the search keys it (a row given twice is one variable there).
      else keys.push({ key: `l\u0000${line.row}\u0000${fact}`, values: values.length });
    }
    let noted = this.noted.get(code);
    if (noted === undefined) this.noted.set(code, (noted = { count: 1, shared: new Set() }));
    for (const { key, values } of keys) {
      if (noted.shared.has(key)) continue;
      noted.shared.add(key);
      noted.count *= values;
    }
    if (noted.count <= MAX_COMBINATIONS) return true;
    this.beyond.add(code);
    this.noted.delete(code);
    return false;
  }

  /** Whether no entity of the ledger with this code gives the attribute (as variablesOf asks). */
  private lackedByEntity(code: string, fact: string): boolean {
    if (this.ledgerEntities === null) {
      this.ledgerEntities = new Map();
      for (const entity of this.entities) {
        const own = record(entity)?.code;
        if (typeof own !== 'string') continue;
        const list = this.ledgerEntities.get(own);
        if (list === undefined) this.ledgerEntities.set(own, [entity]);
        else list.push(entity);
      }
    }
    const list = this.ledgerEntities.get(code) ?? [];
    return list.every((entity) => record(record(entity)?.attributes)?.[fact] === undefined);
  }
}
