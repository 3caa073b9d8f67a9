import type { LedgerLine } from '../ledger/normalize-ledger.js';
import { MISSING, type FactValue, type Missing } from '../eligibility/missing.js';
import type { Glossary } from '../schema/glossary.js';

/**
 * Every glossary fact's value for one line: builtins from the ledger fields, line facts, entity
 * attributes, then glossary defaults; a fact with neither value nor default is MISSING.
 */
export function lineFacts(line: LedgerLine, glossary: Glossary): Map<string, FactValue | Missing> {
  const facts = new Map<string, FactValue | Missing>();
  for (const [id, definition] of Object.entries(glossary.facts)) {
    let value: FactValue | undefined;
    if (definition.scope === 'builtin') {
      value =
        id === 'costType'
          ? line.costType
          : id === 'entityKind'
            ? line.entity.kind
            : id === 'program'
              ? line.program
              : undefined;
    } else {
      value = (definition.scope === 'line' ? line.facts : line.entity.attributes).get(id);
    }
    if (value === undefined && 'default' in definition && definition.default !== undefined)
      value = definition.default;
    facts.set(id, value ?? MISSING);
  }
  return facts;
}
