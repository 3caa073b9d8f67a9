import type { Allocation } from '../compute/allocate-group.js';
import type { Yen } from '../core/yen.js';
import type { Candidate } from '../eligibility/candidate.js';
import type { EligibleCandidate } from '../compute/choose-candidate.js';
import type { InvalidLine, LedgerLine } from '../ledger/normalize-ledger.js';
import type { Component } from '../schema/measure.js';
import type { Citation, Reason, ReportError, ReportLine, ReportWarning } from '../schema/report.js';
import { cite, mergeCitations } from './cite.js';
import { deepFreeze } from './deep-freeze.js';
import { MISSING, type FactValue, type Missing } from '../core/missing.js';
import {
  candidateAssumptions,
  reasonsOf,
  reviewNotes,
  type ActualOf,
} from './describe-candidate.js';
import type { SharedValues } from './shared-values.js';

type Status = ReportLine['status'];
type Parameter = ReportLine['parameters'][number];
type Alternative = ReportLine['alternatives'][number];

/*
 * Report lines share their explanation fragments (reasons, citations, assumptions, parameters):
 * lines judged alike point at the same frozen arrays, and equal fragments of lines judged apart
 * are one copy too (shared-values.ts), which keeps a million-line report small. Every fragment is
 * frozen all the way down, the objects in the arrays too: parameters and citations are cached per
 * rule component for every later evaluation, so a caller changing one would change them all.
 */
const EMPTY: readonly never[] = Object.freeze([]);

function frozen<T>(values: readonly T[]): readonly T[] {
  return values.length === 0 ? EMPTY : (deepFreeze([...values]) as readonly T[]);
}

function sortedUnique(values: readonly string[], shared: SharedValues): readonly string[] {
  return shared.list([...new Set(values)].sort());
}

/** What every report line has from its ledger line. */
interface Head {
  readonly id: string;
  readonly row: number;
  readonly entity: string | null;
  readonly fiscalYear: number | null;
  readonly claimed: string | null;
  readonly memo: string | undefined;
}

interface Fields {
  readonly measure?: string | null;
  readonly component?: string | null;
  readonly kind?: ReportLine['kind'];
  readonly base?: string | null;
  readonly rate?: string | null;
  readonly amount?: string | null;
  readonly bond?: string | undefined;
  readonly bondRate?: string | undefined;
  readonly caps?: ReportLine['caps'];
  readonly reasons?: ReportLine['reasons'];
  readonly missingFacts?: ReportLine['missingFacts'];
  readonly citations?: ReportLine['citations'];
  readonly assumptions?: ReportLine['assumptions'];
  readonly version?: string | null;
  readonly parameters?: ReportLine['parameters'];
  readonly alternatives?: ReportLine['alternatives'];
}

/**
 * A report line in the key order of docs/contract.md §2.2, so output is byte-stable. One object literal per shape
 * (only bond lines carry `bond` and `bondRate`, after `amount`): a literal keeps every property in
 * the object itself, where adding them one by one would give each of a million lines a second
 * block for the rest.
 */
function shell(head: Head, status: Status, f: Fields): ReportLine {
  // The line itself is the caller's (no other line or evaluation holds it): not frozen.
  const line: { -readonly [K in keyof ReportLine]: ReportLine[K] } =
    f.bond === undefined
      ? {
          id: head.id,
          status,
          measure: f.measure ?? null,
          component: f.component ?? null,
          kind: f.kind ?? null,
          fiscalYear: head.fiscalYear,
          claimed: head.claimed,
          base: f.base ?? null,
          rate: f.rate ?? null,
          amount: f.amount ?? null,
          caps: f.caps ?? EMPTY,
          reasons: f.reasons ?? EMPTY,
          missingFacts: f.missingFacts ?? EMPTY,
          citations: f.citations ?? EMPTY,
          assumptions: f.assumptions ?? EMPTY,
          row: head.row,
          entity: head.entity,
          version: f.version ?? null,
          parameters: f.parameters ?? EMPTY,
          alternatives: f.alternatives ?? EMPTY,
        }
      : {
          id: head.id,
          status,
          measure: f.measure ?? null,
          component: f.component ?? null,
          kind: f.kind ?? null,
          fiscalYear: head.fiscalYear,
          claimed: head.claimed,
          base: f.base ?? null,
          rate: f.rate ?? null,
          amount: f.amount ?? null,
          bond: f.bond,
          bondRate: f.bondRate,
          caps: f.caps ?? EMPTY,
          reasons: f.reasons ?? EMPTY,
          missingFacts: f.missingFacts ?? EMPTY,
          citations: f.citations ?? EMPTY,
          assumptions: f.assumptions ?? EMPTY,
          row: head.row,
          entity: head.entity,
          version: f.version ?? null,
          parameters: f.parameters ?? EMPTY,
          alternatives: f.alternatives ?? EMPTY,
        };
  if (head.memo !== undefined) line.memo = head.memo;
  return line;
}

