import type { Measure } from '../schema/measure.js';
import type { Citation } from '../schema/report.js';

/** The citations behind source ids of a measure, de-duplicated, in the order first cited. */
export function cite(measure: Measure, ids: Iterable<string>): Citation[] {
  const seen = new Set<string>();
  const citations: Citation[] = [];
  for (const id of ids) {
    const source = measure.sources[id];
    if (source === undefined || seen.has(id)) continue;
    seen.add(id);
    citations.push({
      id: `${measure.id}#${id}`,
      source: source.file,
      lines: source.lines,
      quote: source.quote,
    });
  }
  return citations;
}

/** Merges citation lists, keeping the first occurrence of each id. */
export function mergeCitations(lists: readonly (readonly Citation[])[]): Citation[] {
  const seen = new Set<string>();
  return lists.flat().filter((citation) => !seen.has(citation.id) && seen.add(citation.id));
}
