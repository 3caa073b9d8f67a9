/**
 * The same string as one flat piece. A key built with `+=` is a chain of V8 cons strings (one
 * node per piece) that stays a chain as a Map key: about five times the size of the flat string.
 * Caches that keep such keys for a whole evaluation store them flattened (once per entry, on a miss).
 * A JSON round trip is exact for every string, lone surrogates included.
 */
export function flatString(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}
