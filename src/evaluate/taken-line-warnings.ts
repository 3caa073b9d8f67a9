import type { EligibleCandidate } from '../compute/choose-candidate.js';
import type { Candidate } from '../eligibility/candidate.js';
import type { LedgerLine } from '../ledger/normalize-ledger.js';
import type { ReportWarning } from '../schema/report.js';
import type { FactLabel } from '../schema/fact-label.js';

/** Shared by the many lines without warnings of their own. */
const NONE = Object.freeze([]) as readonly never[];

/**
 * The warnings of a line a measure took: the rule's cautions (RULE_CAUTION) and other measures
 * that more facts could make take it (UNDETERMINED_ALTERNATIVE, docs/decisions.md §1.7).
 */
export function takenLineWarnings(
  line: LedgerLine,
  chosen: EligibleCandidate,
  candidates: readonly Candidate[],
  factLabel: FactLabel,
): readonly ReportWarning[] {
  const { version, component, measure } = chosen;
  const cautions =
    version.caution === undefined && component.caution === undefined
      ? NONE
      : [version.caution, component.caution].filter((text): text is string => text !== undefined);
  const open = openAlternatives(candidates, measure.id, factLabel);
  if (cautions.length === 0 && open === null) return NONE;
  const list = cautions.map((text): ReportWarning => ({
    code: 'RULE_CAUTION',
    line: line.id,
    message: `明細 ${line.id}: ${measure.title}: ${text}`,
  }));
  if (open !== null)
    list.push({
      code: 'UNDETERMINED_ALTERNATIVE',
      line: line.id,
      message: `明細 ${line.id}: ${measure.title}で算定したが、${open}も該当しうる（より大きな額になる場合がある）。未入力の事実を入力すると措置の選択（docs/decisions.md §1.7）が変わりうる`,
    });
  return list;
}

/**
 * Other measures a line could fall under if it stated more facts (undetermined with a rule version,
 * not merely before a measure's first year), named with their missing facts; null when none.
 */
function openAlternatives(
  candidates: readonly Candidate[],
  chosen: string,
  factLabel: FactLabel,
): string | null {
  const isOpen = (
    candidate: Candidate,
  ): candidate is Extract<Candidate, { status: 'undetermined' }> =>
    candidate.status === 'undetermined' &&
    candidate.version !== null &&
    candidate.measure.id !== chosen &&
    candidate.stated === undefined;
  // Runs for every eligible line: allocate nothing in the usual case of no open alternative.
  if (!candidates.some(isOpen)) return null;
  return candidates
    .filter(isOpen)
    .map((candidate) => {
      const missing = [
        ...new Set(candidate.unknown.flatMap((entry) => entry.explanation.missing)),
      ].sort();
      return `${candidate.measure.title}（不足: ${missing.map(factLabel).join('、') || '事実'}）`;
    })
    .join('、');
}
