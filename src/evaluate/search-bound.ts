import type { PreparedLine } from './evaluation.js';
import type { FactDomains } from './fact-domains.js';
import { record } from './fact-settlement.js';
import { lineVariables } from './reference/variables-of.js';
import { MAX_COMBINATIONS } from './settle-limits.js';

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
  /** The ledger's entities by code (entitiesOf). */
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
    // A line a measure takes is emitted with its group: not counted.
    if (chosen !== null || candidates === null) return true;
    const missing = new Set<string>();
    for (const candidate of candidates) {
      if (candidate.status !== 'undetermined') continue;
      for (const unknown of candidate.unknown)
        for (const fact of unknown.explanation.missing) missing.add(fact);
    }
    // As the search takes its target lines (the entities by the code the line names).
    const at = { row: line.row, fiscalYear: line.fiscalYear, item };
    const keys = lineVariables(this.domains, this.entitiesOf(code), at, missing);
    if (keys === null) return true;
    let noted = this.noted.get(code);
    if (noted === undefined) this.noted.set(code, (noted = { count: 1, shared: new Set() }));
    for (const { key, values } of keys) {
      if (noted.shared.has(key)) continue;
      noted.shared.add(key);
      noted.count *= values.length;
    }
    if (noted.count <= MAX_COMBINATIONS) return true;
    this.beyond.add(code);
    this.noted.delete(code);
    return false;
  }

  /** The ledger's entities with this code, as the search takes them (`input.entities.filter(own)`). */
  private entitiesOf(code: string): readonly unknown[] {
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
    return this.ledgerEntities.get(code) ?? [];
  }
}
