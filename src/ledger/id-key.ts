/** Printable ASCII is its own NFKC form: the common case needs no normalisation. */
const PLAIN_ASCII = /^[\x20-\x7e]*$/u;

/**
 * The form in which ids are compared: NFKC, so "Ｃ１" and "C1" (full- and half-width) are the same
 * id — two lines using them are duplicates, and a person written both ways is one person.
 */
export function idKey(id: string): string {
  return PLAIN_ASCII.test(id) ? id : id.normalize('NFKC');
}

/**
 * The form in which person ids are compared: idKey's, without the spaces around it — "P1 " typed
 * in a cell is P1, not a second person whose own cap would be applied again. (Line ids keep theirs:
 * two lines are two lines either way.)
 */
export function personIdKey(person: string): string {
  return idKey(person).trim();
}

/** The id a line gives itself, or null: only these can be duplicates (a "#row" stand-in never is). */
export function ownIdOf(item: unknown): string | null {
  const id =
    item !== null && typeof item === 'object' ? (item as Record<string, unknown>).id : undefined;
  return typeof id === 'string' && id.trim() !== '' ? id : null;
}

/** A line's id as the report shows it: its own, or "#row" when it has none. */
export function lineIdOf(item: unknown, row: number): string {
  return ownIdOf(item) ?? `#${row}`;
}
