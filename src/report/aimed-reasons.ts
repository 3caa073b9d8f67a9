import { costTypeFit } from '../eligibility/cost-type-fit.js';
import type { Candidate } from '../eligibility/candidate.js';
import type { Component, Measure, Version } from '../schema/measure.js';
import type { Reason } from '../schema/report.js';
import type { FactLabel } from '../schema/fact-label.js';
import { conditionReason, reasonsOf, unique, type ActualOf } from './describe-candidate.js';

type Open = Exclude<Candidate, { status: 'eligible' }>;

/** One way a candidate measure could have taken the line: a component, or the whole measure. */
interface Pair {
  readonly candidate: Open;
  /** The candidate's position in rule order. */
  readonly order: number;
  readonly component: Component | null;
  readonly componentOrder: number;
  /** 0 the component names the line's cost type, 1 it takes any, 2 it cannot take it (cost-type-fit.ts). */
  readonly fit: number;
  /** Failed conditions on a choice the line states (a line fact of type enum: column, class, type). */
  readonly choiceFails: number;
  /** Failed (or, undetermined, unknown) conditions. */
  readonly fails: number;
  /** Its reasons, the one that decided it first. */
  readonly reasons: readonly Reason[];
}

/** What an ineligible or undetermined line is about, and its reasons in order. */
export interface Aimed {
  /** The measure and component the line's program and cost type aim at; null when none can take it. */
  readonly measure: Measure | null;
  readonly component: Component | null;
  readonly version: Version | null;
  readonly reasons: readonly Reason[];
}

export interface LineTraits {
  readonly status: 'ineligible' | 'undetermined';
  readonly costType: string;
  readonly fiscalYear: number;
  /** Line facts of type enum: what a line states choosing a column, class or type. */
  readonly choiceFacts: ReadonlySet<string>;
  /** A fact as people read it (FACT_MISSING texts). */
  readonly factLabel: FactLabel;
}

/** The version a candidate's components are read from: its own, else the first (before it). */
function versionOf(candidate: Open): Version | null {
  return candidate.version ?? candidate.measure.versions[0] ?? null;
}

/** A cost-type fit as a rank: named first, then open to any, then excluded. */
function fitRank(fit: ReturnType<typeof costTypeFit>): number {
  return fit === 'named' ? 0 : fit === 'open' ? 1 : 2;
}

/** A candidate judged as a whole (no version for the year, after the last, or a stated item). */
function wholePair(candidate: Open, order: number, traits: LineTraits, actualOf: ActualOf): Pair {
  const version = versionOf(candidate);
  const components = version?.components ?? [];
  const fits = components.map((component) =>
    version === null ? 2 : fitRank(costTypeFit(version, component, traits.costType)),
  );
  const { stated } = candidate;
  const fit =
    stated === undefined
      ? Math.min(2, ...fits)
      : version === null
        ? 1
        : fitRank(costTypeFit(version, stated, traits.costType));
  const component = stated ?? (fit < 2 ? components[fits.indexOf(fit)] : undefined);
  return {
    candidate,
    order,
    component: component ?? null,
    componentOrder: component === undefined ? 0 : components.indexOf(component),
    fit,
    choiceFails: 0,
    fails: candidate.stated === undefined ? 1 : 0,
    reasons: reasonsOf(candidate, traits.fiscalYear, actualOf, traits.factLabel),
  };
}

