import { loadRuleSet } from '../rules/load-rule-set.js';
import type { RuleSet } from '../schema/rule-set.js';
import { readRuleDir } from './read-rule-dir.js';

/** Reads and validates a rules directory (every quote checked against its sources/). */
export function loadRuleDir(dir: string): RuleSet {
  return loadRuleSet(readRuleDir(dir));
}
