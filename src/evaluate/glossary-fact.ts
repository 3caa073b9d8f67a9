import { MISSING, type FactValue, type Missing } from '../core/missing.js';
import { builtinFact } from '../eligibility/builtin-fact.js';
import type { LedgerLine } from '../ledger/normalize-ledger.js';
import type { RuleSet } from '../schema/rule-set.js';
import { factValue } from './line-assessor.js';

/** A line's fact as the evaluation reads it: builtin, or by the glossary (scope, default); else missing. */
export function glossaryFact(
  ruleSet: RuleSet,
): (line: LedgerLine, id: string) => FactValue | Missing {
  const facts = ruleSet.glossary.facts;
  return (line, id) => {
    const builtin = builtinFact(line, id);
    if (builtin !== undefined) return builtin;
    const definition = Object.hasOwn(facts, id) ? facts[id] : undefined;
    return definition === undefined ? MISSING : factValue(line, id, definition);
  };
}