function pairsOf(
  candidate: Open,
  order: number,
  traits: LineTraits,
  actualOf: ActualOf,
): readonly Pair[] {
  const { measure } = candidate;
  const version = candidate.version;
  const entries =
    candidate.status === 'undetermined'
      ? candidate.unknown
      : candidate.outOfPeriod
        ? []
        : candidate.failed;
  if (candidate.stated !== undefined || version === null || entries.length === 0)
    return [wholePair(candidate, order, traits, actualOf)];
  const code = candidate.status === 'undetermined' ? 'FACT_MISSING' : 'CONDITION_FAILED';
  return entries.map(({ component, explanation }) => ({
    candidate,
    order,
    component,
    componentOrder: version.components.indexOf(component),
    fit: fitRank(costTypeFit(version, component, traits.costType)),
    choiceFails: explanation.decisive.filter(
      (item) => item.kind === 'leaf' && !item.missing && traits.choiceFacts.has(item.leaf.fact),
    ).length,
    fails: explanation.decisive.length,
    reasons: unique(
      explanation.decisive.map((decisive) =>
        conditionReason(code, measure, component, decisive, actualOf, traits.factLabel),
      ),
    ),
  }));
}

/**
 * Closest first (docs/decisions.md §1.3): the line's own status (an undetermined line is about
 * what it lacks), a component that can take its cost type, fewest failed choices the line states,
 * one that names the cost type before one that takes any, fewest failed conditions, then rule
 * order of measure and component.
 */
function closer(status: LineTraits['status'], byComponent = true) {
  return (a: Pair, b: Pair): number =>
    Number(a.candidate.status !== status) - Number(b.candidate.status !== status) ||
    Number(a.fit === 2) - Number(b.fit === 2) ||
    a.choiceFails - b.choiceFails ||
    a.fit - b.fit ||
    a.fails - b.fails ||
    a.order - b.order ||
    (byComponent ? a.componentOrder - b.componentOrder : 0);
}

/** A pair's deciding reason: the cost type when it cannot take the line's, else its first. */
function deciding(pair: Pair): readonly Reason[] {
  const costType =
    pair.fit === 2 ? pair.reasons.find((reason) => reason.fact === 'costType') : undefined;
  return [costType ?? pair.reasons[0]].flatMap((reason) => (reason === undefined ? [] : [reason]));
}

/**
 * The measure and component an ineligible or undetermined line aims at, and its reasons: first
 * every reason of that component (the one that decided it leading), then the deciding reason of
 * each other component of that measure that came as close, then one reason for each other
 * candidate measure (its closest component's deciding reason), so every measure of the program is
 * accounted for without repeating each of its components. When no component can take the cost
 * type, the reasons are each measure's cost-type conditions (what it does take).
 */
export function aimedReasons(
  candidates: readonly Candidate[],
  traits: LineTraits,
  actualOf: ActualOf,
): Aimed {
  const open = candidates.flatMap((candidate, order) =>
    candidate.status === 'eligible' ? [] : [{ candidate, order }],
  );
  const byCandidate = open.map(({ candidate, order }) =>
    [...pairsOf(candidate, order, traits, actualOf)].sort(closer(traits.status)),
  );
  const best = byCandidate.flatMap((pairs) => pairs.slice(0, 1)).sort(closer(traits.status))[0];
  if (best !== undefined && best.fit < 2) {
    // Components of the aimed measure that came as close: a clerk sees each way it could have applied.
    const tie = closer(traits.status, false);
    const tied = (byCandidate.find((pairs) => pairs[0] === best) ?? []).filter(
      (pair) => pair !== best && tie(pair, best) === 0,
    );
    const others = byCandidate.flatMap((pairs) =>
      pairs[0] === undefined || pairs[0].candidate === best.candidate ? [] : deciding(pairs[0]),
    );
    return {
      measure: best.candidate.measure,
      component: best.component,
      version: best.candidate.version,
      reasons: unique([...best.reasons, ...tied.flatMap(deciding), ...others]),
    };
  }
  const reasons = byCandidate.flatMap((pairs) => {
    const costType = pairs.flatMap((pair) =>
      pair.reasons.filter((reason) => reason.fact === 'costType'),
    );
    return costType.length > 0 ? costType : pairs.slice(0, 1).flatMap(deciding);
  });
  return { measure: null, component: null, version: null, reasons: unique(reasons) };
}
