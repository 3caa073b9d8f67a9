import type { Version } from '../schema/measure.js';
import { childPath, type ChangeList, type Place } from './change-list.js';
import { diffConditions } from './diff-conditions.js';

/** Adds the differences between two condition trees, each at its leaf's path. */
export function conditionChanges(
  list: ChangeList,
  place: Place,
  base: Version['conditions'],
  head: Version['conditions'],
): void {
  for (const difference of diffConditions(base, head)) {
    const at = { ...place, path: childPath(place, `conditions${difference.path}`) };
    if (difference.kind === 'text')
      list.changed(
        at,
        'text',
        difference.id,
        '',
        difference.what,
        difference.before,
        difference.after,
      );
    else
      list.presence(
        at,
        difference.kind,
        difference.id,
        '',
        difference.what,
        difference.before,
        difference.after,
      );
  }
}
