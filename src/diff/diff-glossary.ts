import { canonicalJson } from '../rules/canonical-json.js';
import type { RuleSet } from '../schema/rule-set.js';
import { GLOBAL, type ChangeList } from './change-list.js';

const GLOSSARY_SECTIONS = [
  ['programs', 'program'],
  ['costTypes', 'costType'],
  ['entityKinds', 'entityKind'],
  ['facts', 'fact'],
] as const;

/** Adds the glossary entries added, removed or changed, section by section. */
export function diffGlossary(
  list: ChangeList,
  base: RuleSet['glossary'],
  head: RuleSet['glossary'],
): void {
  for (const [section, singular] of GLOSSARY_SECTIONS) {
    const [before, after] = [
      base[section] as Record<string, object>,
      head[section] as Record<string, object>,
    ];
    for (const id of new Set([...Object.keys(before), ...Object.keys(after)])) {
      const [was, now] = [before[id], after[id]];
      const at = { ...GLOBAL, path: `glossary.${section}.${id}` };
      if (now === undefined)
        list.presence(
          at,
          'glossary',
          id,
          '',
          `glossary ${singular} ${id} removed`,
          canonicalJson(was),
          null,
        );
      else if (was === undefined)
        list.presence(
          at,
          'glossary',
          id,
          '',
          `glossary ${singular} ${id} added`,
          null,
          canonicalJson(now),
        );
      else {
        const names = [...new Set([...Object.keys(was), ...Object.keys(now)])].sort();
        const what = (name: string): string => `glossary ${singular} ${id} ${name}`;
        // A label or note is wording; a fact's type, scope, values or default can change results.
        list.fields(
          at,
          'text',
          id,
          was,
          now,
          names.filter((name) => name === 'label' || name === 'note'),
          what,
        );
        list.fields(
          at,
          'glossary',
          id,
          was,
          now,
          names.filter((name) => name !== 'label' && name !== 'note'),
          what,
        );
      }
    }
  }
}
