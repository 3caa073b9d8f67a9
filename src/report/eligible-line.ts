import type { Allocation } from '../compute/allocate-group.js';
import type { Yen } from '../core/yen.js';
import type { Candidate } from '../eligibility/candidate.js';
import type { EligibleCandidate } from '../compute/choose-candidate.js';
import type { LedgerLine } from '../ledger/normalize-ledger.js';
import type { Citation, Reason, ReportError, ReportLine } from '../schema/report.js';
import { fieldWithLabel } from '../fields/field-labels.js';
import { cite } from './cite.js';
import { parametersOf } from './component-parameters.js';
import { deepFreeze } from '../schema/deep-freeze.js';
import { candidateAssumptions } from './describe-candidate.js';
import { keepTaken, takenOf } from './report-caches.js';
import { EMPTY, frozen, headOf, shell, sortedUnique, type ReportContext } from './report-line.js';
import type { SharedValues } from './shared-values.js';
import type { FactLabel } from '../schema/fact-label.js';

type Parameter = ReportLine['parameters'][number];
type Alternative = ReportLine['alternatives'][number];

/** What lines taken by the same measure, version, component and conditions share. */
export interface Taken {
  readonly citations: readonly Citation[];
  readonly assumptions: readonly string[];
  readonly parameters: readonly Parameter[];
  readonly version: string;
}

function eligibleCitations(candidate: EligibleCandidate): readonly Citation[] {
  const { measure, version, component } = candidate;
  // The component's own sentences first (its amount, caps, headcount), then the conditions and
  // the version's span: a recruitment line's first citation is the recruitment sentence.
  const ids: string[] = [];
  const amount = component.amount;
  if (amount.method === 'rate') ids.push(...amount.rate.cite);
  if (amount.method === 'per-person') ids.push(...amount.unitAmount.cite);
  if (amount.method === 'overhead') ids.push(...amount.maxRate.cite);
  if (amount.method === 'bond')
    ids.push(
      ...amount.allocationRate.cite,
      ...amount.taxMeasureRate.cite,
      ...(amount.termYears?.cite ?? []),
    );
  for (const cap of component.caps ?? []) ids.push(...cap.cite, ...(cap.deductAfter?.cite ?? []));
  ids.push(...(component.headcount?.cite ?? []));
  for (const item of candidate.explanation.decisive)
    ids.push(...(item.kind === 'leaf' ? item.leaf.cite : item.cite));
  ids.push(...version.fiscalYears.cite);
  return cite(measure, ids);
}

/**
 * A receipt deducted after a cap rests on the deduction's assumptions too; the component's
 * other lines do not (their amounts are what the cap gives them).
 */
function receiptAssumptions(
  line: LedgerLine,
  chosen: EligibleCandidate,
  assumptions: readonly string[],
  shared: SharedValues,
): readonly string[] {
  const deduction = chosen.component.caps?.find(
    (cap) => cap.deductAfter?.costTypes.includes(line.costType) === true,
  )?.deductAfter;
  if (deduction?.assumptions === undefined) return assumptions;
  return sortedUnique([...assumptions, ...deduction.assumptions], shared);
}

function taken(candidate: EligibleCandidate, shared: SharedValues): Taken {
  let fragments = takenOf(candidate);
  if (fragments === undefined) {
    fragments = {
      citations: eligibleCitations(candidate),
      assumptions: sortedUnique(candidateAssumptions(candidate), shared),
      parameters: parametersOf(candidate.component),
      version: `${candidate.measure.id}@${candidate.version.id}`,
    };
    keepTaken(candidate, fragments);
  }
  return fragments;
}

/** A line a measure took, with the group computation's result (which may still make it invalid). */
/**
 * An allocator's text names the facts it lacks by id (compute has no glossary): each bare id
 * becomes 「label（id）」 here; one already in brackets after its label stays.
 */
function labelledFacts(text: string, missing: readonly string[], factLabel: FactLabel): string {
  let labelled = text;
  for (const id of missing)
    labelled = labelled.replace(
      new RegExp(`(?<![（A-Za-z0-9.])${id}(?![A-Za-z0-9])`, 'g'),
      factLabel(id),
    );
  return labelled;
}