function headOf(line: LedgerLine): Head {
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
  return shell(line, 'invalid', {});
}

/** What lines judged alike share when no measure takes them. */
interface Decided {
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

/** What report lines read of the evaluation: a line's own fact values and the fragments lines share. */
export interface ReportContext {
  value(line: LedgerLine, fact: string): FactValue | Missing;
  readonly shared: SharedValues;
}

/**
 * Decisions by candidates, then by what else of the line their reasons show: the fiscal year
 * (NO_VERSION, OUT_OF_PERIOD — lines of several years share candidates) or, with no candidate, the
 * program (NO_MEASURE).
 */
const decidedCache = new WeakMap<readonly Candidate[], Map<string | number, Decided>>();

function decide(
  candidates: readonly Candidate[],
  fiscalYear: number,
  program: string,
  actualOf: ActualOf,
  context: ReportContext,
): Decided {
  const { shared } = context;
  let byLine = decidedCache.get(candidates);
  if (byLine === undefined) {
    byLine = new Map();
    decidedCache.set(candidates, byLine);
  }
  const lineKey = candidates.length === 0 ? program : fiscalYear;
  const cached = byLine.get(lineKey);
  if (cached !== undefined) return cached;
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
    const reasons = shared.list(
      candidates.flatMap((candidate) =>
        reasonsOf(candidate, fiscalYear, actualOf).map((reason) => shared.reason(reason)),
      ),
    );
    const varying = frozen(
      reasons.flatMap((reason, index) =>
        reason.fact !== null && reason.actual !== null ? [index] : [],
      ),
    );
    const citations = shared.list(mergeCitations(reasons.map((reason) => reason.citations)));
    const assumptions = sortedUnique(candidates.flatMap(candidateAssumptions), shared);
    const undetermined = candidates.find(
      (candidate): candidate is Extract<Candidate, { status: 'undetermined' }> =>
        candidate.status === 'undetermined',
    );
    if (undetermined !== undefined) {
      const missing = candidates.flatMap((candidate) =>
        candidate.status === 'undetermined'
          ? candidate.unknown.flatMap((entry) => entry.explanation.missing)
          : [],
      );
      const only = undetermined.unknown.length === 1 ? undetermined.unknown[0] : undefined;
      decided = {
        status: 'undetermined',
        measure: undetermined.measure.id,
        component: (only?.component ?? undetermined.stated)?.id ?? null,
        kind: undetermined.measure.kind,
        reasons,
        missingFacts: sortedUnique(missing, shared),
        citations,
        assumptions,
        version:
          undetermined.version === null
            ? null
            : `${undetermined.measure.id}@${undetermined.version.id}`,
        reviews: EMPTY,
        varying,
      };
    } else {
      decided = {
        status: 'ineligible',
        measure: null,
        component: null,
        kind: null,
        reasons,
        missingFacts: EMPTY,
        citations,
        assumptions,
        version: null,
        reviews: frozen([...new Set(candidates.flatMap(reviewNotes))]),
        varying,
      };
    }
  }
  byLine.set(lineKey, decided);
  return decided;
}

/** A line no measure takes: undetermined if one could apply with more facts or rules, else ineligible. */
export function decidedLine(
  line: LedgerLine,
  candidates: readonly Candidate[],
  context: ReportContext,
): { line: ReportLine; warnings: ReportWarning[] } {
  const actualOf: ActualOf = (fact) => context.value(line, fact);
  const decided = decide(candidates, line.fiscalYear, line.program, actualOf, context);
  return {
    line: shell(
      headOf(line),
      decided.status,
      decided.varying.length === 0
        ? decided
        : { ...decided, reasons: ownValues(decided, actualOf, context.shared) },
    ),
    warnings: decided.reviews.map((message) => ({
      code: 'MANUAL_REVIEW',
      line: line.id,
      message: `line ${line.id}: ${message}`,
    })),
  };
}

