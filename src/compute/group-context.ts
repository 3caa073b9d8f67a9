import { builtinFact } from '../eligibility/builtin-fact.js';
import { MISSING, type FactValue, type Missing } from '../core/missing.js';
import type { LedgerLine } from '../ledger/normalize-ledger.js';
import type { Cap } from '../schema/measure.js';
import type { CapScope } from './cap-scope.js';
import type { GroupVerdict } from './group-plan.js';
import type { TermStarts } from './term-starts.js';

/** What a group needs from the rest of the evaluation. */
export interface GroupContext {
  /** A line's fact (line fact, entity attribute or builtin, glossary default applied). */
  readonly fact: (line: LedgerLine, id: string) => FactValue | Missing;
  /** Scopes of `measure` caps, shared by every component of the measure for one entity × FY. */
  readonly measureScopes: Map<string, CapScope>;
  /** Caps the evaluation derives for this group (一般管理費の上限), applied before the rule's own. */
  readonly extraCaps: readonly Cap[];
  /**
   * Where each term of the component's caps over a term stands at this group's fiscal year; absent,
   * every term starts at its own lines' priorCounted (a group allocated on its own).
   */
  readonly terms?: TermStarts;
  /**
   * The running scopes of caps over a term, by term (termId: cap × key), shared by every component
   * of the measure for one entity × FY: a マスタープラン's ¥20,000,000 is the plan's, whichever
   * rate tier (component) a line of it falls under. Absent, each group keeps its own.
   */
  readonly termScopes?: Map<string, CapScope>;
  /** Set when what the group derives from other groups cannot be known: every line gets it. */
  readonly verdict?: GroupVerdict;
}

/** Reads facts straight from the line, without glossary defaults (for a group on its own). */
export function plainFact(line: LedgerLine, id: string): FactValue | Missing {
  return builtinFact(line, id) ?? line.facts.get(id) ?? line.entity.attributes.get(id) ?? MISSING;
}
