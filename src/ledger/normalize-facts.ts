import type { InputErrorCode } from '../core/codes.js';
import type { FactValue } from '../core/missing.js';
import type { FactDefinition } from '../schema/glossary.js';
import type { RuleSet } from '../schema/rule-set.js';
import { parseFactValue } from './parse-fact-value.js';

/** Where normalizeFacts reports what it finds; fields are prefixed ("facts.NAME", "attributes.NAME"). */
export interface FactsReport {
  /** A value of the wrong type, or a fact given in the wrong scope: the record is invalid. */
  readonly error: (field: string, expected: string, received: string, code: InputErrorCode) => void;
  /** A name the glossary does not define (or a builtin fact): ignored, with a warning. */
  readonly unknown: (name: string) => void;
  /** List values no rule tests for: kept, with a warning. */
  readonly unrecognized?: (
    field: string,
    values: readonly string[],
    known: readonly string[],
  ) => void;
}

/**
 * The glossary-typed facts of one record (`attributes`: docs/contract.md §1.1; `facts`:
 * docs/contract.md §1.2; their names and types: docs/contract.md §3):
 * each name must be a fact of the glossary in this scope, each value of the fact's type.
 */
export function normalizeFacts(
  raw: Readonly<Record<string, unknown>> | undefined,
  scope: 'line' | 'entity',
  ruleSet: RuleSet,
  report: FactsReport,
): Map<string, FactValue> {
  const facts = new Map<string, FactValue>();
  if (raw === undefined) return facts;
  const prefix = scope === 'line' ? 'facts' : 'attributes';
  for (const name of Object.keys(raw)) {
    const definition: FactDefinition | undefined = Object.hasOwn(ruleSet.glossary.facts, name)
      ? ruleSet.glossary.facts[name]
      : undefined;
    if (definition === undefined || definition.scope === 'builtin') {
      report.unknown(name);
      continue;
    }
    if (definition.scope !== scope) {
      report.error(
        `${prefix}.${name}`,
        definition.scope === 'entity'
          ? `団体の属性（attributes.${name}）としての記入`
          : `明細の事実（facts.${name}）としての記入`,
        definition.scope === 'entity' ? '明細の事実として記入' : '団体の属性として記入',
        'FACT_WRONG_SCOPE',
      );
      continue;
    }
    const result = parseFactValue(definition, raw[name]);
    if (!result.ok) {
      report.error(`${prefix}.${name}`, result.expected, result.received, 'FIELD_INVALID');
      continue;
    }
    if (definition.type === 'string-array' && Array.isArray(result.value)) {
      const unrecognized = (result.value as readonly string[]).filter(
        (item) => !definition.values.includes(item),
      );
      if (unrecognized.length > 0)
        report.unrecognized?.(`${prefix}.${name}`, unrecognized, definition.values);
    }
    facts.set(name, result.value);
  }
  return facts;
}
