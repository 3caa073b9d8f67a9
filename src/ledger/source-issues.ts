/**
 * A problem a reader found in the source of one record that the record's values no longer show:
 * a key written twice in a JSON object (JSON.parse keeps the last), an entity column of a CSV row
 * that contradicts the row that defined the entity. The normaliser makes the record invalid with it.
 */
export interface SourceIssue {
  /** The field, relative to the record (e.g. "amount", or "entities.name" for an entity column). */
  readonly field: string;
  readonly expected: string;
  readonly received: string;
  /** Character offset in the text the record was read from, where the reader knows it. */
  readonly offset?: number;
}

/** Keyed by the record object, so records stay plain and nothing outlives them. */
const issues = new WeakMap<object, SourceIssue[]>();

export function noteSourceIssue(record: object, issue: SourceIssue): void {
  const found = issues.get(record);
  if (found === undefined) issues.set(record, [issue]);
  else found.push(issue);
}

const NONE: readonly SourceIssue[] = Object.freeze([]);

/** The issues noted for a record (none for anything else, such as a caller's own object). */
export function sourceIssuesOf(record: unknown): readonly SourceIssue[] {
  if (record === null || typeof record !== 'object') return NONE;
  return issues.get(record) ?? NONE;
}
