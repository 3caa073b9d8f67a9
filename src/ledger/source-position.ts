/**
 * Where in a JSON file a line or entity object starts (1-based line and column), kept beside the
 * record so the record stays plain ledger JSON.
 *
 * Why: "lines の 120 件目" is hard to find in a long file; an editor jumps to "12 行 5 列目".
 *
 * Kept as a non-enumerable symbol property, which JSON.stringify, Object.keys, spreads and
 * structured clones all pass over, as they did the WeakMap this used to be: a WeakMap entry per
 * line cost a streamed ledger about a sixth of its time (inserts, and the collector walking a
 * table of millions of entries). An object that cannot take a property (frozen) keeps its
 * position in a WeakMap still.
 */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

const POSITION = Symbol('kofuzei source position');
const FROZEN_POSITIONS = new WeakMap<object, SourcePosition>();

/** Notes where a record's object starts in the text it was read from. */
export function noteSourcePosition(record: object, position: SourcePosition): void {
  if (Object.isExtensible(record))
    Object.defineProperty(record, POSITION, {
      value: position,
      configurable: true,
      writable: true,
    });
  else FROZEN_POSITIONS.set(record, position);
}

/** The position noted for a record, if any. */
export function sourcePositionOf(record: unknown): SourcePosition | undefined {
  if (record === null || typeof record !== 'object') return undefined;
  return (record as { [POSITION]?: SourcePosition })[POSITION] ?? FROZEN_POSITIONS.get(record);
}
