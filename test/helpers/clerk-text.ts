// Test helper for the clerk-first rules (docs/contract.md §2.6): what a person reads is Japanese,
// and a fact, measure or component id appears only in brackets after its label.
import type { RuleSet } from '../../src/schema/rule-set.js';
import { bundledRuleSet } from '../../src/rules/bundled-rule-set.js';

/** A hiragana, katakana or kanji character: the text is Japanese. */
export const JAPANESE = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u;

/** Every fact, measure and component id of a rule set. */
export function idsOf(rules: RuleSet): Set<string> {
  return new Set<string>([
    ...Object.keys(rules.glossary.facts),
    ...rules.measures.map((measure) => measure.id),
    ...rules.measures.flatMap((measure) =>
      measure.versions.flatMap((version) =>
        version.components.flatMap((component) =>
          component.id === undefined ? [] : [component.id],
        ),
      ),
    ),
  ]);
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');

/** Matches any of the ids as a whole word; longest first, so a measure id is not read as one of its words. */
export function idPattern(ids: Iterable<string>): RegExp {
  return new RegExp(
    `(?<![A-Za-z0-9-])(${[...ids]
      .sort((a, b) => b.length - a.length)
      .map(escape)
      .join('|')})(?![A-Za-z0-9-])`,
    'g',
  );
}

const BUNDLED_IDS = idPattern(idsOf(bundledRuleSet()));

/** The ids a text shows without their label: not directly after 「（」 nor as `facts.<id>`. */
export function bareIds(text: string, pattern: RegExp = BUNDLED_IDS): string[] {
  const bare: string[] = [];
  for (const match of text.matchAll(pattern)) {
    const before = text.slice(0, match.index);
    if (before.endsWith('（') || before.endsWith('facts.')) continue;
    bare.push(match[0]);
  }
  return bare;
}
