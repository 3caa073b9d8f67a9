import type { LedgerLine } from '../ledger/normalize-ledger.js';

/** The facts the engine reads from the ledger's own fields rather than `facts` or `attributes`. */
export const BUILTIN_FACTS = ['costType', 'entityKind', 'entityCode', 'program'] as const;

/** A builtin fact's value for a line, or undefined when `id` is not a builtin. */
export function builtinFact(
  line: Pick<LedgerLine, 'costType' | 'entity' | 'program'>,
  id: string,
): string | undefined {
  switch (id) {
    case 'costType':
      return line.costType;
    case 'entityKind':
      return line.entity.kind;
    case 'entityCode':
      return line.entity.code;
    case 'program':
      return line.program;
    default:
      return undefined;
  }
}
