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
 * Decisions by candidates, then by what else of the line their reasons show: the fiscal year
 * (NO_VERSION, OUT_OF_PERIOD — lines of several years share candidates) or, with no candidate, the
 * program (NO_MEASURE).
 */
const decidedCache = new WeakMap<readonly Candidate[], Map<string | number, Decided>>();

export function decisionOf(
  candidates: readonly Candidate[],
  key: string | number,
): Decided | undefined {
  return decidedCache.get(candidates)?.get(key);
}

export function keepDecision(
  candidates: readonly Candidate[],
  key: string | number,
  decided: Decided,
): void {
  let byLine = decidedCache.get(candidates);
  if (byLine === undefined) {
    byLine = new Map();
    decidedCache.set(candidates, byLine);
  }
  byLine.set(key, decided);
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
