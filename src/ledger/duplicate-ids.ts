import { idKey } from './id-key.js';

/** The ids (as idKey) that more than one line uses (null: a line without an id of its own). */
export function duplicateIds(ids: Iterable<string | null>): Set<string> {
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const id of ids) {
    if (id === null) continue;
    const key = idKey(id);
    if (seen.has(key)) duplicates.add(key);
    else seen.add(key);
  }
  return duplicates;
}
