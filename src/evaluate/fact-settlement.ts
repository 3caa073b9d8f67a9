import { copyLedgerWarnings, copySourceNotes } from '../ledger/source-problems.js';
import { sourceRowOf } from '../ledger/source-row.js';
import { entityCodeKey } from '../fields/entity-code-key.js';
import { personIdKey } from '../ledger/id-key.js';
import type { FactValue } from '../core/missing.js';
import type { ReportLine } from '../schema/report.js';

/**
 * The missing facts found not to matter: a value for each (any value gives the same results), and
 * the report line each line of those entities then gets.
 */
export class FactSettlement {
  constructor(
    /** The ledger's entities, an attribute found not to matter given a value. */
    readonly entities: readonly unknown[],
    private readonly facts: ReadonlyMap<number, Readonly<Record<string, FactValue>>>,
    private readonly lines: ReadonlyMap<number, ReportLine>,
  ) {}

  /** The ledger line of this row with a value for each of its facts found not to matter. */
  item(item: unknown, row: number): unknown {
    // Keyed by the row the report shows (a spreadsheet's own row, else the position).
    const facts = this.facts.get(sourceRowOf(item) ?? row);
    return facts === undefined ? item : withFacts(item, facts);
  }

  /** The report line of a row of an entity whose missing facts were found not to matter. */
  line(row: number): ReportLine | undefined {
    return this.lines.get(row);
  }
}

export function record(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

/**
 * The person a ledger line names, as the reader compares persons (personIdKey: "P1 " and "Ｐ１"
 * are P1), or undefined when it names none: the search groups a person's lines by it.
 */
export function personOf(item: unknown): string | undefined {
  const person = record(item)?.person;
  return typeof person === 'string' ? personIdKey(person) : undefined;
}

/** The code of the entity a ledger line names, as the line is read (entityCodeKey; '' when none). */
export function entityOf(item: unknown): string {
  const entity = record(item)?.entity;
  return typeof entity === 'string' ? entityCodeKey(entity) : '';
}

/** The code of an entity record, as the entity list is read (entityCodeKey; '' when none). */
export function codeOf(entity: unknown): string {
  const code = record(entity)?.code;
  return typeof code === 'string' ? entityCodeKey(code) : '';
}

export function withFacts(item: unknown, facts: Readonly<Record<string, FactValue>>): unknown {
  const own = record(item);
  if (own === null) return item;
  const copy = { ...own, facts: { ...(record(own.facts) ?? {}), ...facts } };
  copySourceNotes(item, copy);
  // A problem noted on the facts object (a fact's key written twice) belongs to the copy's too.
  copySourceNotes(own.facts, copy.facts);
  return copy;
}

export function withAttributes(
  entity: unknown,
  facts: Readonly<Record<string, FactValue>>,
): unknown {
  const own = record(entity);
  if (own === null) return entity;
  const copy = { ...own, attributes: { ...(record(own.attributes) ?? {}), ...facts } };
  copySourceNotes(entity, copy);
  copySourceNotes(own.attributes, copy.attributes);
  return copy;
}

/**
 * A ledger's entities with the attributes found not to matter given a value (`attributesOf`: the
 * values for the entity at that index, or undefined to keep it as it is). The new array keeps the
 * input warnings a spreadsheet reader noted beside the original (a hidden sheet passed over):
 * every evaluation that reads it reports them, and a dropped warning is a silent loss.
 */
export function entitiesWithAttributes(
  entities: readonly unknown[],
  attributesOf: (entity: unknown, index: number) => Readonly<Record<string, FactValue>> | undefined,
): unknown[] {
  const copy = entities.map((entity, index) => {
    const attributes = attributesOf(entity, index);
    return attributes === undefined ? entity : withAttributes(entity, attributes);
  });
  copyLedgerWarnings(entities, copy);
  return copy;
}
