import type { RuleSet } from '../schema/rule-set.js';
import { cliRuleSet } from './cli-rule-set.js';

let cached: RuleSet | undefined;

/**
 * Stands, in the CLI's build only (tsup.config.ts), for src/rules/bundled-rule-set.ts, whose 35
 * measure files imported as JavaScript (≈ 750 kB) were compiled at every start for nothing: every
 * command passes the rules it read (cli-rule-set.ts). Should a path ever omit them, it gets the
 * package's rules/ from disk, which is what the CLI runs with anyway.
 */
export function bundledRuleSet(): RuleSet {
  cached ??= cliRuleSet(undefined).ruleSet;
  return cached;
}
