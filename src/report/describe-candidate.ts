import type { DecisiveCondition } from '../eligibility/explain-condition.js';
import { MISSING, type FactValue, type Missing } from '../core/missing.js';
import type { Candidate } from '../eligibility/candidate.js';
import { amountParameters, type Component, type Measure } from '../schema/measure.js';
import type { Reason } from '../schema/report.js';
import type { ConditionLeaf } from '../schema/condition.js';
import type { FactLabel } from '../schema/fact-label.js';
import { cite } from './cite.js';

/** The line's own value of a fact (judgements are shared by lines whose numbers share a band). */
export type ActualOf = (fact: string) => FactValue | Missing;

const BOUNDS: Partial<Record<ConditionLeaf['operator'], string>> = {
  lessThan: '未満',
  lessThanInclusive: '以下',
  greaterThan: 'を超える',
  greaterThanInclusive: '以上',
};

/** "100000" → "100,000"; a decimal keeps its fraction ("1234.5" → "1,234.5"). */
function groupDigits(value: string): string {
  const [whole = '', fraction] = value.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/gu, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/**
 * The FACT_MISSING text of a condition: its fact named once, by label and id, and what the fact
 * must be. A yes/no fact's label is already the condition (「研修等が育成プログラムに記載された
 * もの」), so 「はい」/「いいえ」 is all that is added, and a bound is given as a number; any other
 * condition (a choice, a list) is quoted as the rule file words it.
 */
function missingText(leaf: ConditionLeaf, factLabel: FactLabel): string {
  const missing = `${factLabel(leaf.fact)}が未入力`;
  const { operator, value } = leaf;
  if (typeof value === 'boolean' && (operator === 'equal' || operator === 'notEqual'))
    return `${missing}（「${value === (operator === 'equal') ? 'はい' : 'いいえ'}」なら該当）`;
  const bound = BOUNDS[operator];
  if (bound !== undefined && typeof value === 'string') {
    // With its unit and thousands separators, as every amount a clerk reads: 「100,000円以上」.
    const unit = factLabel.unitOf?.(leaf.fact);
    const shown = unit === undefined ? `${value} ` : `${groupDigits(value)}${unit}`;
    return `${missing}（${shown}${bound}なら該当）`;
  }
  return `${missing}（該当の条件: ${leaf.label}）`;
}

/** One condition's reason: failed, or unknown for lack of its fact. */
export function conditionReason(
  code: 'CONDITION_FAILED' | 'FACT_MISSING',
  measure: Measure,
  component: Component,
  decisive: DecisiveCondition,
  actualOf: ActualOf,
  factLabel: FactLabel,
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
  const { leaf } = decisive;
  const actual = decisive.missing ? MISSING : actualOf(leaf.fact);
  return {
    code,
    measure: measure.id,
    component: componentId,
    condition: leaf.id,
    text: code === 'FACT_MISSING' ? missingText(leaf, factLabel) : leaf.label,
    fact: leaf.fact,
    actual: actual === MISSING ? null : actual,
    citations: cite(measure, leaf.cite),
  };
}

/** The reason an informational component gives (amount method `none`). */
function statedReason(measure: Measure, component: Component): Reason {
  const amount = component.amount;
  return {
    code: 'NOT_COMPUTABLE',
    measure: measure.id,
    component: component.id ?? null,
    condition: null,
    text: amount.method === 'none' ? amount.reason : component.title,
    fact: null,
    actual: null,
    citations: cite(measure, amount.method === 'none' ? amount.cite : []),
  };
}

type Failed = Extract<Candidate, { status: 'ineligible' }>['failed'];

/**
 * The failed components worth reporting: those whose cost-type condition held (the line was an
 * expense of that kind and failed on something else), or all of them when none did. A measure with
 * sixteen 費目 would otherwise explain a travel line by the fifteen 費目 it is not.
 */
export function relevantFailures(failed: Failed): Failed {
  const targeted = failed.filter(
    ({ explanation }) =>
      !explanation.decisive.some((item) => item.kind === 'leaf' && item.leaf.fact === 'costType'),
  );
  return targeted.length > 0 ? targeted : failed;
}

/** De-duplicates reasons that several components share (the version's own conditions). */
export function unique(reasons: readonly Reason[]): Reason[] {
  const seen = new Set<string>();
  return reasons.filter((reason) => {
    const key = `${reason.code}|${reason.measure ?? ''}|${reason.condition ?? reason.text}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Why a candidate measure did not (or may not) apply, each reason with its citations. */
export function reasonsOf(
  candidate: Candidate,
  fiscalYear: number,
  actualOf: ActualOf,
  factLabel: FactLabel,
): Reason[] {
  const { measure } = candidate;
  if (candidate.status === 'eligible') return [];
  if (candidate.stated !== undefined) return [statedReason(measure, candidate.stated)];
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
          conditionReason('FACT_MISSING', measure, component, decisive, actualOf, factLabel),
        ),
      ),
    );
  }
  if (candidate.notInForce !== undefined) {
    const { from, component } = candidate.notInForce;
    const what = component === null ? '' : `「${component.title}」は`;
    return [
      {
        code: 'NOT_YET_IN_FORCE',
        measure: measure.id,
        component: component?.id ?? null,
        condition: null,
        text: `対象期間前: ${what}FY${from.fiscalYear} から（FY${fiscalYear} は対象外）`,
        fact: null,
        actual: fiscalYear,
        citations: cite(measure, from.cite),
      },
    ];
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
    relevantFailures(candidate.failed).flatMap(({ component, explanation }) =>
      explanation.decisive.map((decisive) =>
        conditionReason('CONDITION_FAILED', measure, component, decisive, actualOf, factLabel),
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
    for (const parameter of amountParameters(amount)) ids.push(...(parameter.assumptions ?? []));
    for (const cap of component.caps ?? []) ids.push(...(cap.assumptions ?? []));
    ids.push(...(component.headcount?.assumptions ?? []));
  } else if (candidate.stated !== undefined) {
    const { stated, version } = candidate;
    ids.push(
      ...(version?.assumptions ?? []),
      ...(version?.fiscalYears.assumptions ?? []),
      ...(stated.assumptions ?? []),
    );
    if (stated.amount.method === 'none') ids.push(...(stated.amount.assumptions ?? []));
  } else if (candidate.status === 'undetermined') {
    // Before the first version, the assumption behind the start year is what leaves the line open.
    if (candidate.version === null)
      ids.push(...(candidate.measure.versions[0]?.fiscalYears.assumptions ?? []));
    for (const { explanation } of candidate.unknown) fromDecisive(explanation.decisive);
  } else if (candidate.notInForce !== undefined) {
    ids.push(...(candidate.notInForce.from.assumptions ?? []));
  } else if (candidate.outOfPeriod) {
    ids.push(...(candidate.version.fiscalYears.endAssumptions ?? []));
  } else {
    for (const { explanation } of relevantFailures(candidate.failed))
      fromDecisive(explanation.decisive);
  }
  return ids;
}

/** Review texts of the conditions that made a candidate ineligible. */
export function reviewNotes(candidate: Candidate): string[] {
  if (candidate.status !== 'ineligible') return [];
  return relevantFailures(candidate.failed).flatMap(({ explanation }) =>
    explanation.decisive.flatMap((item) =>
      item.kind === 'leaf' && item.leaf.review !== undefined ? [item.leaf.review] : [],
    ),
  );
}
