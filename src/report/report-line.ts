import type { Allocation } from '../compute/allocate-group.js';
import type { Yen } from '../compute/yen.js';
import type { Candidate } from '../evaluate/candidate.js';
import type { EligibleCandidate } from '../evaluate/choose-candidate.js';
import type { InvalidLine, LedgerLine } from '../ledger/normalize-ledger.js';
import type { Citation, Reason, ReportError, ReportLine, ReportWarning } from '../schema/report.js';
import { cite, mergeCitations } from './cite.js';
import { candidateAssumptions, reasonsOf, reviewNotes } from './describe-candidate.js';

type Status = ReportLine['status'];

function sortedUnique(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

/** The fields every report line has, in the CONTRACT's key order, so output is byte-stable. */
function shell(
  fields: {
    id: string;
    status: Status;
    row: number;
    entity: string | null;
    fiscalYear: number | null;
    claimed: string | null;
    memo: string | undefined;
  } & Partial<
    Omit<ReportLine, 'id' | 'status' | 'row' | 'entity' | 'fiscalYear' | 'claimed' | 'memo'>
  >,
): ReportLine {
  const line: ReportLine = {
    id: fields.id,
    status: fields.status,
    measure: fields.measure ?? null,
    component: fields.component ?? null,
    kind: fields.kind ?? null,
    fiscalYear: fields.fiscalYear,
    claimed: fields.claimed,
    base: fields.base ?? null,
    rate: fields.rate ?? null,
    amount: fields.amount ?? null,
    ...(fields.bond === undefined ? {} : { bond: fields.bond }),
    ...(fields.bondRate === undefined ? {} : { bondRate: fields.bondRate }),
    caps: fields.caps ?? [],
    reasons: fields.reasons ?? [],
    missingFacts: fields.missingFacts ?? [],
    citations: fields.citations ?? [],
    assumptions: fields.assumptions ?? [],
    row: fields.row,
    entity: fields.entity,
    version: fields.version ?? null,
    parameters: fields.parameters ?? [],
    alternatives: fields.alternatives ?? [],
  };
  if (fields.memo !== undefined) line.memo = fields.memo;
  return line;
}

function base(line: LedgerLine) {
  return {
    id: line.id,
    row: line.row,
    entity: line.entity.code,
    fiscalYear: line.fiscalYear,
    claimed: line.amount,
    memo: line.memo,
  };
}

/** A line that failed validation; the report's `errors` say why. */
export function invalidLine(line: InvalidLine): ReportLine {
  return shell({ ...line, status: 'invalid' });
}

/** A line no measure takes: undetermined if one could apply with more facts or rules, else ineligible. */
export function decidedLine(
  line: LedgerLine,
  candidates: readonly Candidate[],
): { line: ReportLine; warnings: ReportWarning[] } {
  const reasons = candidates.flatMap((candidate) => reasonsOf(candidate, line.fiscalYear));
  const citations = mergeCitations(reasons.map((reason) => reason.citations));
  const assumptions = sortedUnique(candidates.flatMap(candidateAssumptions));
  if (candidates.length === 0) {
    const noMeasure: Reason = {
      code: 'NO_MEASURE',
      measure: null,
      component: null,
      condition: null,
      text: `事業 ${line.program} に該当する措置がルールセットにない`,
      fact: 'program',
      actual: line.program,
      citations: [],
    };
    return {
      line: shell({ ...base(line), status: 'ineligible', reasons: [noMeasure] }),
      warnings: [],
    };
  }
  const undetermined = candidates.find(
    (candidate): candidate is Extract<Candidate, { status: 'undetermined' }> =>
      candidate.status === 'undetermined',
  );
  if (undetermined !== undefined) {
    const missing = sortedUnique(
      candidates.flatMap((candidate) =>
        candidate.status === 'undetermined'
          ? candidate.unknown.flatMap((entry) => entry.explanation.missing)
          : [],
      ),
    );
    const only = undetermined.unknown.length === 1 ? undetermined.unknown[0] : undefined;
    return {
      line: shell({
        ...base(line),
        status: 'undetermined',
        measure: undetermined.measure.id,
        component: only?.component.id ?? null,
        kind: undetermined.measure.kind,
        reasons,
        missingFacts: missing,
        citations,
        assumptions,
        version:
          undetermined.version === null
            ? null
            : `${undetermined.measure.id}@${undetermined.version.id}`,
      }),
      warnings: [],
    };
  }
  const warnings = [...new Set(candidates.flatMap(reviewNotes))].map((message) => ({
    code: 'MANUAL_REVIEW',
    line: line.id,
    message: `line ${line.id}: ${message}`,
  }));
  return {
    line: shell({ ...base(line), status: 'ineligible', reasons, citations, assumptions }),
    warnings,
  };
}

function parametersOf(
  candidate: EligibleCandidate,
): { name: string; label: string; value: string }[] {
  const { component } = candidate;
  const amount = component.amount;
  const list: { name: string; label: string; value: string }[] = [];
  if (amount.method === 'rate')
    list.push({ name: 'rate', label: amount.rate.label, value: amount.rate.value });
  if (amount.method === 'per-person')
    list.push({
      name: 'unitAmount',
      label: amount.unitAmount.label,
      value: amount.unitAmount.value,
    });
  if (amount.method === 'bond') {
    list.push(
      {
        name: 'allocationRate',
        label: amount.allocationRate.label,
        value: amount.allocationRate.value,
      },
      {
        name: 'taxMeasureRate',
        label: amount.taxMeasureRate.label,
        value: amount.taxMeasureRate.value,
      },
      { name: 'termYears', label: amount.termYears.label, value: String(amount.termYears.value) },
    );
  }
  for (const cap of component.caps ?? [])
    list.push({ name: `cap:${cap.id}`, label: cap.label, value: cap.limit });
  if (component.headcount !== undefined)
    list.push({
      name: `headcount:${component.headcount.id}`,
      label: component.headcount.label,
      value: String(component.headcount.limit),
    });
  return list;
}

function eligibleCitations(candidate: EligibleCandidate): Citation[] {
  const { measure, version, component } = candidate;
  const ids: string[] = [...version.fiscalYears.cite];
  for (const item of candidate.explanation.decisive)
    ids.push(...(item.kind === 'leaf' ? item.leaf.cite : item.cite));
  const amount = component.amount;
  if (amount.method === 'rate') ids.push(...amount.rate.cite);
  if (amount.method === 'per-person') ids.push(...amount.unitAmount.cite);
  if (amount.method === 'bond')
    ids.push(
      ...amount.allocationRate.cite,
      ...amount.taxMeasureRate.cite,
      ...amount.termYears.cite,
    );
  for (const cap of component.caps ?? []) ids.push(...cap.cite);
  ids.push(...(component.headcount?.cite ?? []));
  return cite(measure, ids);
}

/** A line a measure took, with the group computation's result (which may still make it invalid). */
export function eligibleLine(
  line: LedgerLine,
  chosen: EligibleCandidate,
  others: readonly { candidate: EligibleCandidate; amount: Yen }[],
  candidates: readonly Candidate[],
  allocation: Allocation,
): { line: ReportLine; error: ReportError | null; warnings: ReportWarning[] } {
  const { measure, version, component } = chosen;
  const common = {
    ...base(line),
    measure: measure.id,
    component: component.id ?? null,
    kind: measure.kind,
    version: `${measure.id}@${version.id}`,
  };
  if (allocation.kind === 'invalid') {
    const message = `line ${line.id}: ${allocation.field}: expected ${allocation.expected}, received ${allocation.received}`;
    return {
      line: shell({ ...common, status: 'invalid' }),
      error: {
        line: line.id,
        row: line.row,
        entity: line.entity.code,
        field: allocation.field,
        expected: allocation.expected,
        received: allocation.received,
        message,
      },
      warnings: [],
    };
  }
  const assumptions = sortedUnique(candidateAssumptions(chosen));
  if (allocation.kind === 'undetermined') {
    return {
      line: shell({
        ...common,
        status: 'undetermined',
        missingFacts: [...allocation.missing],
        reasons: [
          {
            code: 'FACT_MISSING',
            measure: measure.id,
            component: component.id ?? null,
            condition: null,
            text: allocation.text,
            fact: allocation.missing[0] ?? null,
            actual: null,
            citations: cite(measure, component.headcount?.cite ?? []),
          },
        ],
        citations: eligibleCitations(chosen),
        assumptions,
      }),
      error: null,
      warnings: [],
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
      citations: [],
    });
  }
  const amount = component.amount;
  const undeterminedAlternatives = candidates.filter(
    (candidate) => candidate.status === 'undetermined' && candidate.measure.id !== measure.id,
  );
  return {
    line: shell({
      ...common,
      status: 'eligible',
      base: allocation.base.toFixed(0),
      rate:
        amount.method === 'rate'
          ? amount.rate.value
          : amount.method === 'bond'
            ? amount.taxMeasureRate.value
            : null,
      amount: allocation.amount.toFixed(0),
      ...(allocation.bond === null || amount.method !== 'bond'
        ? {}
        : { bond: allocation.bond.toFixed(0), bondRate: amount.allocationRate.value }),
      caps: [...allocation.caps],
      reasons,
      citations: eligibleCitations(chosen),
      assumptions,
      parameters: parametersOf(chosen),
      alternatives: [
        ...others.map(({ candidate, amount: indicative }) => ({
          measure: candidate.measure.id,
          component: candidate.component.id ?? null,
          status: 'eligible' as const,
          indicativeAmount: indicative.toFixed(0),
        })),
        ...undeterminedAlternatives.map((candidate) => ({
          measure: candidate.measure.id,
          component: null,
          status: 'undetermined' as const,
          indicativeAmount: null,
        })),
      ],
    }),
    error: null,
    warnings: [],
  };
}
