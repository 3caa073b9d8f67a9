import type { EligibleCandidate } from '../compute/choose-candidate.js';
import type { Candidate } from '../eligibility/candidate.js';
import type { Component } from '../schema/measure.js';
import type { ReportLine } from '../schema/report.js';
import type { Decided } from './decided-line.js';
import type { Taken } from './eligible-line.js';

type Parameter = ReportLine['parameters'][number];

/*
 * The report's caches, keyed by rule and judgement objects (weakly: they go with their rule set or
 * evaluation). Lines judged alike — the same candidates array — share what they show, so a
 * million-line report builds each fragment once per judgement, not per line.
 */

/**
 * Decisions by candidates, then by what else of the line their reasons show: the fiscal year and
 * cost type (NO_VERSION, OUT_OF_PERIOD — lines of several years share candidates; the measure
 * aimed at follows the cost type) or, with no candidate, the program (NO_MEASURE, under `''`).
 * Two maps deep rather than keyed by a text joining them: this is looked up once per line.
 */
const decidedCache = new WeakMap<
  readonly Candidate[],
  Map<string | number, Map<string, Decided>>
>();

export function decisionOf(
  candidates: readonly Candidate[],
  first: string | number,
  second: string,
): Decided | undefined {
  return decidedCache.get(candidates)?.get(first)?.get(second);
}

export function keepDecision(
  candidates: readonly Candidate[],
  first: string | number,
  second: string,
  decided: Decided,
): void {
  let byFirst = decidedCache.get(candidates);
  if (byFirst === undefined) {
    byFirst = new Map();
    decidedCache.set(candidates, byFirst);
  }
  let bySecond = byFirst.get(first);
  if (bySecond === undefined) {
    bySecond = new Map();
    byFirst.set(first, bySecond);
  }
  bySecond.set(second, decided);
}

/** What lines taken by the same candidate (measure, version, component, conditions) share. */
const takenCache = new WeakMap<EligibleCandidate, Taken>();

export function takenOf(candidate: EligibleCandidate): Taken | undefined {
  return takenCache.get(candidate);
}

export function keepTaken(candidate: EligibleCandidate, taken: Taken): void {
  takenCache.set(candidate, taken);
}

/** A component's parameters: the same in every evaluation with the component's rule set. */
const parametersCache = new WeakMap<Component, readonly Parameter[]>();

export function parametersOfComponent(component: Component): readonly Parameter[] | undefined {
  return parametersCache.get(component);
}

export function keepParameters(component: Component, parameters: readonly Parameter[]): void {
  parametersCache.set(component, parameters);
}