export function eligibleLine(
  line: LedgerLine,
  chosen: EligibleCandidate,
  others: readonly { candidate: EligibleCandidate; amount: Yen }[],
  candidates: readonly Candidate[],
  allocation: Allocation,
  context: ReportContext,
): { line: ReportLine; error: ReportError | null } {
  const { shared } = context;
  const { measure, component } = chosen;
  const fragments = taken(chosen, shared);
  const head = headOf(line);
  const common = {
    measure: measure.id,
    component: component.id ?? null,
    kind: measure.kind,
    version: fragments.version,
  };
  if (allocation.kind === 'invalid') {
    // The allocators (src/compute) say what the line lacks, in Japanese (src/compute/headcount-text.ts);
    // the code and the message that names the row are made here, as the ledger reader makes its own
    // (src/ledger/input-error.ts).
    const person = allocation.field === 'person';
    const code = person ? 'PERSON_REQUIRED' : 'HEADCOUNT_EXCEEDED';
    const expected = allocation.expected;
    const received = person ? 'なし（空欄）' : allocation.received;
    const message = `行 ${line.row}（明細ID ${line.id}）の ${fieldWithLabel(allocation.field)}: ${expected}にしてください。入力値: ${received}`;
    return {
      line: shell(head, 'invalid', common),
      error: {
        code,
        line: line.id,
        row: line.row,
        entity: line.entity.code,
        field: allocation.field,
        expected,
        received,
        message,
      },
    };
  }
  if (allocation.kind === 'undetermined') {
    return {
      line: shell(head, 'undetermined', {
        ...common,
        missingFacts: shared.list(allocation.missing),
        reasons: shared.list([
          shared.reason({
            code: allocation.code ?? 'FACT_MISSING',
            measure: measure.id,
            component: component.id ?? null,
            condition: null,
            text: labelledFacts(allocation.text, allocation.missing, context.factLabel),
            fact: allocation.missing[0] ?? null,
            actual: null,
            citations: cite(measure, allocation.cite ?? component.headcount?.cite ?? []),
          }),
        ]),
        citations: fragments.citations,
        assumptions: fragments.assumptions,
      }),
      error: null,
    };
  }
  const reasons: Reason[] = [];
  if (allocation.headcountExcluded && component.headcount !== undefined) {
    reasons.push({
      code: 'HEADCOUNT_EXCLUDED',
      measure: measure.id,
      component: component.id ?? null,
      condition: null,
      text: `${component.headcount.label}（${component.headcount.limit}名）の対象外`,
      fact: 'person',
      actual: line.person ?? null,
      citations: cite(measure, component.headcount.cite),
    });
  }
  if (allocation.perPerson !== null && component.amount.method === 'per-person') {
    const unit = component.amount.unitAmount;
    reasons.push({
      code:
        allocation.perPerson === 'carried' ? 'AMOUNT_ON_FIRST_LINE' : 'PERSON_TOTAL_NOT_POSITIVE',
      measure: measure.id,
      component: component.id ?? null,
      condition: null,
      text:
        allocation.perPerson === 'carried'
          ? `${unit.label}は1人・年度に1回、その人物の最初の明細に計上（この明細は0円）`
          : `この人物の年度内の計上額の合計が0円以下のため、${unit.label}は計上しない`,
      fact: 'person',
      actual: line.person ?? null,
      citations: cite(measure, unit.cite),
    });
  }
  if (allocation.nonRecipient) {
    const text =
      line.entity.kind === 'special-ward'
        ? '特別区は地方交付税の交付対象ではない（都が特別区と合算して算定）ため、交付税措置額は0円'
        : '不交付団体は地方交付税の交付を受けないため、交付税措置額は0円';
    reasons.push({
      code: 'NON_RECIPIENT',
      measure: measure.id,
      component: component.id ?? null,
      condition: null,
      text,
      fact: null,
      actual: null,
      citations: frozen<Citation>([]),
    });
  }
  const amount = component.amount;
  // A cap over a term whose priorCounted no line states counts it as 0: the line names that.
  let assumptions = fragments.assumptions;
  for (const note of allocation.caps) {
    if (note.term === undefined || note.term.priorStated) continue;
    const cap = component.caps?.find((candidate) => candidate.id === note.id);
    const added = (cap?.term?.priorAssumptions ?? []).filter((id) => !assumptions.includes(id));
    if (added.length > 0) assumptions = sortedUnique([...assumptions, ...added], shared);
  }
  const alternatives: Alternative[] = [
    ...others.map(({ candidate, amount: indicative }) => ({
      measure: candidate.measure.id,
      component: candidate.component.id ?? null,
      status: 'eligible' as const,
      indicativeAmount: indicative.toFixed(0),
    })),
    ...candidates
      .filter(
        (candidate) => candidate.status === 'undetermined' && candidate.measure.id !== measure.id,
      )
      .map((candidate) => ({
        measure: candidate.measure.id,
        component: null,
        status: 'undetermined' as const,
        indicativeAmount: null,
      })),
  ];
  return {
    line: shell(head, 'eligible', {
      measure: measure.id,
      component: component.id ?? null,
      kind: measure.kind,
      version: fragments.version,
      base: allocation.base.toFixed(0),
      rate:
        amount.method === 'rate'
          ? amount.rate.value
          : amount.method === 'bond'
            ? amount.taxMeasureRate.value
            : null,
      amount: allocation.amount.toFixed(0),
      bond:
        allocation.bond === null || amount.method !== 'bond'
          ? undefined
          : allocation.bond.toFixed(0),
      bondRate: amount.method === 'bond' ? amount.allocationRate.value : undefined,
      // Per line, but frozen like the rest of what the line shows.
      caps: allocation.caps.length === 0 ? EMPTY : deepFreeze([...allocation.caps]),
      reasons: shared.list(reasons.map((reason) => shared.reason(reason))),
      citations: fragments.citations,
      assumptions: receiptAssumptions(line, chosen, assumptions, shared),
      parameters: fragments.parameters,
      alternatives: alternatives.length === 0 ? EMPTY : deepFreeze(alternatives),
    }),
    error: null,
  };
}
