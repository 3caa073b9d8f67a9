import { MISSING, type FactValue, type Missing } from '../core/missing.js';
import { builtinFact } from '../eligibility/builtin-fact.js';
import type { LedgerLine } from '../ledger/normalize-ledger.js';
import type { RuleSet } from '../schema/rule-set.js';
import { factValue, statedValue } from './line-assessor.js';

/** Whether a line (its entity, for an entity fact) leaves a fact blank that the glossary gives a default. */
export function glossaryDefaulted(ruleSet: RuleSet): (line: LedgerLine, id: string) => boolean {
  const facts = ruleSet.glossary.facts;
  return (line, id) => {
    const definition = Object.hasOwn(facts, id) ? facts[id] : undefined;
    if (definition === undefined || !('default' in definition)) return false;
    return definition.default !== undefined && statedValue(line, id, definition) === undefined;
  };
}

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
