/**
 * Glossary terms (programs, cost types, entity kinds) given by their Japanese label, as a clerk
 * picks them from the template's lists: one mapping shared by every reader (JSON, CSV, xlsx,
 * Sheets), so a label means the same id whatever the file.
 */
type Terms = Readonly<Record<string, { readonly label: string }>>;

/**
 * A label as typed or as it comes back from Shift_JIS: NFKC, and the dashes and waves CP932 maps to
 * other code points (− U+2212 comes back as － U+FF0D, 〜 U+301C as ～ U+FF5E) folded together.
 */
export function labelKey(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u2010-\u2015\u2212\uFF0D]/gu, '-')
    .replace(/[\u301C\uFF5E]/gu, '~');
}

/** Each label (as written and as labelKey folds it) → its term id. */
export function labelMap(terms: Terms): Map<string, string> {
  const map = new Map<string, string>();
  for (const [id, term] of Object.entries(terms)) {
    map.set(term.label, id);
    map.set(labelKey(term.label), id);
  }
  return map;
}

const MAPS = new WeakMap<Terms, Map<string, string>>();

/**
 * The term id a value names: the id itself, or the id whose label it is (trimmed, labelKey-folded).
 * Anything else is returned unchanged, for the reader to refuse with suggestions.
 */
export function termIdOf(terms: Terms, value: string): string {
  if (Object.hasOwn(terms, value)) return value;
  let map = MAPS.get(terms);
  if (map === undefined) {
    map = labelMap(terms);
    MAPS.set(terms, map);
  }
  const text = value.trim();
  return map.get(text) ?? map.get(labelKey(text)) ?? value;
}
