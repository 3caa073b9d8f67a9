/**
 * Where in a JSON file a line or entity object starts (1-based line and column), kept beside the
 * record (a WeakMap, as source-row.ts keeps a sheet row) so the record stays plain ledger JSON.
 *
 * Why: "lines の 120 件目" is hard to find in a long file; an editor jumps to "12 行 5 列目".
 */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

const POSITIONS = new WeakMap<object, SourcePosition>();

/** Notes where a record's object starts in the text it was read from. */
export function noteSourcePosition(record: object, position: SourcePosition): void {
  POSITIONS.set(record, position);
}

/** The position noted for a record, if any. */
export function sourcePositionOf(record: unknown): SourcePosition | undefined {
  if (record === null || typeof record !== 'object') return undefined;
  return POSITIONS.get(record);
}
