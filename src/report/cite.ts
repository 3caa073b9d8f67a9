import type { Measure } from '../schema/measure.js';
import type { Citation } from '../schema/report.js';

/*
 * Citations are shared: every report line citing the same source ids of a measure points at one
 * frozen list of frozen citations, which keeps a million-line report small. The cache is keyed by
 * the rule set's measure, so every later evaluation shares them too: never hand out a mutable one.
 */
const shared = new WeakMap<
  Measure,
  { lists: Map<string, readonly Citation[]>; citations: Map<string, Citation> }
>();
const EMPTY: readonly never[] = Object.freeze([]);

/** The citations behind source ids of a measure, de-duplicated, in the order first cited. */
export function cite(measure: Measure, ids: Iterable<string>): readonly Citation[] {
  const wanted = [...ids];
  if (wanted.length === 0) return EMPTY;
  let known = shared.get(measure);
  if (known === undefined) {
    known = { lists: new Map(), citations: new Map() };
    shared.set(measure, known);
  }
  const key = wanted.join('\u0000');
  const cached = known.lists.get(key);
  if (cached !== undefined) return cached;
  const seen = new Set<string>();
  const citations: Citation[] = [];
  for (const id of wanted) {
    const source = measure.sources[id];
    if (source === undefined || seen.has(id)) continue;
    seen.add(id);
    let citation = known.citations.get(id);
    if (citation === undefined) {
      citation = Object.freeze({
        id: `${measure.id}#${id}`,
        source: source.file,
        lines: source.lines,
        quote: source.quote,
      });
      known.citations.set(id, citation);
    }
    citations.push(citation);
  }
  const list = citations.length === 0 ? EMPTY : Object.freeze(citations);
  known.lists.set(key, list);
  return list;
}

/** Merges citation lists, keeping the first occurrence of each id. */
export function mergeCitations(lists: readonly (readonly Citation[])[]): Citation[] {
  const seen = new Set<string>();
  return lists.flat().filter((citation) => !seen.has(citation.id) && seen.add(citation.id));
}
