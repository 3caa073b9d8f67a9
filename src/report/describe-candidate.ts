import type { DecisiveCondition } from '../eligibility/explain-condition.js';
import { MISSING } from '../eligibility/missing.js';
import type { Candidate } from '../evaluate/candidate.js';
import type { Component, Measure } from '../schema/measure.js';
import type { Reason } from '../schema/report.js';
import { cite } from './cite.js';

function conditionReason(
  code: 'CONDITION_FAILED' | 'FACT_MISSING',
  measure: Measure,
  component: Component,
  decisive: DecisiveCondition,
): Reason {
  const componentId = component.id ?? null;
  if (decisive.kind === 'not') {
    return {
      code,
      measure: measure.id,
      component: componentId,
      condition: null,
      text: decisive.label,
      fact: null,
      actual: null,
      citations: cite(measure, decisive.cite),
    };
  }
  const { leaf, actual } = decisive;
  return {
    code,
    measure: measure.id,
    component: componentId,
    condition: leaf.id,
    text: code === 'FACT_MISSING' ? `${leaf.label}（${leaf.fact} が未入力）` : leaf.label,
    fact: leaf.fact,
    actual: actual === MISSING ? null : actual,
    citations: cite(measure, leaf.cite),
  };
}

/** De-duplicates reasons that several components share (the version's own conditions). */
function unique(reasons: readonly Reason[]): Reason[] {
  const seen = new Set<string>();
  return reasons.filter((reason) => {
    const key = `${reason.code}|${reason.measure ?? ''}|${reason.condition ?? reason.text}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Why a candidate measure did not (or may not) apply, each reason with its citations. */
export function reasonsOf(candidate: Candidate, fiscalYear: number): Reason[] {
  const { measure } = candidate;
  if (candidate.status === 'eligible') return [];
  if (candidate.status === 'undetermined') {
    if (candidate.version === null) {
      const first = measure.versions[0];
      return [
        {
          code: 'NO_VERSION',
          measure: measure.id,
          component: null,
          condition: null,
          text: `FY${fiscalYear} のルールがない（資料が記載するのは FY${first?.fiscalYears.from ?? '?'} から）`,
          fact: null,
          actual: fiscalYear,
          citations: cite(measure, first?.fiscalYears.cite ?? []),
        },
      ];
    }
    return unique(
      candidate.unknown.flatMap(({ component, explanation }) =>
        explanation.decisive.map((decisive) =>
          conditionReason('FACT_MISSING', measure, component, decisive),
        ),
      ),
    );
  }
  if (candidate.outOfPeriod) {
    const { through } = candidate.version.fiscalYears;
    return [
      {
        code: 'OUT_OF_PERIOD',
        measure: measure.id,
        component: null,
        condition: null,
        text: `対象期間外: FY${through ?? ''} まで（FY${fiscalYear} は対象外）`,
        fact: null,
        actual: fiscalYear,
        citations: cite(measure, candidate.version.fiscalYears.cite),
      },
    ];
  }
  return unique(
    candidate.failed.flatMap(({ component, explanation }) =>
      explanation.decisive.map((decisive) =>
        conditionReason('CONDITION_FAILED', measure, component, decisive),
      ),
    ),
  );
}

/** The assumption ids a candidate's outcome rests on. */
export function candidateAssumptions(candidate: Candidate): string[] {
  const ids: string[] = [];
  const fromDecisive = (decisive: readonly DecisiveCondition[]): void => {
    for (const item of decisive)
      if (item.kind === 'leaf') ids.push(...(item.leaf.assumptions ?? []));
  };
  if (candidate.status === 'eligible') {
    const { version, component } = candidate;
    ids.push(
      ...(version.assumptions ?? []),
      ...(version.fiscalYears.assumptions ?? []),
      ...(component.assumptions ?? []),
    );
    fromDecisive(candidate.explanation.decisive);
    const amount = component.amount;
    const parameters =
      amount.method === 'rate'
        ? [amount.rate]
        : amount.method === 'per-person'
          ? [amount.unitAmount]
          : [amount.allocationRate, amount.taxMeasureRate];
    for (const parameter of parameters) ids.push(...(parameter.assumptions ?? []));
    for (const cap of component.caps ?? []) ids.push(...(cap.assumptions ?? []));
    ids.push(...(component.headcount?.assumptions ?? []));
  } else if (candidate.status === 'undetermined') {
    // Before the first version, the assumption behind the start year is what leaves the line open.
    if (candidate.version === null)
      ids.push(...(candidate.measure.versions[0]?.fiscalYears.assumptions ?? []));
    for (const { explanation } of candidate.unknown) fromDecisive(explanation.decisive);
  } else if (candidate.outOfPeriod) {
    ids.push(...(candidate.version.fiscalYears.endAssumptions ?? []));
  } else {
    for (const { explanation } of candidate.failed) fromDecisive(explanation.decisive);
  }
  return ids;
}

/** Review texts of the conditions that made a candidate ineligible. */
export function reviewNotes(candidate: Candidate): string[] {
  if (candidate.status !== 'ineligible') return [];
  return candidate.failed.flatMap(({ explanation }) =>
    explanation.decisive.flatMap((item) =>
      item.kind === 'leaf' && item.leaf.review !== undefined ? [item.leaf.review] : [],
    ),
  );
}
