import { sourceProblemsOf, type SourceProblem } from './source-problems.js';

/**
 * The source problems noted for a record and for its facts or attributes object, the nested
 * object's fields prefixed ("facts.experienceYears").
 */
export function sourceProblemsOfRecord(
  record: unknown,
  nested: 'facts' | 'attributes',
): readonly SourceProblem[] {
  const own = sourceProblemsOf(record);
  const inner =
    record !== null && typeof record === 'object'
      ? sourceProblemsOf((record as Record<string, unknown>)[nested])
      : [];
  if (inner.length === 0) return own;
  return [...own, ...inner.map((problem) => ({ ...problem, field: `${nested}.${problem.field}` }))];
}
