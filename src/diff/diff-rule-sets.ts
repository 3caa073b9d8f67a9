import type { RuleSet } from '../schema/rule-set.js';
import { ChangeList, GLOBAL } from './change-list.js';
import { coverage } from './coverage.js';
import { diffAssumptions } from './diff-assumptions.js';
import { diffGlossary } from './diff-glossary.js';
import { diffMeasure } from './diff-measure.js';
import type { RuleChange } from './rule-change.js';

/**
 * The structural differences between two rule sets, in a fixed order: measures by id (fields,
 * sources, coverage, versions by id, components by id, parameters, caps by id, headcount,
 * conditions by leaf id), then the glossary, then the assumptions. Each change names the fiscal
 * years it can affect so a changed report line can be traced back to it.
 *
 * @example
 * ```ts
 * import { diffRuleSets, loadRuleSet } from 'kofuzei';
 * import { readRuleDir } from 'kofuzei/node';
 *
 * // The rules as they are, and a change that retires one measure.
 * const input = readRuleDir('rules');
 * const base = loadRuleSet(input);
 * const head = loadRuleSet({
 *   ...input,
 *   measures: input.measures.filter(({ file }) => file !== 'gx-advisor.json'),
 * });
 * for (const change of diffRuleSets(base, head)) console.log(change.kind, change.text);
 * // → measure-removed gx-advisor measure removed (FY2024–)
 * ```
 */
export function diffRuleSets(base: RuleSet, head: RuleSet): RuleChange[] {
  const list = new ChangeList();
  const baseMeasures = new Map(base.measures.map((measure) => [measure.id, measure]));
  const headMeasures = new Map(head.measures.map((measure) => [measure.id, measure]));
  const ids = [...new Set([...baseMeasures.keys(), ...headMeasures.keys()])].sort();
  for (const id of ids) {
    const [was, now] = [baseMeasures.get(id), headMeasures.get(id)];
    const place = { ...GLOBAL, measure: id, prefix: id };
    if (now === undefined && was !== undefined)
      list.presence(
        place,
        'measure-removed',
        id,
        '',
        `measure removed (${coverage(was)})`,
        coverage(was),
        null,
      );
    else if (was === undefined && now !== undefined)
      list.presence(
        place,
        'measure-added',
        id,
        '',
        `measure added (${coverage(now)})`,
        null,
        coverage(now),
      );
    else if (was !== undefined && now !== undefined) diffMeasure(list, was, now);
  }
  diffGlossary(list, base.glossary, head.glossary);
  diffAssumptions(list, base.assumptions, head.assumptions);
  return list.changes;
}
