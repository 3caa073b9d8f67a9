import type { Candidate } from '../eligibility/candidate.js';
import type { LedgerLine } from '../ledger/normalize-ledger.js';
import type { Citation, Reason, ReportLine, ReportWarning } from '../schema/report.js';
import { mergeCitations } from './cite.js';
import { MISSING, type FactValue } from '../core/missing.js';
import { candidateAssumptions, reviewNotes, type ActualOf } from './describe-candidate.js';
import { aimedReasons } from './aimed-reasons.js';
import { decisionOf, keepDecision } from './report-caches.js';
import { EMPTY, frozen, headOf, shell, sortedUnique, type ReportContext } from './report-line.js';
import type { SharedValues } from './shared-values.js';

/** What lines judged alike share when no measure takes them. */
export interface Decided {
  readonly status: 'ineligible' | 'undetermined';
  readonly measure: string | null;
  readonly component: string | null;
  readonly kind: ReportLine['kind'];
  readonly reasons: readonly Reason[];
  readonly missingFacts: readonly string[];
  readonly citations: readonly Citation[];
  readonly assumptions: readonly string[];
  readonly version: string | null;
  readonly reviews: readonly string[];
  /**
   * Reasons showing a fact's value: lines share candidates when every condition came out the same
   * for them (version-evaluator.ts), whatever their values, so each shows its own there.
   */
  readonly varying: readonly number[];
}

/**
 * What lines with these candidates show, by the fiscal year or (with no candidate) the program
 * their reasons show: made once per candidates array and key (report-caches.ts).
 */
function decide(
  candidates: readonly Candidate[],
  { fiscalYear, program, costType }: Pick<LedgerLine, 'fiscalYear' | 'program' | 'costType'>,
  actualOf: ActualOf,
  context: ReportContext,
): Decided {
  // The cost type too: lines of several cost types share candidates judged on no cost-type
  // condition (no version for the year), and the measure they aim at follows it.
  const first = candidates.length === 0 ? program : fiscalYear;
  const second = candidates.length === 0 ? '' : costType;
  const cached = decisionOf(candidates, first, second);
  if (cached !== undefined) return cached;
  const decided = decideAnew(candidates, fiscalYear, program, costType, actualOf, context);
  keepDecision(candidates, first, second, decided);
  return decided;
}

function decideAnew(
  candidates: readonly Candidate[],
  fiscalYear: number,
  program: string,
  costType: string,
  actualOf: ActualOf,
  context: ReportContext,
): Decided {
  const { shared } = context;
  let decided: Decided;
  if (candidates.length === 0) {
    const noMeasure: Reason = {
      code: 'NO_MEASURE',
      measure: null,
      component: null,
      condition: null,
      text: `事業 ${program} に該当する措置がルールセットにない`,
      fact: 'program',
      actual: program,
      citations: frozen<Citation>([]),
    };
    decided = {
      status: 'ineligible',
      measure: null,
      component: null,
      kind: null,
      reasons: frozen([noMeasure]),
      missingFacts: frozen<string>([]),
      citations: frozen<Citation>([]),
      assumptions: frozen<string>([]),
      version: null,
      reviews: EMPTY,
      varying: EMPTY,
    };
  } else {
    const undetermined = candidates.some((candidate) => candidate.status === 'undetermined');
    const status = undetermined ? 'undetermined' : 'ineligible';
    // The measure and component the line aims at, its deciding reason first (decisions.md §1.3).
    const aimed = aimedReasons(
      candidates,
      {
        status,
        costType,
        fiscalYear,
        choiceFacts: context.choiceFacts,
        factLabel: context.factLabel,
      },
      actualOf,
    );
    const reasons = shared.list(aimed.reasons.map((reason) => shared.reason(reason)));
    const varying = frozen(
      reasons.flatMap((reason, index) =>
        reason.fact !== null && reason.actual !== null ? [index] : [],
      ),
    );
    const citations = shared.list(mergeCitations(reasons.map((reason) => reason.citations)));
    const assumptions = sortedUnique(candidates.flatMap(candidateAssumptions), shared);
    const head = {
      measure: aimed.measure?.id ?? null,
      component: aimed.component?.id ?? null,
      kind: aimed.measure?.kind ?? null,
      reasons,
      citations,
      assumptions,
      varying,
    };
    if (undetermined) {
      const missing = candidates.flatMap((candidate) =>
        candidate.status === 'undetermined'
          ? candidate.unknown.flatMap((entry) => entry.explanation.missing)
          : [],
      );
      decided = {
        status: 'undetermined',
        ...head,
        missingFacts: sortedUnique(missing, shared),
        version:
          aimed.measure === null || aimed.version === null
            ? null
            : `${aimed.measure.id}@${aimed.version.id}`,
        reviews: EMPTY,
      };
    } else {
      decided = {
        status: 'ineligible',
        ...head,
        missingFacts: EMPTY,
        version: null,
        reviews: frozen([...new Set(candidates.flatMap(reviewNotes))]),
      };
    }
  }
  return decided;
}

/** A line no measure takes: undetermined if one could apply with more facts or rules, else ineligible. */
export function decidedLine(
  line: LedgerLine,
  candidates: readonly Candidate[],
  context: ReportContext,
): { line: ReportLine; warnings: ReportWarning[] } {
  const actualOf: ActualOf = (fact) => context.value(line, fact);
  const decided = decide(candidates, line, actualOf, context);
  return {
    line: shell(
      headOf(line),
      decided.status,
      decided.varying.length === 0
        ? decided
        : {
            ...decided,
            reasons: ownValues(
              decided,
              actualOf,
              (fact) => context.defaulted(line, fact),
              context.shared,
            ),
          },
    ),
    warnings: decided.reviews.map((message) => ({
      code: 'MANUAL_REVIEW',
      line: line.id,
      message: `明細 ${line.id}: ${message}`,
    })),
  };
}

/** Two shown values alike (lists element by element). */
function sameValue(a: FactValue, b: Reason['actual']): boolean {
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((item, index) => item === b[index]);
  return a === b;
}

/**
 * The shared reasons with this line's own value wherever a fact's value shows, marked `defaulted`
 * where the line left the fact blank and the value is the glossary's default.
 */
function ownValues(
  decided: Decided,
  actualOf: ActualOf,
  defaulted: (fact: string) => boolean,
  shared: SharedValues,
): readonly Reason[] {
  const reasons = [...decided.reasons];
  for (const index of decided.varying) {
    let reason = reasons[index];
    if (reason === undefined || reason.fact === null) continue;
    const { fact } = reason;
    const actual = actualOf(fact);
    // Never missing where a value shows: a missing fact's leaf comes out apart (unknown).
    if (actual === MISSING) continue;
    if (!sameValue(actual, reason.actual)) reason = shared.withActual(reason, actual);
    // Shared reasons never carry the mark (lines judged alike may differ in it): it is this line's own.
    if (defaulted(fact)) reason = shared.defaulted(reason);
    reasons[index] = reason;
  }
  return shared.list(reasons);
}
