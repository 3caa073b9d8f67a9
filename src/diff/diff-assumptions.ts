import type { RuleSet } from '../schema/rule-set.js';
import { clip, GLOBAL, type ChangeList } from './change-list.js';

/** Adds the assumptions added, removed or changed, by id. */
export function diffAssumptions(
  list: ChangeList,
  base: RuleSet['assumptions'],
  head: RuleSet['assumptions'],
): void {
  for (const id of [...new Set([...Object.keys(base), ...Object.keys(head)])].sort()) {
    const [was, now] = [base[id], head[id]];
    const at = { ...GLOBAL, path: `assumptions.${id}` };
    if (now === undefined)
      list.presence(at, 'assumption', id, '', `assumption ${id} removed`, was?.text ?? null, null);
    else if (was === undefined)
      list.presence(
        at,
        'assumption',
        id,
        '',
        `assumption ${id} added: ${clip(now.text)}`,
        null,
        now.text,
      );
    else
      list.fields(
        at,
        'assumption',
        id,
        was,
        now,
        ['title', 'text', 'policy'],
        (field) => `assumption ${id} ${field}`,
      );
  }
}