/** Two shown values alike (lists element by element). */
function sameValue(a: FactValue, b: Reason['actual']): boolean {
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((item, index) => item === b[index]);
  return a === b;
}

/** The shared reasons with this line's own value wherever a fact's value shows. */
function ownValues(decided: Decided, actualOf: ActualOf, shared: SharedValues): readonly Reason[] {
  const reasons = [...decided.reasons];
  for (const index of decided.varying) {
    const reason = reasons[index];
    if (reason === undefined || reason.fact === null) continue;
    const actual = actualOf(reason.fact);
    // Never missing where a value shows: a missing fact's leaf comes out apart (unknown).
    if (actual === MISSING || sameValue(actual, reason.actual)) continue;
    reasons[index] = shared.reason({ ...reason, actual });
  }
  return shared.list(reasons);
}

/** What lines taken by the same measure, version, component and conditions share. */
interface Taken {
  readonly citations: readonly Citation[];
  readonly assumptions: readonly string[];
  readonly parameters: readonly Parameter[];
  readonly version: string;
}

const takenCache = new WeakMap<EligibleCandidate, Taken>();

const parametersCache = new WeakMap<Component, readonly Parameter[]>();

/**
 * The parameters a component's lines show: the same list for all of them, in every evaluation
 * with the component's rule set, so frozen with its objects.
 */
function parametersOf(component: Component): readonly Parameter[] {
  let list = parametersCache.get(component);
  if (list === undefined) {
    list = frozen(listParameters(component));
    parametersCache.set(component, list);
  }
  return list;
}

function listParameters(component: Component): Parameter[] {
  const amount = component.amount;
  const list: Parameter[] = [];
  if (amount.method === 'rate')
    list.push({ name: 'rate', label: amount.rate.label, value: amount.rate.value });
  if (amount.method === 'per-person')
    list.push({
      name: 'unitAmount',
      label: amount.unitAmount.label,
      value: amount.unitAmount.value,
    });
  if (amount.method === 'overhead')
    list.push({ name: 'maxRate', label: amount.maxRate.label, value: amount.maxRate.value });
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
    );
    if (amount.termYears !== undefined)
      list.push({
        name: 'termYears',
        label: amount.termYears.label,
        value: String(amount.termYears.value),
      });
  }
  for (const cap of component.caps ?? [])
    list.push({
      name: `cap:${cap.id}`,
      label: cap.label,
      value:
        cap.shareOf !== undefined
          ? `${cap.shareOf.rate.value} × ${cap.shareOf.fact}${cap.limit === null ? '' : `, ≤ ${cap.limit}`}`
          : (cap.limit ?? '資料に記載なし'),
    });
  if (component.headcount !== undefined) {
    list.push({
      name: `headcount:${component.headcount.id}`,
      label: component.headcount.label,
      value: String(component.headcount.limit),
    });
  }
  return list;
}

function eligibleCitations(candidate: EligibleCandidate): readonly Citation[] {
  const { measure, version, component } = candidate;
  const ids: string[] = [...version.fiscalYears.cite];
  for (const item of candidate.explanation.decisive)
    ids.push(...(item.kind === 'leaf' ? item.leaf.cite : item.cite));
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
  for (const cap of component.caps ?? []) ids.push(...cap.cite);
  ids.push(...(component.headcount?.cite ?? []));
  return cite(measure, ids);
}

function taken(candidate: EligibleCandidate, shared: SharedValues): Taken {
  let fragments = takenCache.get(candidate);
  if (fragments === undefined) {
    fragments = {
      citations: eligibleCitations(candidate),
      assumptions: sortedUnique(candidateAssumptions(candidate), shared),
      parameters: parametersOf(candidate.component),
      version: `${candidate.measure.id}@${candidate.version.id}`,
    };
    takenCache.set(candidate, fragments);
  }
  return fragments;
}

/** A line a measure took, with the group computation's result (which may still make it invalid). */
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
    const message = `line ${line.id}: ${allocation.field}: expected ${allocation.expected}, received ${allocation.received}`;
    return {
      line: shell(head, 'invalid', common),
      error: {
        line: line.id,
        row: line.row,
        entity: line.entity.code,
        field: allocation.field,
        expected: allocation.expected,
        received: allocation.received,
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
            text: allocation.text,
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
      assumptions: fragments.assumptions,
      parameters: fragments.parameters,
      alternatives: alternatives.length === 0 ? EMPTY : deepFreeze(alternatives),
    }),
    error: null,
  };
}
