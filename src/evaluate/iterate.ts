function isIterable(value: unknown): value is Iterable<unknown> {
  return value !== null && typeof value === 'object' && Symbol.iterator in value;
}

/** The items of a ledger's lines given as an iterable or an async iterable, one way. */
export async function* iterate(source: Iterable<unknown> | AsyncIterable<unknown>): AsyncGenerator {
  if (isIterable(source)) yield* source;
  else yield* source;
}
