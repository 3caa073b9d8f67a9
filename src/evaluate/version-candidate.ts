import type { Candidate } from '../eligibility/candidate.js';
import type { VersionOutcome } from '../eligibility/version-evaluator.js';
import type { Component, InForceFrom, Measure, Version } from '../schema/measure.js';

// The candidates a line assessor (line-assessor.ts) builds from a measure version's outcome.

/** Whether the first version has a component the sources say was created after `fiscalYear`. */
export function hasNewComponent(measure: Measure, first: Version, fiscalYear: number): boolean {
  const from = measure.inForceFrom;
  if (from !== undefined && fiscalYear < from.fiscalYear) return false;
  return first.components.some(
    (component) =>
      component.inForceFrom !== undefined && fiscalYear < component.inForceFrom.fiscalYear,
  );
}

export function notInForce(
  measure: Measure,
  first: Version,
  from: InForceFrom,
  component: Component | null,
): Candidate {
  return {
    status: 'ineligible',
    measure,
    version: first,
    failed: [],
    outOfPeriod: false,
    notInForce: { from, component },
  };
}

/** A measure version's candidate from its components' outcomes (the first true component takes the line). */
export function fromOutcome(
  measure: Measure,
  version: Version,
  outcome: VersionOutcome,
): Candidate {
  const judged = version.components.map((component, index) => {
    const explanation = outcome[index];
    if (explanation === undefined)
      throw new Error(`no outcome for component ${index} of ${measure.id}@${version.id}`);
    return { component, explanation };
  });
  const eligible = judged.find((entry) => entry.explanation.value === 'true');
  const amount = eligible?.component.amount;
  if (eligible !== undefined && amount?.method === 'none') {
    // Informational: the line is recognised, and the sources say why no number follows.
    return amount.outcome === 'undetermined'
      ? { status: 'undetermined', measure, version, unknown: [], stated: eligible.component }
      : {
          status: 'ineligible',
          measure,
          version,
          failed: [],
          outOfPeriod: false,
          stated: eligible.component,
        };
  }
  if (eligible !== undefined)
    return {
      status: 'eligible',
      measure,
      version,
      component: eligible.component,
      explanation: eligible.explanation,
    };
  const unknown = judged.filter((entry) => entry.explanation.value === 'unknown');
  if (unknown.length > 0) return { status: 'undetermined', measure, version, unknown };
  return { status: 'ineligible', measure, version, failed: judged, outOfPeriod: false };
}
